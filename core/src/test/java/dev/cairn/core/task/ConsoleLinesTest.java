package dev.cairn.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What the server's console says about tasks: one line as each starts, one as it ends, with a failure's reason. */
final class ConsoleLinesTest {
    @TempDir
    Path temp;
    private Cairn cairn;
    private final ListAppender<ILoggingEvent> console = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(TaskRunner.class);

    @BeforeEach
    void listen() {
        console.start();
        logger.addAppender(console);
        cairn = CoreFixture.start(CairnSettings.defaults(temp.resolve("data")).withScheduling(false, Duration.ofSeconds(15)),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        logger.detachAppender(console);
        cairn.close();
    }

    private List<String> linesAbout(Task task) {
        return console.list.stream().map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains(task.uuid().toString()))
                .toList();
    }

    @Test
    void aBackupThatSucceedsAndOneThatFailsEachGetAStartAndAnEndLine() throws Exception {
        Path files = Files.createDirectories(temp.resolve("files"));
        Files.writeString(files.resolve("a.txt"), "hello");
        Job good = CoreFixture.job(cairn, "fs", Map.of("path", files.toString()), temp.resolve("store"), "daily 4am");
        Job bad = CoreFixture.job(cairn, "fs", Map.of("path", temp.resolve("missing").toString()), temp.resolve("store"),
                "daily 4am");

        Task done = cairn.requests().runJob(good.uuid(), "alice");
        Task failed = cairn.requests().runJob(bad.uuid(), "bob");
        await().atMost(Duration.ofSeconds(30)).until(() -> linesAbout(done).size() == 2 && linesAbout(failed).size() == 2);

        assertThat(linesAbout(done)).satisfiesExactly(
                start -> assertThat(start).contains("started: backup of job " + good.uuid(), "for alice"),
                end -> assertThat(end).contains("done after", "backup of job " + good.uuid()));
        assertThat(linesAbout(failed)).satisfiesExactly(
                start -> assertThat(start).contains("started: backup of job " + bad.uuid(), "for bob"),
                end -> assertThat(end).contains("failed after", "backup of job " + bad.uuid(), "missing"));
    }
}
