package dev.cairn.plugins.postgres;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.ProcessStreams;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns a pg_dump custom-format archive into plain SQL on the fly with {@code pg_restore -f -},
 * which needs no server; an archive that is SQL already (pg_dumpall's) passes through unchanged.
 */
final class SqlConversion {
    private static final byte[] CUSTOM_FORMAT_MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);

    private SqlConversion() {
    }

    /** Writes {@code archive} as SQL to {@code out}; {@code clean} adds {@code --clean --if-exists}. */
    static void toSql(InputStream archive, boolean clean, OutputStream out, TaskContext context) throws IOException {
        PushbackInputStream in = new PushbackInputStream(archive, CUSTOM_FORMAT_MAGIC.length);
        byte[] head = in.readNBytes(CUSTOM_FORMAT_MAGIC.length);
        in.unread(head);
        if (!Arrays.equals(head, CUSTOM_FORMAT_MAGIC)) {
            in.transferTo(out);
            return;
        }
        List<String> command = new ArrayList<>(List.of(PostgresPrograms.path("pg_restore"), "--no-owner", "-f", "-"));
        if (clean) {
            command.addAll(List.of("--clean", "--if-exists"));
        }
        try (ChildProcess restore = context.spawn(ProcessSpec.of(command, Map.of()))) {
            ProcessStreams.filter(restore, "pg_restore", in, out, context);
        }
    }
}
