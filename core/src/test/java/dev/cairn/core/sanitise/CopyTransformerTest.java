package dev.cairn.core.sanitise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming rewrite of COPY blocks: the same values as {@link JavaRules} gives the
 * in-database path, COPY text escaping both ways, other lines and tables passed on untouched,
 * dropped tables' rows left out.
 */
final class CopyTransformerTest {
    private static final byte[] KEY = "a key of the target, 32 bytes...".getBytes(StandardCharsets.UTF_8);
    private static final LiveSchema.Column ID = new LiveSchema.Column("id", LiveSchema.Kind.INTEGER, "bigint", false,
            Long.MIN_VALUE, Long.MAX_VALUE, 0, false);
    private static final LiveSchema.Column EMAIL = new LiveSchema.Column("e mail", LiveSchema.Kind.TEXT, "text", true,
            0, 0, 0, false);
    private static final LiveSchema.Column NOTE = new LiveSchema.Column("note", LiveSchema.Kind.TEXT, "text", true, 0, 0, 0, false);
    private static final LiveSchema.Column SEEN = new LiveSchema.Column("seen", LiveSchema.Kind.TIMESTAMPTZ, "timestamptz",
            true, 0, 0, 0, false);
    private static final LiveSchema.Column AT = new LiveSchema.Column("at", LiveSchema.Kind.TIMESTAMP, "timestamp", true,
            0, 0, 0, false);
    private static final LiveSchema.Column CODE = new LiveSchema.Column("code", LiveSchema.Kind.TEXT, "text", true, 0, 0, 0, false);

    private static Plan plan() {
        LiveSchema.Table users = new LiveSchema.Table("public", "Users", List.of(ID, EMAIL, NOTE, SEEN, AT, CODE), List.of("id"),
                List.of());
        LiveSchema.Table log = new LiveSchema.Table("public", "log", List.of(ID), List.of(), List.of());
        LiveSchema.Table plain = new LiveSchema.Table("public", "plain", List.of(ID), List.of("id"), List.of());
        Rules rules = Rules.parse("""
                {"tables": {
                  "Users": {"columns": {"id": "hash", "e mail": {"mask": {"first": 1}}, "note": "null",
                            "seen": {"shift": 10}, "at": {"shift": 5}, "code": {"value": "x\\ty"}}},
                  "log": "drop",
                  "plain": {"columns": {"id": "safe"}}
                }}""");
        Plan plan = Plan.resolve(new LiveSchema("public", List.of(users, log, plain), List.of()), rules);
        assertThat(plan.report().problems()).isEmpty();
        return plan;
    }

