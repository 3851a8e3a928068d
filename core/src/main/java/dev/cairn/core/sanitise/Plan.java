package dev.cairn.core.sanitise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules resolved against a live schema: for every table of the database, which rows stay and
 * which rule each column gets; plus the problems found on the way. Rules that do not fit are left
 * out of the plan and reported, so a preview can still show the rest.
 */
record Plan(LiveSchema schema, List<TablePlan> tables, Report report) {
    private static final Set<String> PERSONAL_WORDS = Set.of("name", "firstname", "lastname", "surname", "fullname",
            "username", "email", "mail", "phone", "mobile", "tel", "fax", "address", "addr", "street", "city", "zip",
            "postcode", "postal", "iban", "bic", "account", "ssn", "nin", "passport", "tax", "password", "passwd", "pwd",
            "secret", "token", "ip", "birth", "birthday", "dob", "card", "salary", "gender", "lat", "lng", "lon",
            "latitude", "longitude", "location", "contact", "note", "notes", "comment", "comments");
    private static final List<String> PERSONAL_PARTS = List.of("email", "phone", "password", "passwd", "iban", "ssn",
            "token", "address", "birth", "secret");
    private static final Pattern WORDS = Pattern.compile("[^a-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");

    /** One table: {@code rows} from the rules (keep when not named), and a rule per column that has one. */
    record TablePlan(LiveSchema.Table table, TableRule.Rows rows, Map<String, ColumnRule> columns) {
        boolean dropped() {
            return rows instanceof TableRule.Rows.Drop;
        }

        List<LiveSchema.Column> withRule(boolean inJava) {
            return table.columns().stream().filter(c -> {
                ColumnRule rule = columns.get(c.name());
                return rule != null && !(rule instanceof ColumnRule.Safe) && rule.inJava() == inJava;
            }).toList();
        }
    }

    static Plan resolve(LiveSchema schema, Rules rules) {
        List<String> problems = new ArrayList<>();
        Map<String, String> ruleKeyOf = new LinkedHashMap<>();
        for (String key : rules.tables().keySet()) {
            Optional<LiveSchema.Table> table = find(schema, key);
            if (table.isEmpty()) {
                problems.add("rules name table " + key + ", which the database does not have");
            } else if (ruleKeyOf.putIfAbsent(table.get().qualified(), key) != null) {
                problems.add("rules name table " + table.get().qualified() + " twice (" + ruleKeyOf.get(table.get().qualified())
                        + " and " + key + ")");
            }
        }
        List<TablePlan> plans = new ArrayList<>();
        List<Report.PersonalColumn> personal = new ArrayList<>();
        for (LiveSchema.Table table : schema.tables()) {
            String key = ruleKeyOf.get(table.qualified());
            TableRule rule = key == null ? null : rules.tables().get(key);
            String name = table.qualified();
            if (rule == null && rules.strict()) {
                problems.add("strict: table " + name + " has no rule; add it as keep, drop or subset");
            }
            TableRule.Rows rows = rule == null ? new TableRule.Rows.Keep() : rule.rows();
            Map<String, ColumnRule> columns = new LinkedHashMap<>();
            if (rule != null) {
                for (Map.Entry<String, ColumnRule> column : rule.columns().entrySet()) {
                    Optional<LiveSchema.Column> live = table.column(column.getKey());
                    if (live.isEmpty()) {
                        problems.add("rules name column " + name + "." + column.getKey() + ", which the database does not have");
                        continue;
                    }
                    Optional<String> misfit = misfit(table, live.get(), column.getValue());
                    if (misfit.isPresent()) {
                        problems.add("table " + name + ", column " + column.getKey() + ": " + misfit.get());
                    } else {
                        columns.put(column.getKey(), column.getValue());
                    }
                }
            }
            TablePlan plan = new TablePlan(table, rows, columns);
            plans.add(plan);
            if (plan.dropped()) {
                continue;
            }
            if (rows instanceof TableRule.Rows.Subset && table.primaryKey().isEmpty()) {
                problems.add("table " + name + ": subset needs a primary key to follow foreign keys, and the table has none");
            }
            for (LiveSchema.Column column : table.columns()) {
                ColumnRule given = rule == null ? null : rule.columns().get(column.name());
                if (given == null && rule != null && rules.strict()) {
                    problems.add("strict: table " + name + ", column " + column.name()
                            + " has no rule; give it one or mark it safe");
                }
                if ((given == null || given instanceof ColumnRule.Safe) && looksPersonal(column.name())) {
                    personal.add(new Report.PersonalColumn(name, column.name(), given != null));
                }
            }
        }
        for (LiveSchema.ForeignKey key : schema.foreignKeys()) {
            Optional<TablePlan> child = plans.stream().filter(p -> p.table().qualified().equals(key.child())).findFirst();
            Optional<TablePlan> parent = plans.stream().filter(p -> p.table().qualified().equals(key.parent())).findFirst();
            if (child.isPresent() && parent.isPresent() && !child.get().dropped() && parent.get().dropped()) {
                problems.add("table " + key.parent() + " is dropped but kept table " + key.child() + " references it through "
                        + key.name() + "; keep or subset " + key.parent() + ", or drop " + key.child());
            }
        }
        return new Plan(schema, plans, new Report(problems, personal));
    }

    private static Optional<LiveSchema.Table> find(LiveSchema schema, String key) {
        Optional<LiveSchema.Table> exact = schema.table(key);
        return exact.isPresent() ? exact : schema.table(schema.defaultSchema() + "." + key);
    }

    /** Why {@code rule} cannot apply to {@code column}, if it cannot. */
    private static Optional<String> misfit(LiveSchema.Table table, LiveSchema.Column column, ColumnRule rule) {
        if (rule instanceof ColumnRule.Safe) {
            return Optional.empty();
        }
        if (column.generated()) {
            return Optional.of("the column is generated from others; mark it safe and give the others rules");
        }
        if (rule.inJava() && table.primaryKey().isEmpty()) {
            return Optional.of(rule.name() + " needs a primary key to page through the table, and the table has none;"
                    + " use null, value or sql");
        }
        LiveSchema.Kind kind = column.kind();
        return switch (rule) {
            case ColumnRule.Null n when !column.nullable() ->
                    Optional.of("null does not fit a NOT NULL column; use value, hash or fake");
            case ColumnRule.Hash h when kind != LiveSchema.Kind.INTEGER && kind != LiveSchema.Kind.TEXT
                    && kind != LiveSchema.Kind.UUID ->
                    Optional.of("hash keeps integers, text and uuids valid, not " + column.sqlType() + "; use fake, shift, sql or null");
            case ColumnRule.Fake f when kind != LiveSchema.Kind.TEXT ->
                    Optional.of("fake makes text, and the column is " + column.sqlType() + "; use hash, shift, value or sql");
            case ColumnRule.Mask m when kind != LiveSchema.Kind.TEXT ->
                    Optional.of("mask works on text, and the column is " + column.sqlType() + "; use hash, shift, value or sql");
            case ColumnRule.Shift s when kind == LiveSchema.Kind.TEXT || kind == LiveSchema.Kind.UUID
                    || kind == LiveSchema.Kind.BOOLEAN || kind == LiveSchema.Kind.OTHER ->
                    Optional.of("shift moves dates, timestamps and numbers, and the column is " + column.sqlType());
            default -> Optional.empty();
        };
    }

    static boolean looksPersonal(String column) {
        String lower = column.toLowerCase(Locale.ROOT);
        for (String word : WORDS.split(column)) {
            if (PERSONAL_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return PERSONAL_PARTS.stream().anyMatch(lower::contains);
    }
}
