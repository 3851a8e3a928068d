package dev.cairn.core.sanitise;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * The rules computed in Java ({@code hash}, {@code fake}, {@code mask}, {@code shift}): reads a
 * column's value from a row, computes its replacement and binds it to a statement. SQL NULL stays
 * NULL. Not thread-safe: one instance per thread.
 */
final class JavaRules {
    private static final int DEFAULT_HASH_LENGTH = 32;
    private final KeyedHash hash;
    private final FakeValues fakes = new FakeValues();

    JavaRules(byte[] key) {
        this.hash = new KeyedHash(key);
    }

    static Object read(ResultSet rows, int index, LiveSchema.Column column) throws SQLException {
        Object value = switch (column.kind()) {
            case INTEGER -> rows.getLong(index);
            case DECIMAL -> decimal(rows.getString(index));
            case FLOAT -> rows.getDouble(index);
            case DATE -> rows.getObject(index, LocalDate.class);
            case TIMESTAMP -> rows.getObject(index, LocalDateTime.class);
            case TIMESTAMPTZ -> rows.getObject(index, OffsetDateTime.class);
            default -> rows.getString(index);
        };
        return rows.wasNull() ? null : value;
    }

    /**
     * A numeric's text as a {@link BigDecimal}, or as a double for PostgreSQL's {@code NaN},
     * {@code Infinity} and {@code -Infinity} (which no BigDecimal holds); null stays null.
     */
    static Object decimal(String text) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> new BigDecimal(text);
        };
    }

    /**
     * A value as PostgreSQL reads it back in COPY text: numerics in plain notation, and the
     * {@code MAX} and {@code MIN} the JDBC driver reads {@code infinity} and {@code -infinity} of a
     * date or timestamp as written as those words again.
     */
    static String text(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value.equals(LocalDate.MAX) || value.equals(LocalDateTime.MAX) || value.equals(OffsetDateTime.MAX)) {
            return "infinity";
        }
        if (value.equals(LocalDate.MIN) || value.equals(LocalDateTime.MIN) || value.equals(OffsetDateTime.MIN)) {
            return "-infinity";
        }
        return value.toString();
    }

    /** Infinity, -infinity or NaN (as the JDBC driver reads them): what no shift moves. */
    private static boolean unbounded(Object value) {
        return switch (value) {
            case Double d -> d.isNaN() || d.isInfinite();
            case LocalDate d -> d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN);
            case LocalDateTime t -> t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN);
            case OffsetDateTime t -> t.equals(OffsetDateTime.MAX) || t.equals(OffsetDateTime.MIN);
            default -> false;
        };
    }

    static void bind(PreparedStatement statement, int index, LiveSchema.Column column, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else {
            statement.setObject(index, value);
        }
    }

    /** The value that replaces {@code value} in {@code column} under {@code rule}. */
    Object apply(ColumnRule rule, LiveSchema.Column column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (rule) {
            case ColumnRule.Hash h -> hash(column, value);
            case ColumnRule.Fake f -> fit(column, fakes.make(f.kind(), hash.number("fake", value.toString()), value.toString()));
            case ColumnRule.Mask m -> mask(m, value.toString());
            case ColumnRule.Shift s -> shift(s, column, value);
            default -> throw new IllegalArgumentException(rule.name() + " is not computed in Java");
        };
    }

    private Object hash(LiveSchema.Column column, Object value) {
        return switch (column.kind()) {
            case INTEGER -> hash.integer((Long) value);
            case UUID -> hash.uuid(value.toString()).toString();
            case TEXT -> hash.text(value.toString(), column.maxLength() > 0 ? Math.min(column.maxLength(), DEFAULT_HASH_LENGTH)
                    : DEFAULT_HASH_LENGTH);
            default -> throw new IllegalArgumentException("hash does not keep type " + column.sqlType() + " valid");
        };
    }

    private static String fit(LiveSchema.Column column, String text) {
        if (column.maxLength() > 0 && text.codePointCount(0, text.length()) > column.maxLength()) {
            return text.substring(0, text.offsetByCodePoints(0, column.maxLength()));
        }
        return text;
    }

    static String mask(ColumnRule.Mask mask, String value) {
        if (!surrogates(value)) {
            char[] chars = value.toCharArray();
            boolean whole = chars.length <= mask.first() + mask.last();
            for (int i = whole ? 0 : mask.first(); i < (whole ? chars.length : chars.length - mask.last()); i++) {
                chars[i] = mask.with();
            }
            return new String(chars);
        }
        int[] points = value.codePoints().toArray();
        boolean whole = points.length <= mask.first() + mask.last();
        StringBuilder masked = new StringBuilder(value.length());
        for (int i = 0; i < points.length; i++) {
            boolean keep = !whole && (i < mask.first() || i >= points.length - mask.last());
            masked.appendCodePoint(keep ? points[i] : mask.with());
        }
        return masked.toString();
    }

    private static boolean surrogates(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private Object shift(ColumnRule.Shift shift, LiveSchema.Column column, Object value) {
        if (unbounded(value)) {
            return value;
        }
        long offset = offset(shift.max(), value.toString());
        return switch (column.kind()) {
            case DATE -> ((LocalDate) value).plusDays(offset);
            case TIMESTAMP -> ((LocalDateTime) value).plusDays(offset);
            case TIMESTAMPTZ -> ((OffsetDateTime) value).plusDays(offset);
            case INTEGER -> {
                long original = (Long) value;
                long shifted = original + offset;
                // keep the result in the column's range: shift the other way when this one overflows
                if (shifted > column.max() || shifted < column.min() || (offset > 0) != (shifted > original)) {
                    shifted = original - offset;
                }
                yield shifted;
            }
            case DECIMAL -> ((BigDecimal) value).add(BigDecimal.valueOf(offset));
            case FLOAT -> (Double) value + offset;
            default -> throw new IllegalArgumentException("shift works on dates, timestamps and numbers, not " + column.sqlType());
        };
    }

    /** A non-zero offset in [-max, max] chosen by the keyed hash of {@code value}. */
    private long offset(long max, String value) {
        long pick = Math.floorMod(hash.number("shift", value), 2 * max);
        return pick < max ? pick - max : pick - max + 1;
    }
}