    private static String transform(String script) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CopyTransformer(plan(), KEY, Map.of(), false).transform(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rowsGetTheValuesTheInDatabasePathComputesAndEverythingElsePassesUntouched() throws Exception {
        String script = """
                SET client_encoding = 'UTF8';
                COPY public."Users" (id, "e mail", note, seen, at, code) FROM stdin;
                42\tab\\\\c\\td\\303\\251\tsecret\t2024-03-01 10:20:30.5+01\t2024-03-01 10:20:30\told
                7\t\\N\t\\N\t\\N\t\\N\t\\N
                \\.
                COPY public.log (id) FROM stdin;
                1
                2
                \\.
                COPY public.plain (id) FROM stdin;
                5\\t
                \\.
                SELECT pg_catalog.setval('x', 1, true);
                """;
        List<String> lines = transform(script).lines().toList();
        JavaRules rules = new JavaRules(KEY);
        Plan.TablePlan users = plan().tables().getFirst();
        String hash42 = rules.apply(users.columns().get("id"), ID, 42L).toString();
        String mask = (String) rules.apply(users.columns().get("e mail"), EMAIL, "ab\\c\tdé");
        Object seen = rules.apply(users.columns().get("seen"), SEEN, OffsetDateTime.of(2024, 3, 1, 9, 20, 30, 500_000_000,
                ZoneOffset.UTC));
        Object at = rules.apply(users.columns().get("at"), AT, LocalDateTime.of(2024, 3, 1, 10, 20, 30));
        assertThat(mask).isEqualTo("a******");
        assertThat(lines).containsExactly(
                "SET client_encoding = 'UTF8';",
                "COPY public.\"Users\" (id, \"e mail\", note, seen, at, code) FROM stdin;",
                hash42 + "\t" + mask + "\t\\N\t" + seen + "\t" + at + "\tx\\ty",
                rules.apply(users.columns().get("id"), ID, 7L) + "\t\\N\t\\N\t\\N\t\\N\tx\\ty",
                "\\.",
                "COPY public.log (id) FROM stdin;",
                "\\.",
                "COPY public.plain (id) FROM stdin;",
                "5\\t",
                "\\.",
                "SELECT pg_catalog.setval('x', 1, true);");
        assertThat(hash42).isNotEqualTo("42");
    }

    @Test
    void plainTextIsMaskedByteWiseAndRepeatedValuesAsTheirFirstTimeTheSameAsInTheDatabase() throws Exception {
        String script = """
                COPY public."Users" (id, "e mail", note, seen, at, code) FROM stdin;
                1\tbob@example.com\tn\t2024-03-01 10:20:30+00\t2024-03-01 10:20:30\tc
                2\tab\tn\t2024-03-01 10:20:30+00\t2024-03-01 10:20:30\tc
                3\tbob@example.com\tn\t2024-03-01 10:20:30+00\t2024-03-01 10:20:30\tc
                \\.
                """;
        List<String> lines = transform(script).lines().toList();
        JavaRules rules = new JavaRules(KEY);
        Plan.TablePlan users = plan().tables().getFirst();
        Object seen = rules.apply(users.columns().get("seen"), SEEN, OffsetDateTime.of(2024, 3, 1, 10, 20, 30, 0,
                ZoneOffset.UTC));
        Object at = rules.apply(users.columns().get("at"), AT, LocalDateTime.of(2024, 3, 1, 10, 20, 30));
        String tail = "\t\\N\t" + seen + "\t" + at + "\tx\\ty";
        assertThat(lines).containsExactly(
                "COPY public.\"Users\" (id, \"e mail\", note, seen, at, code) FROM stdin;",
                rules.apply(users.columns().get("id"), ID, 1L) + "\t"
                        + rules.apply(users.columns().get("e mail"), EMAIL, "bob@example.com") + tail,
                rules.apply(users.columns().get("id"), ID, 2L) + "\t" + rules.apply(users.columns().get("e mail"), EMAIL, "ab")
                        + tail,
                rules.apply(users.columns().get("id"), ID, 3L) + "\t"
                        + rules.apply(users.columns().get("e mail"), EMAIL, "bob@example.com") + tail,
                "\\.");
        assertThat(lines.get(1)).contains("\tb**************\t");
    }

    @Test
    void intoFreshTablesEachBlockIsTruncatedAndFrozenInItsOwnTransactionAndRewrittenPartitionsLoadThroughTheirRoot()
            throws Exception {
        String script = """
                COPY public.users_2024 (id, "e mail", note, seen, at, code) FROM stdin;
                9\tbob@example.com\tn\t\\N\t\\N\tc
                \\.
                COPY public.plain (id) FROM stdin;
                5
                \\.
                """;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CopyTransformer(plan(), KEY, Map.of("public.users_2024", "public.Users"), true)
                .transform(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out);
        JavaRules rules = new JavaRules(KEY);
        Plan.TablePlan users = plan().tables().getFirst();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "COPY \"public\".\"Users\" (id, \"e mail\", note, seen, at, code) FROM stdin;",
                rules.apply(users.columns().get("id"), ID, 9L) + "\tb**************\t\\N\t\\N\t\\N\tx\\ty",
                "\\.",
                "BEGIN;",
                "TRUNCATE ONLY public.plain;",
                "COPY public.plain (id) FROM stdin WITH (FREEZE);",
                "5",
                "\\.",
                "COMMIT;");
    }

    @Test
    void rowsOfATableThePlanDoesNotKnowStopTheLoadRatherThanPassUnmasked() {
        String script = """
                COPY public.users_2024 (id) FROM stdin;
                9
                \\.
                """;
        assertThatThrownBy(() -> transform(script)).isInstanceOf(CairnException.InvalidInput.class)
                .hasMessageContaining("public.users_2024");
    }

    @Test
    void copyTextEscapesDecodeAndEncode() {
        byte[] field = "a\\\\b\\nc\\rd\\te\\x41\\101\\N\\q".getBytes(StandardCharsets.UTF_8);
        assertThat(CopyTransformer.decode(field, 0, field.length)).isEqualTo("a\\b\nc\rd\teAAN" + "q");
        assertThat(new String(CopyTransformer.encode("a\\b\nc\rd\te"), StandardCharsets.UTF_8)).isEqualTo("a\\\\b\\nc\\rd\\te");
        assertThat(new String(CopyTransformer.encode(null), StandardCharsets.UTF_8)).isEqualTo("\\N");
        assertThat(CopyTransformer.identifiers("\"my \"\"s\"\"\".t", '.')).containsExactly("my \"s\"", "t");
        assertThat(CopyTransformer.identifiers("a, \"B,c\", d", ',')).containsExactly("a", "B,c", "d");
    }
}
