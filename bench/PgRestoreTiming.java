import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.SupervisedProcess;
import dev.cairn.plugin.TaskContext;
import dev.cairn.plugins.postgres.PostgresTarget;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Times one backup or restore of a PostgreSQL database through the postgres plugin alone (no
 * server, store or pipeline), for bench/pg-restore-plugin.sh:
 * {@code java -cp CLASSES bench/PgRestoreTiming.java backup|restore FILE PORT DATABASE}.
 */
public final class PgRestoreTiming {
    public static void main(String[] args) throws Exception {
        String verb = args[0];
        Path file = Path.of(args[1]);
        PostgresTarget target = new PostgresTarget();
        Endpoint endpoint = new Endpoint(target.info(), Map.of("host", "127.0.0.1", "port", Integer.parseInt(args[2]),
                "user", "postgres", "database", args[3]));
        TaskContext context = new TaskContext() {
            @Override
            public void log(String line) {
                System.err.println("  | " + line);
            }

            @Override
            public void redact(String secret) {
            }

            @Override
            public ChildProcess spawn(ProcessSpec spec) {
                return SupervisedProcess.start(spec, this::log);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        long start = System.nanoTime();
        if (verb.equals("backup")) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                target.backup(endpoint, out, context);
            }
        } else {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                target.restore(endpoint, in, context);
            }
        }
        System.out.printf("%s %.2f%n", verb, (System.nanoTime() - start) / 1e9);
    }
}
