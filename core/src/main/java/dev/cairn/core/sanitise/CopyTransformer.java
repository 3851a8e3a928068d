package dev.cairn.core.sanitise;

import dev.cairn.core.CairnException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the row-local column rules ({@code hash}, {@code fake}, {@code mask}, {@code shift},
 * {@code null}, {@code value}) to the data of a PostgreSQL SQL script as it streams past, the
 * output of {@code pg_restore --section=data -f -}: every line is passed on as it is, except the
 * rows of a {@code COPY t (cols) FROM stdin;} block of a table with such rules, whose ruled fields
 * are decoded from COPY text format, rewritten with the same {@link JavaRules} the in-database path
 * uses (so a value hashes the same on either path) and encoded again; a dropped table's rows are
 * left out. Memory is bounded by the longest line. Not thread-safe.
 *
 * <p>{@code sql} rules and subsets need the loaded database and are left to {@link Sanitiser}.
 * Values are read as the JDBC driver reads them ({@code timestamptz} at UTC offset, numbers by
 * their text), which is what keeps the two paths' hashes and offsets equal.
 */
public final class CopyTransformer {
    private static final Pattern COPY = Pattern.compile("^COPY (.+?) \\((.*)\\) FROM stdin;$");
    private static final byte[] END = {'\\', '.'};
    private static final DateTimeFormatter TIMESTAMPTZ = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .appendOffset("+HH:mm:ss", "+00").toFormatter();
    private static final byte[] FREEZE = " WITH (FREEZE);".getBytes(StandardCharsets.US_ASCII);
    private final Map<String, Plan.TablePlan> tables = new HashMap<>();
    private final Map<String, String> partitionRoots;
    private final boolean freshTables;
    private final JavaRules rules;
    private long rewritten;

    /**
     * {@code partitionRoots} maps each partition to the table of the plan its rows belong to. When
     * {@code freshTables} (the script loads into tables the same load created, empty), each table's
     * block is wrapped as pg_restore does in parallel mode: {@code BEGIN; TRUNCATE ONLY t; COPY t
     * … WITH (FREEZE); … COMMIT;}, so that on a {@code wal_level = minimal} server the rows skip the
     * WAL and are written frozen. A partition's rewritten rows are loaded through its root, since
     * a rewritten value may belong in another partition; a root is never wrapped.
     */
    CopyTransformer(Plan plan, byte[] key, Map<String, String> partitionRoots, boolean freshTables) {
        plan.tables().forEach(t -> tables.put(t.table().qualified(), t));
        this.partitionRoots = Map.copyOf(partitionRoots);
        this.freshTables = freshTables;
        this.rules = new JavaRules(key);
    }

    /** Rows rewritten or left out so far. */
    public long rows() {
        return rewritten;
    }

