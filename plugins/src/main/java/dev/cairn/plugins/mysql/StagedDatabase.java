package dev.cairn.plugins.mysql;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.ProcessStreams;
import dev.cairn.plugin.SupervisedProcess;
import dev.cairn.plugin.TaskContext;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A restore of one database loaded into {@code <db>__cairn_restore} beside the live one and
 * swapped in at the end.
 *
 * <p>The swap is one client session: the staged copy's triggers, views, routines and events are
 * first captured with the dump program (MariaDB and MySQL cannot move a table with triggers, nor a
 * view, to another database), then every base table moves in one atomic {@code RENAME TABLE}
 * (live's to {@code <db>__cairn_old}, the staged ones into live), and the captured objects replace
 * live's. The data changes at one instant; the triggers, views, routines and events follow within
 * the same session, a few statements later. Until the swap starts the live database is untouched.
 */
final class StagedDatabase {
    /** MySQL and MariaDB names are at most 64 characters. */
    private static final int MAX_NAME_CHARS = 64;
    /** How long the swap waits for another session's metadata lock before it gives up. */
    private static final int LOCK_WAIT_SECONDS = 60;

    private final MySqlConnection db;
    private final OptionFile file;
    private final List<String> clientOptions;
    private final String live;
    private final String staged;
    private final String old;

    StagedDatabase(MySqlConnection db, OptionFile file, List<String> clientOptions) {
        this.db = db;
        this.file = file;
        this.clientOptions = List.copyOf(clientOptions);
        this.live = db.database();
        this.staged = derived(live, "__cairn_restore");
        this.old = derived(live, "__cairn_old");
    }

    String staged() {
        return staged;
    }

    /**
     * Drops what an earlier restore staged or left over, saying truthfully what state that leaves;
     * does nothing when all is clean. {@code <db>__cairn_old} exists only once the tables were swapped.
     */
    void recover(TaskContext context, boolean afterStop) throws IOException {
        List<String> found = query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ("
                + literal(staged) + ", " + literal(old) + ")", context, afterStop);
        boolean swapped = found.contains(old);
        if (found.contains(staged) && !swapped) {
            context.log("dropping database " + staged + ", which a restore staged and never swapped in; database "
                    + live + " was not changed by that restore");
        }
        if (swapped) {
            context.log("a restore had swapped its tables into " + live + " when it stopped: " + live + " holds the"
                    + " restored tables; dropping " + old + " (the tables from before it)" + (found.contains(staged)
                    ? " and " + staged + "; the triggers, views, routines and events of " + live
                    + " may not all have been replaced by the archive's: check them or restore again" : ""));
        }
        for (String leftover : found) {
            execute("DROP DATABASE IF EXISTS " + quoted(leftover), context, afterStop);
        }
    }

    /** Creates the staging database with the live one's character set and collation. */
    void create(TaskContext context) throws IOException {
        List<String> charset = query("SELECT CONCAT(DEFAULT_CHARACTER_SET_NAME, ' ', DEFAULT_COLLATION_NAME)"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " + literal(live), context, false);
        String options = "";
        if (charset.isEmpty()) {
            context.log("database " + live + " does not exist: creating database " + live + " on " + db
                    + " when the restored copy is swapped in");
        } else {
            String[] parts = charset.getFirst().split(" ");
            options = " CHARACTER SET " + parts[0] + " COLLATE " + parts[1];
        }
        context.log("creating database " + staged + " beside " + live + (options.isEmpty() ? "" : " (" + options.strip() + ")"));
        execute("CREATE DATABASE " + quoted(staged) + options, context, false);
    }

    /** Loads the dump into the staging database, refusing any statement that would reach another database. */
    void load(InputStream dump, String client, TaskContext context) throws IOException {
        List<String> options = new ArrayList<>(clientOptions);
        options.add("--database=" + staged);
        context.log("restoring database " + live + " on " + db + " with " + name(client) + " into " + staged + "; "
                + live + " is not changed until it is complete");
        try (ChildProcess child = context.spawn(ProcessSpec.of(file.command(client, options), Map.of()))) {
            ProcessStreams.feedInput(child, name(client), new OneDatabaseDump(dump), context);
        }
    }

    /** Moves the staged tables into the live database in one RENAME TABLE, and the other objects after them. */
    void swap(String dump, TaskContext context) throws IOException {
        List<String> dumpOptions = new ArrayList<>(db.options());
        dumpOptions.addAll(List.of("--no-create-info", "--no-data", "--skip-comments", "--default-character-set=utf8mb4"));
        byte[] triggers = capture(dump, dumpOptions, List.of("--skip-routines", "--skip-events", "--triggers", "--", staged), context);
        byte[] routines = capture(dump, dumpOptions, List.of("--skip-triggers", "--routines", "--events", "--", staged), context);
        List<String> views = query(names("TABLE_NAME", "information_schema.VIEWS", "TABLE_SCHEMA", staged), context, false);
        byte[] viewDefinitions = new byte[0];
        if (!views.isEmpty()) {
            List<String> viewOptions = new ArrayList<>(db.options());
            viewOptions.addAll(List.of("--no-data", "--skip-triggers", "--skip-routines", "--skip-events", "--skip-comments",
                    "--default-character-set=utf8mb4", "--", staged));
            viewOptions.addAll(views);
            viewDefinitions = capture(dump, viewOptions, List.of(), context);
        }

        StringBuilder script = new StringBuilder();
        script.append("SET SESSION lock_wait_timeout = ").append(LOCK_WAIT_SECONDS).append(";\n");
        script.append("CREATE DATABASE IF NOT EXISTS ").append(quoted(live)).append(charsetOf(staged, context)).append(";\n");
        script.append("CREATE DATABASE ").append(quoted(old)).append(";\n");
        for (String trigger : query(names("TRIGGER_NAME", "information_schema.TRIGGERS", "TRIGGER_SCHEMA", staged), context, false)) {
            script.append("DROP TRIGGER ").append(quoted(staged)).append('.').append(quoted(trigger)).append(";\n");
        }
        for (String trigger : query(names("TRIGGER_NAME", "information_schema.TRIGGERS", "TRIGGER_SCHEMA", live), context, false)) {
            script.append("DROP TRIGGER ").append(quoted(live)).append('.').append(quoted(trigger)).append(";\n");
        }
        List<String> renames = new ArrayList<>();
        for (String table : query(baseTables(live), context, false)) {
            renames.add(quoted(live) + "." + quoted(table) + " TO " + quoted(old) + "." + quoted(table));
        }
        for (String table : query(baseTables(staged), context, false)) {
            renames.add(quoted(staged) + "." + quoted(table) + " TO " + quoted(live) + "." + quoted(table));
        }
        if (!renames.isEmpty()) {
            script.append("RENAME TABLE ").append(String.join(", ", renames)).append(";\n");
        }
        script.append("USE ").append(quoted(live)).append(";\n");
        for (String view : query(names("TABLE_NAME", "information_schema.VIEWS", "TABLE_SCHEMA", live), context, false)) {
            script.append("DROP VIEW ").append(quoted(view)).append(";\n");
        }
        for (String routine : query("SELECT CONCAT(ROUTINE_TYPE, ' ', " + quoteFunction("ROUTINE_NAME")
                + ") FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = " + literal(live), context, false)) {
            script.append("DROP ").append(routine).append(";\n");
        }
        for (String event : query(names("EVENT_NAME", "information_schema.EVENTS", "EVENT_SCHEMA", live), context, false)) {
            script.append("DROP EVENT ").append(quoted(event)).append(";\n");
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(script.toString().getBytes(StandardCharsets.UTF_8));
        whole.writeBytes(triggers);
        whole.writeBytes(viewDefinitions);
        whole.writeBytes(routines);
        whole.writeBytes(("\nDROP DATABASE " + quoted(old) + ";\nDROP DATABASE " + quoted(staged) + ";\n")
                .getBytes(StandardCharsets.UTF_8));
        context.log("swapping the " + (renames.size()) + " table move(s) of " + staged + " and " + live
                + " in one RENAME TABLE, then replacing the triggers, views, routines and events of " + live);
        try (ChildProcess child = context.spawn(ProcessSpec.of(file.command(client(), clientOptions), Map.of()))) {
            ProcessStreams.feedInput(child, name(client()), new java.io.ByteArrayInputStream(whole.toByteArray()), context);
        }
        context.log("swapped the restored copy " + staged + " in as " + live);
    }

    private String charsetOf(String schema, TaskContext context) throws IOException {
        List<String> charset = query("SELECT CONCAT(DEFAULT_CHARACTER_SET_NAME, ' ', DEFAULT_COLLATION_NAME)"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " + literal(schema), context, false);
        if (charset.isEmpty()) {
            return "";
        }
        String[] parts = charset.getFirst().split(" ");
        return " CHARACTER SET " + parts[0] + " COLLATE " + parts[1];
    }

    private byte[] capture(String dump, List<String> options, List<String> more, TaskContext context) throws IOException {
        List<String> all = new ArrayList<>(options);
        all.addAll(more);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChildProcess child = context.spawn(ProcessSpec.of(file.command(dump, all), Map.of()))) {
            ProcessStreams.copyOutput(child, name(dump), out, context);
        }
        return out.toByteArray();
    }

    private static String baseTables(String schema) {
        return "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA = "
                + literal(schema) + " ORDER BY TABLE_NAME";
    }

    private static String names(String column, String table, String schemaColumn, String schema) {
        return "SELECT " + column + " FROM " + table + " WHERE " + schemaColumn + " = " + literal(schema) + " ORDER BY 1";
    }

    private static String quoteFunction(String column) {
        return "CONCAT('`', REPLACE(" + column + ", '`', '``'), '`')";
    }

    private List<String> query(String sql, TaskContext context, boolean afterStop) throws IOException {
        List<String> options = new ArrayList<>(clientOptions);
        options.addAll(List.of("--skip-column-names", "--raw", "--execute=" + sql));
        ProcessSpec spec = ProcessSpec.of(file.command(client(), options), Map.of());
        boolean interrupted = afterStop && Thread.interrupted();
        try (ChildProcess child = afterStop ? SupervisedProcess.start(spec, context::log) : context.spawn(spec)) {
            child.stdin().close();
            List<String> lines;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8))) {
                lines = reader.lines().filter(line -> !line.isEmpty()).toList();
            }
            child.await();
            return lines;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void execute(String sql, TaskContext context, boolean afterStop) throws IOException {
        query(sql, context, afterStop);
    }

    private static String client() {
        return ClientPrograms.client();
    }

    private static String quoted(String name) {
        return MySqlConnection.quoted(name);
    }

    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String name(String program) {
        return Path.of(program).getFileName().toString();
    }

    /** {@code live + suffix}, shortened with a hash of {@code live} when it would pass 64 characters. */
    static String derived(String live, String suffix) {
        if (live.length() + suffix.length() <= MAX_NAME_CHARS) {
            return live + suffix;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(live.getBytes(StandardCharsets.UTF_8));
            String tag = "_" + HexFormat.of().formatHex(hash, 0, 4);
            int room = MAX_NAME_CHARS - suffix.length() - tag.length();
            int end = Character.isHighSurrogate(live.charAt(room - 1)) ? room - 1 : room;
            return live.substring(0, end) + tag + suffix;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * The dump as it is, failing when a line would switch to or create another database ({@code USE},
     * {@code CREATE DATABASE}: a dump written with --databases), so that nothing of it lands outside
     * the staging database. Reads line starts only; memory stays bounded.
     */
    private static final class OneDatabaseDump extends java.io.FilterInputStream {
        private static final List<String> REFUSED = List.of("USE ", "CREATE DATABASE ", "/*!40000 CREATE DATABASE",
                "CREATE SCHEMA ");
        private final StringBuilder lineStart = new StringBuilder();
        private boolean atLineStart = true;

        OneDatabaseDump(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + Math.max(n, 0); i++) {
                char c = (char) (buffer[i] & 0xff);
                if (c == '\n') {
                    atLineStart = true;
                    lineStart.setLength(0);
                } else if (atLineStart) {
                    lineStart.append(Character.toUpperCase(c));
                    check();
                }
            }
            return n;
        }

        private void check() {
            String start = lineStart.toString();
            for (String refused : REFUSED) {
                if (start.startsWith(refused)) {
                    throw new PluginException("this archive switches to or creates another database (" + start.strip()
                            + "…, a dump written with --databases): restore it into a mysql target whose 'database' is"
                            + " empty, or restore a dump of one database without --databases");
                }
            }
            if (REFUSED.stream().noneMatch(refused -> refused.startsWith(start) || start.startsWith(refused))) {
                atLineStart = false;
            }
        }
    }
}
