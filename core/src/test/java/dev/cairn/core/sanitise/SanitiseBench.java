package dev.cairn.core.sanitise;

import dev.cairn.testing.Binaries;
import dev.cairn.testing.PostgresServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not run by default (not a *Test): the cost of sanitising against a plain restore and dump, on a
 * pgbench database. {@code -Dtest=SanitiseBench -Dsanitise.bench.scale=50}. Prints, for a
 * {@code pg_dump -Fc} archive: pg_restore + pg_dump, and pg_restore + sanitise + pg_dump, their
 * ratio and the JVM's peak RSS.
 */
final class SanitiseBench {
    private static final String RULES = """
            {"tables": {
              "pgbench_accounts": {"columns": {"aid": "hash", "bid": "safe", "abalance": {"shift": 100},
                                               "filler": {"mask": {"first": 2}}}},
              "pgbench_branches": {"columns": {"bid": "safe", "bbalance": {"shift": 100}, "filler": "null"}},
              "pgbench_tellers": {"columns": {"tid": "safe", "bid": "safe", "tbalance": {"shift": 100}, "filler": "null"}},
              "pgbench_history": "drop"
            }}""";

    @TempDir
    Path temp;

    @Test
    void sanitiseAgainstPlainRestoreAndDump() throws Exception {
        int scale = Integer.getInteger("sanitise.bench.scale", 10);
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("source");
            run(postgres, List.of(Binaries.require("pgbench", "postgresql-contrib").toString(), "-i", "-q", "-s",
                    String.valueOf(scale), "source"), null);
            Path archive = temp.resolve("source.dump");
            run(postgres, List.of(Binaries.require("pg_dump", "postgresql-client").toString(), "-Fc", "-Z", "0", "-f",
                    archive.toString(), "source"), null);
            System.out.printf("scale %d, archive %d MB%n", scale, Files.size(archive) >> 20);

            postgres.createDatabase("plain");
            long start = System.nanoTime();
            restore(postgres, archive, "plain");
            long restored = System.nanoTime();
            dump(postgres, "plain");
            long plain = System.nanoTime() - start;
            System.out.printf("plain:     restore %.1f s, dump %.1f s, total %.1f s%n", (restored - start) / 1e9,
                    (System.nanoTime() - restored) / 1e9, plain / 1e9);

            postgres.createDatabase("variant");
            start = System.nanoTime();
            restore(postgres, archive, "variant");
            restored = System.nanoTime();
            try (Connection connection = postgres.connect("variant")) {
                Sanitiser.run(connection, Rules.parse(RULES), SanitiserPostgresTest.KEY, System.out::println);
            }
            long sanitised = System.nanoTime();
            dump(postgres, "variant");
            long variant = System.nanoTime() - start;
            System.out.printf("variant:   restore %.1f s, sanitise %.1f s, dump %.1f s, total %.1f s%n", (restored - start) / 1e9,
                    (sanitised - restored) / 1e9, (System.nanoTime() - sanitised) / 1e9, variant / 1e9);
            System.out.printf("ratio %.2f, JVM peak RSS %s%n", (double) variant / plain, peakRss());
        }
    }

    private static void restore(PostgresServer postgres, Path archive, String database) throws Exception {
        run(postgres, List.of(Binaries.require("pg_restore", "postgresql-client").toString(), "-d", database, archive.toString()),
                null);
    }

    private static void dump(PostgresServer postgres, String database) throws Exception {
        run(postgres, List.of(Binaries.require("pg_dump", "postgresql-client").toString(), database), new File("/dev/null"));
    }

    private static void run(PostgresServer postgres, List<String> command, File output) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.addAll(1, List.of("-h", postgres.host(), "-p", String.valueOf(postgres.port()), "-U", postgres.user()));
        ProcessBuilder builder = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.redirectOutput(output == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.to(output));
        builder.environment().put("PGPASSWORD", postgres.password());
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(full + " failed");
        }
    }

    private static String peakRss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("?");
    }
}
