package dev.cairn.core.sanitise;

import dev.cairn.core.CairnException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads a rules document (JSON when it starts with a brace, YAML otherwise) into {@link Rules}. */
final class RulesParser {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final String RULES = "null, value, hash, fake, mask, shift, sql or safe";

    private RulesParser() {
    }

    static Rules parse(String document) {
        if (document == null || document.isBlank()) {
            throw invalid("the document is empty");
        }
        JsonNode root;
        try {
            root = document.stripLeading().startsWith("{") ? JSON.readTree(document) : YAML.readTree(document);
        } catch (JacksonException e) {
            throw invalid("not valid " + (document.stripLeading().startsWith("{") ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("the document must be an object with strict and tables");
        }
        onlyKeys(root, Set.of("strict", "tables"), "the document");
        boolean strict = true;
        JsonNode strictNode = root.get("strict");
        if (strictNode != null) {
            if (!strictNode.isBoolean()) {
                throw invalid("strict must be true or false, got " + strictNode);
            }
            strict = strictNode.booleanValue();
        }
        JsonNode tablesNode = root.get("tables");
        if (tablesNode == null || !tablesNode.isObject()) {
            throw invalid("tables must be an object of table name to table rule");
        }
        Map<String, TableRule> tables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> table : tablesNode.properties()) {
            tables.put(table.getKey(), table(table.getKey(), table.getValue()));
        }
        return new Rules(strict, tables);
    }

    private static TableRule table(String table, JsonNode node) {
        String where = "table " + table;
        if (node.isString()) {
            return switch (node.stringValue()) {
                case "keep" -> new TableRule(new TableRule.Rows.Keep(), Map.of());
                case "drop" -> new TableRule(new TableRule.Rows.Drop(), Map.of());
                default -> throw invalid(where + ": unknown table rule '" + node.stringValue()
                        + "', expected keep, drop or an object with subset and columns");
            };
        }
        if (!node.isObject()) {
            throw invalid(where + ": expected keep, drop or an object with keep, drop, subset and columns, got " + node);
        }
        onlyKeys(node, Set.of("keep", "drop", "subset", "columns"), where);
        TableRule.Rows rows = rows(where, node);
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        JsonNode columnsNode = node.get("columns");
        if (columnsNode != null) {
            if (!columnsNode.isObject()) {
                throw invalid(where + ": columns must be an object of column name to rule, got " + columnsNode);
            }
            for (Map.Entry<String, JsonNode> column : columnsNode.properties()) {
                columns.put(column.getKey(), column(where + ", column " + column.getKey(), column.getValue()));
            }
        }
        if (rows instanceof TableRule.Rows.Drop && !columns.isEmpty()) {
            throw invalid(where + ": a dropped table keeps no rows, so it takes no column rules");
        }
        return new TableRule(rows, columns);
    }

    private static TableRule.Rows rows(String where, JsonNode node) {
        boolean keep = flag(where, node, "keep");
        boolean drop = flag(where, node, "drop");
        JsonNode subset = node.get("subset");
        int given = (keep ? 1 : 0) + (drop ? 1 : 0) + (subset == null ? 0 : 1);
        if (given > 1) {
            throw invalid(where + ": choose one of keep, drop and subset");
        }
        if (drop) {
            return new TableRule.Rows.Drop();
        }
        if (subset == null) {
            return new TableRule.Rows.Keep();
        }
        if (!subset.isObject()) {
            throw invalid(where + ": subset must be an object with where, percent or limit, got " + subset);
        }
        onlyKeys(subset, Set.of("where", "percent", "limit"), where + ", subset");
        JsonNode condition = subset.get("where");
        JsonNode percent = subset.get("percent");
        JsonNode limit = subset.get("limit");
        if (condition != null && !condition.isString()) {
            throw invalid(where + ", subset: where must be an SQL condition as text, got " + condition);
        }
        if (percent != null && !percent.isNumber()) {
            throw invalid(where + ", subset: percent must be a number, got " + percent);
        }
        if (limit != null && !limit.canConvertToLong()) {
            throw invalid(where + ", subset: limit must be a whole number, got " + limit);
        }
        try {
            return new TableRule.Rows.Subset(condition == null ? null : condition.stringValue(),
                    percent == null ? null : percent.doubleValue(), limit == null ? null : limit.longValue());
        } catch (IllegalArgumentException e) {
            throw invalid(where + ": " + e.getMessage());
        }
    }

    private static boolean flag(String where, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid(where + ": " + key + " must be true or false, got " + value);
        }
        return value.booleanValue();
    }

