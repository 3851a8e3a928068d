package dev.cairn.core.sanitise;

import dev.cairn.core.CairnException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
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
    private final Map<String, Plan.TablePlan> tables = new HashMap<>();
    private final JavaRules rules;
    private long rewritten;

    CopyTransformer(Plan plan, byte[] key) {
        plan.tables().forEach(t -> tables.put(t.table().qualified(), t));
        this.rules = new JavaRules(key);
    }

    /** Rows rewritten or left out so far. */
    public long rows() {
        return rewritten;
    }

    /** Copies the script {@code in} to {@code out}, rewriting the rows of tables with row-local rules. */
    public void transform(InputStream in, OutputStream out) throws IOException {
        LineReader lines = new LineReader(in);
        Block block = null;
        byte[] line;
        while ((line = lines.next()) != null) {
            int length = lines.length();
            if (block != null) {
                if (length == 2 && line[0] == END[0] && line[1] == END[1]) {
                    block = null;
                    out.write(line, 0, length);
                } else if (block.drop) {
                    rewritten++;
                    continue;
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
            out.write(line, 0, length);
            out.write('\n');
        }
        if (block != null) {
            throw new IOException("the data ended inside the COPY block of " + block.table.table().qualified());
        }
    }

    /** The block a COPY line opens, or null when its table has no row-local rules. */
    private Block block(String copyLine) {
        Matcher m = COPY.matcher(copyLine);
        if (!m.matches()) {
            return null;
        }
        List<String> name = identifiers(m.group(1), '.');
        Plan.TablePlan table = tables.get(name.size() == 2 ? name.get(0) + "." + name.get(1) : "public." + name.getFirst());
        if (table == null) {
            return null;
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
        return table.dropped() || any ? new Block(table, ruleOf, columnOf, table.dropped()) : null;
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
        private final Plan.TablePlan table;
        private final ColumnRule[] ruleOf;
        private final LiveSchema.Column[] columnOf;
        private final boolean drop;

        Block(Plan.TablePlan table, ColumnRule[] ruleOf, LiveSchema.Column[] columnOf, boolean drop) {
            this.table = table;
            this.ruleOf = ruleOf;
            this.columnOf = columnOf;
            this.drop = drop;
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
                if (ruleOf[field] == null) {
                    out.write(line, start, end - start);
                } else {
                    String value = end - start == 2 && line[start] == '\\' && line[start + 1] == 'N' ? null
                            : decode(line, start, end);
                    out.write(encode(apply(field, value)));
                }
                start = end + 1;
            }
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
                    yield result == null ? null : result instanceof BigDecimal d ? d.toPlainString() : result.toString();
                }
            };
        }
    }

    /** A field's text as the JDBC driver would hand it to {@link JavaRules#read}. */
    static Object read(LiveSchema.Column column, String text) {
        return switch (column.kind()) {
            case INTEGER -> Long.parseLong(text);
            case DECIMAL -> new BigDecimal(text);
            case FLOAT -> Double.parseDouble(text);
            case DATE -> LocalDate.parse(text);
            case TIMESTAMP -> LocalDateTime.parse(text.replace(' ', 'T'));
            case TIMESTAMPTZ -> OffsetDateTime.parse(text, TIMESTAMPTZ).withOffsetSameInstant(ZoneOffset.UTC);
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

    /** {@code value} as a COPY text field: {@code \N} for NULL, backslash, newline, CR and tab escaped. */
    static byte[] encode(String value) {
        if (value == null) {
            return new byte[] {'\\', 'N'};
        }
        StringBuilder text = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
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