    /**
     * Copies the script {@code in} to {@code out}, rewriting the rows of tables with row-local
     * rules; throws {@link CairnException.InvalidInput} for the rows of a table the plan does not
     * know, which would otherwise pass unmasked.
     */
    public void transform(InputStream in, OutputStream out) throws IOException {
        LineReader lines = new LineReader(in);
        Block block = null;
        byte[] line;
        while ((line = lines.next()) != null) {
            int length = lines.length();
            if (block != null) {
                if (length == 2 && line[0] == END[0] && line[1] == END[1]) {
                    out.write(line, 0, length);
                    out.write('\n');
                    if (block.wrapped) {
                        out.write(COMMIT);
                    }
                    block = null;
                    continue;
                }
                if (block.drop) {
                    rewritten++;
                    continue;
                }
                if (block.passThrough) {
                    out.write(line, 0, length);
                } else {
                    block.rewrite(line, length, out);
                    rewritten++;
                }
                out.write('\n');
                continue;
            }
            if (length > 5 && line[0] == 'C' && line[1] == 'O' && line[2] == 'P' && line[3] == 'Y' && line[4] == ' ') {
                block = block(new String(line, 0, length, StandardCharsets.UTF_8));
            }
            if (block != null && block.wrapped) {
                out.write(("BEGIN;\nTRUNCATE ONLY " + block.target + ";\n").getBytes(StandardCharsets.UTF_8));
                out.write(line, 0, length - 1);
                out.write(FREEZE);
            } else if (block != null && block.copyLine != null) {
                out.write(block.copyLine.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write(line, 0, length);
            }
            out.write('\n');
        }
        if (block != null) {
            throw new IOException("the data ended inside the COPY block of " + block.table.table().qualified());
        }
    }

    private static final byte[] COMMIT = "COMMIT;\n".getBytes(StandardCharsets.US_ASCII);

    /** The block a COPY line opens (null for a line that only looks like one). */
    private Block block(String copyLine) {
        Matcher m = COPY.matcher(copyLine);
        if (!m.matches()) {
            return null;
        }
        List<String> name = identifiers(m.group(1), '.');
        String qualified = name.size() == 2 ? name.get(0) + "." + name.get(1) : "public." + name.getFirst();
        Plan.TablePlan table = tables.get(partitionRoots.getOrDefault(qualified, qualified));
        if (table == null) {
            throw new CairnException.InvalidInput("the data holds rows of table " + qualified
                    + ", which the schema the rules were checked against does not have; no variant is made");
        }
        List<String> columns = identifiers(m.group(2), ',');
        ColumnRule[] ruleOf = new ColumnRule[columns.size()];
        LiveSchema.Column[] columnOf = new LiveSchema.Column[columns.size()];
        boolean any = false;
        for (int i = 0; i < columns.size(); i++) {
            ColumnRule rule = table.columns().get(columns.get(i));
            if (rule != null && !(rule instanceof ColumnRule.Safe) && !(rule instanceof ColumnRule.Sql)) {
                ruleOf[i] = rule;
                columnOf[i] = table.table().column(columns.get(i)).orElseThrow(() -> new CairnException.InvalidInput(
                        "the data of " + table.table().qualified() + " has a column the schema lacks"));
                any = true;
            }
        }
        String root = partitionRoots.get(qualified);
        if (root != null && any) {
            // a rewritten value may belong in another partition (a shifted date, a hashed key): through the root, it goes there
            String routed = "COPY " + quoted(root) + " (" + m.group(2) + ") FROM stdin;";
            return new Block(table, quoted(root), routed, ruleOf, columnOf, table.dropped(), false, false);
        }
        boolean wrapped = freshTables && !partitionRoots.containsValue(qualified);
        return new Block(table, m.group(1), null, ruleOf, columnOf, table.dropped(), !any, wrapped);
    }

    /** {@code schema.table} as a quoted SQL name. */
    private static String quoted(String qualified) {
        int dot = qualified.indexOf('.');
        return quote(qualified.substring(0, dot)) + "." + quote(qualified.substring(dot + 1));
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code a.b}, {@code "A ""b""".c} or {@code a, "B"} split at {@code separator} outside quotes, unquoted. */
    static List<String> identifiers(String text, char separator) {
        List<String> names = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    name.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    name.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                names.add(name.toString());
                name.setLength(0);
            } else if (c != ' ') {
                name.append(c);
            }
        }
        names.add(name.toString());
        return names;
    }

    private final class Block {
        /** How many results a field remembers, and how many bytes of them at most. */
        private static final int MEMO_ENTRIES = 8192;
        private static final long MEMO_BYTES = 1 << 20;
        private final Plan.TablePlan table;
        /** The table as the COPY line names it. */
        private final String target;
        /** The COPY line written instead of the script's, or null. */
        private final String copyLine;
        private final ColumnRule[] ruleOf;
        private final LiveSchema.Column[] columnOf;
        private final boolean drop;
        private final boolean passThrough;
        private final boolean wrapped;
        /** Per field, results of the rules that depend on the value only, by the value: repeated values are common. */
        private final Map<String, byte[]>[] memo;
        private final long[] memoBytes;
        private byte[] masked = new byte[256];

        @SuppressWarnings("unchecked")
        Block(Plan.TablePlan table, String target, String copyLine, ColumnRule[] ruleOf, LiveSchema.Column[] columnOf,
              boolean drop, boolean passThrough, boolean wrapped) {
            this.table = table;
            this.target = target;
            this.copyLine = copyLine;
            this.ruleOf = ruleOf;
            this.columnOf = columnOf;
            this.drop = drop;
            this.passThrough = passThrough;
            this.wrapped = wrapped;
            this.memo = new Map[ruleOf.length];
            this.memoBytes = new long[ruleOf.length];
            for (int i = 0; i < ruleOf.length; i++) {
                if (ruleOf[i] instanceof ColumnRule.Hash || ruleOf[i] instanceof ColumnRule.Fake
                        || ruleOf[i] instanceof ColumnRule.Shift) {
                    memo[i] = new HashMap<>();
                }
            }
        }

        void rewrite(byte[] line, int length, OutputStream out) throws IOException {
            int start = 0;
            for (int field = 0; field < ruleOf.length; field++) {
                int end = start;
                while (end < length && line[end] != '\t') {
                    end++;
                }
                if (field > 0) {
                    out.write('\t');
                }
                ColumnRule rule = ruleOf[field];
                if (rule == null) {
                    out.write(line, start, end - start);
                } else if (end - start == 2 && line[start] == '\\' && line[start + 1] == 'N') {
                    out.write(encode(apply(field, null)));
                } else if (rule instanceof ColumnRule.Mask mask && maskable(mask, line, start, end)) {
                    maskBytes(mask, line, start, end, out);
                } else {
                    String value = decode(line, start, end);
                    Map<String, byte[]> remembered = memo[field];
                    byte[] result = remembered == null ? null : remembered.get(value);
                    if (result == null) {
                        result = encode(apply(field, value));
                        if (remembered != null && remembered.size() < MEMO_ENTRIES && memoBytes[field] < MEMO_BYTES) {
                            remembered.put(value, result);
                            memoBytes[field] += value.length() + result.length;
                        }
                    }
                    out.write(result);
                }
                start = end + 1;
            }
        }

        /** Whether the field is printable ASCII without escapes, so that its bytes are its characters. */
        private static boolean maskable(ColumnRule.Mask mask, byte[] line, int start, int end) {
            if (mask.with() < 0x20 || mask.with() >= 0x7f || mask.with() == '\\') {
                return false;
            }
            for (int i = start; i < end; i++) {
                if (line[i] < 0x20 || line[i] == '\\' || line[i] == 0x7f) {
                    return false;
                }
            }
            return true;
        }

        /** {@link JavaRules#mask} on the bytes of a {@link #maskable} field. */
        private void maskBytes(ColumnRule.Mask mask, byte[] line, int start, int end, OutputStream out) throws IOException {
            int length = end - start;
            if (masked.length < length) {
                masked = new byte[Math.max(length, masked.length * 2)];
            }
            System.arraycopy(line, start, masked, 0, length);
            boolean whole = length <= mask.first() + mask.last();
            for (int i = whole ? 0 : mask.first(); i < (whole ? length : length - mask.last()); i++) {
                masked[i] = (byte) mask.with();
            }
            out.write(masked, 0, length);
        }

        private String apply(int field, String text) {
            ColumnRule rule = ruleOf[field];
            return switch (rule) {
                case ColumnRule.Null n -> null;
                case ColumnRule.Value v -> v.value();
                default -> {
                    if (text == null) {
                        yield null;
                    }
                    LiveSchema.Column column = columnOf[field];
                    Object result;
                    try {
                        result = rules.apply(rule, column, read(column, text));
                    } catch (NumberFormatException | DateTimeParseException e) {
                        throw new CairnException.InvalidInput(table.table().qualified() + "." + column.name()
                                + ": cannot read a value of type " + column.sqlType() + " for rule " + rule.name());
                    }
                    yield result == null ? null : JavaRules.text(result);
                }
            };
        }
    }

    /** A field's text as the JDBC driver would hand it to {@link JavaRules#read}. */
    static Object read(LiveSchema.Column column, String text) {
        boolean infinite = text.equals("infinity") || text.equals("-infinity");
        boolean positive = !text.startsWith("-");
        return switch (column.kind()) {
            case INTEGER -> Long.parseLong(text);
            case DECIMAL -> JavaRules.decimal(text);
            case FLOAT -> Double.parseDouble(text);
            case DATE -> infinite ? (positive ? LocalDate.MAX : LocalDate.MIN) : LocalDate.parse(text);
            case TIMESTAMP -> infinite ? (positive ? LocalDateTime.MAX : LocalDateTime.MIN)
                    : LocalDateTime.parse(text.replace(' ', 'T'));
            case TIMESTAMPTZ -> infinite ? (positive ? OffsetDateTime.MAX : OffsetDateTime.MIN)
                    : OffsetDateTime.parse(text, TIMESTAMPTZ).withOffsetSameInstant(ZoneOffset.UTC);
            default -> text;
        };
    }

    /** The COPY text field {@code line[start, end)} decoded (backslash escapes, octal and hex bytes). */
    static String decode(byte[] line, int start, int end) {
        int backslash = -1;
        for (int i = start; i < end; i++) {
            if (line[i] == '\\') {
                backslash = i;
                break;
            }
        }
        if (backslash < 0) {
            return new String(line, start, end - start, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            byte b = line[i];
            if (b != '\\' || i + 1 >= end) {
                bytes.write(b);
                continue;
            }
            byte c = line[++i];
            switch (c) {
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'v' -> bytes.write(0x0B);
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < end && Character.digit(line[i + 1], 16) >= 0) {
                        value = value * 16 + Character.digit(line[++i], 16);
                        digits++;
                    }
                    if (digits == 0) {
                        bytes.write('x');
                    } else {
                        bytes.write(value);
                    }
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        int value = c - '0';
                        for (int digits = 1; digits < 3 && i + 1 < end && line[i + 1] >= '0' && line[i + 1] <= '7'; digits++) {
                            value = value * 8 + (line[++i] - '0');
                        }
                        bytes.write(value);
                    } else {
                        bytes.write(c);
                    }
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** {@code value} as a COPY text field: {@code \\N} for NULL, backslash, newline, CR and tab escaped. */
    static byte[] encode(String value) {
        if (value == null) {
            return new byte[] {'\\', 'N'};
        }
        int first = 0;
        while (first < value.length() && !escaped(value.charAt(first))) {
            first++;
        }
        if (first == value.length()) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(value.length() + 8).append(value, 0, first);
        appendEscaped(text, value, first);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code value} from index {@code from} on, appended to {@code text} as COPY text escapes it. */
    static void appendEscaped(StringBuilder text, String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
    }

    private static boolean escaped(char c) {
        return c == '\\' || c == '\n' || c == '\r' || c == '\t';
    }

    /** Lines of a byte stream without their {@code \n}, in one reused, growing buffer. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private byte[] line = new byte[1 << 12];
        private int length;

        LineReader(InputStream in) {
            this.in = in;
        }

        int length() {
            return length;
        }

        /** The next line (valid until the next call; {@link #length} bytes of it), or null at the end. */
        byte[] next() throws IOException {
            length = 0;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return any ? line : null;
                    }
                }
                any = true;
                int i = position;
                while (i < limit && buffer[i] != '\n') {
                    i++;
                }
                int n = i - position;
                if (length + n > line.length) {
                    line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + n));
                }
                System.arraycopy(buffer, position, line, length, n);
                length += n;
                if (i < limit) {
                    position = i + 1;
                    return line;
                }
                position = limit;
            }
        }
    }
}
