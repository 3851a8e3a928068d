package dev.cairn.server.api;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One real core and API server per test class, on a temporary data directory, stopped after the class. */
abstract class ApiTestBase {
    @TempDir
    static Path root;
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(root);
    }

    @AfterAll
    static void stop() {
        api.close();
    }
}
