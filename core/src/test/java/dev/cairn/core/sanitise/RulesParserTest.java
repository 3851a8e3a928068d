package dev.cairn.core.sanitise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading rules documents, JSON and YAML, and the one-line errors that name the table, column and rule. */
final class RulesParserTest {

    @Test
    void readsEveryRuleFromJson() {
        Rules rules = Rules.parse("""
                {"strict": false, "tables": {
                  "public.users": {"columns": {
                    "id": "hash", "email": {"hash": {}}, "name": {"fake": "first_name"}, "phone": {"mask": {"first": 3, "last": 2, "with": "#"}},
                    "born": {"shift": {"max": 30}}, "score": {"shift": 5}, "note": null, "bio": "null", "country": {"value": "XX"},
                    "level": {"value": 3}, "city": {"sql": "upper(city)"}, "created": "safe"}},
                  "orders": {"subset": {"where": "total > 10"}},
                  "events": {"subset": {"percent": 12.5}},
                  "logs": {"subset": {"limit": 100}},
                  "audit": "drop",
                  "countries": {"keep": true, "columns": {"code": "safe"}}
                }}
                """);
        assertThat(rules.strict()).isFalse();
        assertThat(rules.tables().keySet()).containsExactly("public.users", "orders", "events", "logs", "audit", "countries");
        assertThat(rules.tables().get("public.users").columns()).isEqualTo(Map.ofEntries(
                Map.entry("id", new ColumnRule.Hash()), Map.entry("email", new ColumnRule.Hash()),
                Map.entry("name", new ColumnRule.Fake(FakeKind.FIRST_NAME)), Map.entry("phone", new ColumnRule.Mask(3, 2, '#')),
                Map.entry("born", new ColumnRule.Shift(30)), Map.entry("score", new ColumnRule.Shift(5)),
                Map.entry("note", new ColumnRule.Null()), Map.entry("bio", new ColumnRule.Null()),
                Map.entry("country", new ColumnRule.Value("XX")), Map.entry("level", new ColumnRule.Value("3")),
                Map.entry("city", new ColumnRule.Sql("upper(city)")), Map.entry("created", new ColumnRule.Safe())));
        assertThat(rules.tables().get("orders").rows()).isEqualTo(new TableRule.Rows.Subset("total > 10", null, null));
        assertThat(rules.tables().get("events").rows()).isEqualTo(new TableRule.Rows.Subset(null, 12.5, null));
        assertThat(rules.tables().get("logs").rows()).isEqualTo(new TableRule.Rows.Subset(null, null, 100L));
        assertThat(rules.tables().get("audit").rows()).isEqualTo(new TableRule.Rows.Drop());
        assertThat(rules.tables().get("countries").rows()).isEqualTo(new TableRule.Rows.Keep());
    }

    @Test
    void readsYamlAndIsStrictByDefault() {
        Rules rules = Rules.parse("""
                tables:
                  users:
                    subset: {where: "id < 100"}
                    columns:
                      email: {fake: email}
                      phone: {mask: {last: 4}}
                  audit: drop
                """);
        assertThat(rules.strict()).isTrue();
        assertThat(rules.tables().get("users").columns()).containsEntry("email", new ColumnRule.Fake(FakeKind.EMAIL))
                .containsEntry("phone", new ColumnRule.Mask(0, 4, '*'));
        assertThat(rules.tables().get("audit").rows()).isEqualTo(new TableRule.Rows.Drop());
    }

    @Test
    void errorsNameTheTableColumnAndRule() {
        assertError("{\"tables\": {\"users\": {\"columns\": {\"email\": \"hsah\"}}}}",
                "rules: table users, column email: unknown rule 'hsah', expected null, value, hash, fake, mask, shift, sql or safe");
        assertError("{\"tables\": {\"users\": {\"columns\": {\"email\": {\"fake\": \"emial\"}}}}}",
                "rules: table users, column email: unknown fake kind 'emial', expected one of name, first_name, last_name, email,"
                        + " phone, address, street, city, postcode, country, company, iban, username, text");
        assertError("{\"tables\": {\"users\": {\"columns\": {\"name\": \"fake\"}}}}",
                "rules: table users, column name: fake needs an argument, e.g. {\"fake\": \"email\"}");
        assertError("{\"tables\": {\"users\": {\"columns\": {\"phone\": {\"mask\": {\"last\": -1}}}}}}",
                "rules: table users, column phone, mask: last must be a whole number of characters, got -1");
        assertError("{\"tables\": {\"users\": {\"columns\": {\"born\": {\"shift\": 0}}}}}",
                "rules: table users, column born: shift max must be at least 1, got 0");
        assertError("{\"tables\": {\"orders\": {\"subset\": {\"where\": \"a\", \"limit\": 3}}}}",
                "rules: table orders: subset needs exactly one of where, percent and limit, got 2");
        assertError("{\"tables\": {\"orders\": {\"subset\": {\"percent\": 120}}}}",
                "rules: table orders: subset percent must be between 0 and 100, got 120.0");
        assertError("{\"tables\": {\"orders\": {\"colums\": {}}}}",
                "rules: table orders: unknown key 'colums', expected columns, drop, keep, subset");
        assertError("{\"tables\": {\"orders\": {\"drop\": true, \"columns\": {\"a\": \"hash\"}}}}",
                "rules: table orders: a dropped table keeps no rows, so it takes no column rules");
        assertError("{\"tables\": {\"orders\": \"truncate\"}}",
                "rules: table orders: unknown table rule 'truncate', expected keep, drop or an object with subset and columns");
        assertError("{\"strict\": \"yes\", \"tables\": {}}", "rules: strict must be true or false, got \"yes\"");
        assertError("{\"tables\": [", "rules: not valid JSON: ");
        assertError("", "rules: the document is empty");
    }

    private static void assertError(String document, String message) {
        assertThatThrownBy(() -> Rules.parse(document)).isInstanceOf(CairnException.InvalidInput.class).hasMessageStartingWith(message);
    }
}
