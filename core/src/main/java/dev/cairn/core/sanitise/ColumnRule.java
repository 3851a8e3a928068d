package dev.cairn.core.sanitise;

/**
 * What happens to one column of a kept table. {@link Null}, {@link Value} and {@link Sql} run as
 * one SQL {@code UPDATE} per table; {@link Hash}, {@link Fake}, {@link Mask} and {@link Shift}
 * run in Java on streamed rows, keyed by the target's hash key; {@link Safe} leaves the column as
 * it is.
 */
public sealed interface ColumnRule {

    /** The rule's name as written in a rules document. */
    String name();

    /** Whether the rule is computed in Java (true) or in the database's SQL (false). */
    default boolean inJava() {
        return false;
    }

    /** Sets the column to SQL NULL. */
    record Null() implements ColumnRule {
        public String name() {
            return "null";
        }
    }

    /** Sets the column to a constant, given as text and converted by the database to the column's type. */
    record Value(String value) implements ColumnRule {
        public Value {
            if (value == null) {
                throw new IllegalArgumentException("value needs a constant; use the null rule for SQL NULL");
            }
        }

        public String name() {
            return "value";
        }
    }

    /**
     * Replaces the value by a keyed HMAC-SHA256 of it, of the same type: an integer becomes an
     * integer of the same range and sign (a keyed permutation, so keys stay unique), text becomes
     * hex text, a uuid a uuid. The same value gives the same result in every table and every run
     * with the same key, so joins and foreign keys survive.
     */
    record Hash() implements ColumnRule {
        public String name() {
            return "hash";
        }

        public boolean inJava() {
            return true;
        }
    }

    /** Replaces the value by a realistic fake of {@code kind}, chosen by the keyed hash of the original. */
    record Fake(FakeKind kind) implements ColumnRule {
        public Fake {
            if (kind == null) {
                throw new IllegalArgumentException("fake needs a kind");
            }
        }

        public String name() {
            return "fake";
        }

        public boolean inJava() {
            return true;
        }
    }

    /**
     * Keeps the first {@code first} and last {@code last} characters and replaces the others by
     * {@code with}; a value no longer than {@code first + last} is masked whole.
     */
    record Mask(int first, int last, char with) implements ColumnRule {
        public Mask {
            if (first < 0 || last < 0) {
                throw new IllegalArgumentException("mask first and last must be at least 0, got " + first + " and " + last);
            }
        }

        public String name() {
            return "mask";
        }

        public boolean inJava() {
            return true;
        }
    }

    /**
     * Moves a date or timestamp by up to {@code max} days, or a number by up to {@code max} units,
     * either way; the offset is chosen by the keyed hash of the original value.
     */
    record Shift(long max) implements ColumnRule {
        public Shift {
            if (max < 1) {
                throw new IllegalArgumentException("shift max must be at least 1, got " + max);
            }
        }

        public String name() {
            return "shift";
        }

        public boolean inJava() {
            return true;
        }
    }

    /** Sets the column to an SQL expression of the database's dialect, over the row's original values. */
    record Sql(String expression) implements ColumnRule {
        public Sql {
            if (expression == null || expression.isBlank()) {
                throw new IllegalArgumentException("sql needs an expression");
            }
        }

        public String name() {
            return "sql";
        }
    }

    /** Leaves the column as it is: the rules' author vouches that it holds nothing personal. */
    record Safe() implements ColumnRule {
        public String name() {
            return "safe";
        }
    }
}