    private static ColumnRule column(String where, JsonNode node) {
        try {
            if (node.isNull()) {
                return new ColumnRule.Null();
            }
            if (node.isString()) {
                return switch (node.stringValue()) {
                    case "null" -> new ColumnRule.Null();
                    case "hash" -> new ColumnRule.Hash();
                    case "safe" -> new ColumnRule.Safe();
                    case "mask" -> new ColumnRule.Mask(0, 0, '*');
                    case "fake", "value", "shift", "sql" -> throw invalid(where + ": " + node.stringValue()
                            + " needs an argument, e.g. {\"" + node.stringValue() + "\": " + example(node.stringValue()) + "}");
                    default -> throw invalid(where + ": unknown rule '" + node.stringValue() + "', expected " + RULES);
                };
            }
            if (!node.isObject() || node.size() != 1) {
                throw invalid(where + ": a column rule is a name (\"hash\") or an object with one rule, e.g. "
                        + "{\"fake\": \"email\"}, got " + node);
            }
            Map.Entry<String, JsonNode> only = node.properties().iterator().next();
            JsonNode argument = only.getValue();
            return switch (only.getKey()) {
                case "null" -> new ColumnRule.Null();
                case "hash" -> new ColumnRule.Hash();
                case "safe" -> new ColumnRule.Safe();
                case "value" -> {
                    if (argument.isNull() || argument.isContainer()) {
                        throw invalid(where + ": value must be a constant (text, number or boolean), got " + argument
                                + "; use the null rule for SQL NULL");
                    }
                    yield new ColumnRule.Value(argument.asString());
                }
                case "fake" -> {
                    if (!argument.isString()) {
                        throw invalid(where + ": fake needs a kind, one of " + FakeKind.names() + ", got " + argument);
                    }
                    yield new ColumnRule.Fake(FakeKind.parse(argument.stringValue()));
                }
                case "mask" -> mask(where, argument);
                case "shift" -> {
                    JsonNode max = argument.isObject() ? argument.get("max") : argument;
                    if (argument.isObject()) {
                        onlyKeys(argument, Set.of("max"), where + ", shift");
                    }
                    if (max == null || !max.canConvertToLong()) {
                        throw invalid(where + ": shift needs max, a whole number of days (dates) or units (numbers), got " + argument);
                    }
                    yield new ColumnRule.Shift(max.longValue());
                }
                case "sql" -> {
                    if (!argument.isString()) {
                        throw invalid(where + ": sql needs an expression as text, got " + argument);
                    }
                    yield new ColumnRule.Sql(argument.stringValue());
                }
                default -> throw invalid(where + ": unknown rule '" + only.getKey() + "', expected " + RULES);
            };
        } catch (IllegalArgumentException e) {
            throw invalid(where + ": " + e.getMessage());
        }
    }

    private static ColumnRule mask(String where, JsonNode argument) {
        if (!argument.isObject()) {
            throw invalid(where + ": mask takes an object with first, last and with, e.g. {\"last\": 4}, got " + argument);
        }
        onlyKeys(argument, Set.of("first", "last", "with"), where + ", mask");
        int first = count(where, argument, "first");
        int last = count(where, argument, "last");
        JsonNode with = argument.get("with");
        if (with != null && !(with.isString() && with.stringValue().length() == 1)) {
            throw invalid(where + ", mask: with must be one character, got " + with);
        }
        return new ColumnRule.Mask(first, last, with == null ? '*' : with.stringValue().charAt(0));
    }

    private static int count(String where, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return 0;
        }
        if (!value.canConvertToInt() || value.intValue() < 0) {
            throw invalid(where + ", mask: " + key + " must be a whole number of characters, got " + value);
        }
        return value.intValue();
    }

    private static String example(String rule) {
        return switch (rule) {
            case "fake" -> "\"email\"";
            case "value" -> "\"redacted\"";
            case "shift" -> "30";
            default -> "\"lower(email)\"";
        };
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw invalid(where + ": unknown key '" + key + "', expected " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static CairnException.InvalidInput invalid(String message) {
        return new CairnException.InvalidInput("rules: " + message);
    }
}
