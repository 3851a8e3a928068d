package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Input the API must refuse (issue 11, section 3): numbers out of range or of the wrong type,
 * endpoints that are not objects, fs endpoints that can never work, names with control
 * characters, duplicate names, flags spelled otherwise than the OpenAPI document says, and
 * errors that must be JSON in the API's words. Each refusal names the field and stores nothing.
 */
class InputValidationApiTest extends ApiTestBase {

    private static final String MAX_EXPIRES = "3155760000";

    /** Posts a raw JSON text, so that numbers beyond a long reach the server as they are written. */
    private static ApiReply postRaw(String path, String json) {
        return api.post(path, json);
    }

    private static void assertNotListed(String listPath, String name) {
        JsonNode items = api.get(listPath).expect(200).json();
        items.forEach(item -> assertThat(item.path("name").stringValue()).isNotEqualTo(name));
    }

    @Test
    void expiresOutOfRangeOrOfTheWrongTypeIsRefusedAndNothingStored() {
        for (String expires : List.of("18446744073709555216", "1e30", "9223372036854775807", "\"99999999999999999999\"",
                "3155760001", "-1", "3599", "86400.5", "true", "\"a week\"", "[86400]")) {
            ApiReply reply = postRaw("/v1/retention", "{\"name\": \"huge\", \"expires\": " + expires + "}").expect(400);
            assertThat(reply.error()).as("expires %s", expires).contains("expires", "3600", MAX_EXPIRES)
                    .doesNotContain("java.");
        }
        assertNotListed("/v1/retention", "huge");

        String uuid = api.retention("one day", 86400);
        ApiReply update = api.put("/v1/retention/" + uuid, "{\"name\": \"one day\", \"summary\": \"s\", \"expires\": 1e30}")
                .expect(400);
        assertThat(update.error()).contains("expires", MAX_EXPIRES);
        assertThat(api.get("/v1/retention/" + uuid).expect(200).json().path("expires").longValue()).isEqualTo(86400L);

        String longest = api.retention("a century", Long.parseLong(MAX_EXPIRES));
        assertThat(api.get("/v1/retention/" + longest).expect(200).json().path("expires").asString()).isEqualTo(MAX_EXPIRES);
    }

    @Test
    void priorityOutOfRangeOrOfTheWrongTypeIsRefusedAndNothingStored() {
        Map<String, Object> job = jobBody("prioritised");
        for (String priority : List.of("9223372036854775808", "\"99999999999999999999\"", "101", "-1", "1.5",
                "\"high\"", "1e30")) {
            String json = ApiFixture.JSON.writeValueAsString(job).replaceFirst("}$", ", \"priority\": " + priority + "}");
            ApiReply reply = postRaw("/v1/jobs", json).expect(400);
            assertThat(reply.error()).as("priority %s", priority).contains("priority", "0", "100").doesNotContain("java.");
        }
        assertNotListed("/v1/jobs", "prioritised");

        String uuid = api.create("/v1/jobs", ApiFixture.with(job, "priority", 100));
        String update = ApiFixture.JSON.writeValueAsString(ApiFixture.without(job, "paused"))
                .replaceFirst("}$", ", \"summary\": \"s\", \"priority\": 9223372036854775808}");
        api.put("/v1/job/" + uuid, update).expect(400);
        assertThat(api.get("/v1/job/" + uuid).expect(200).json().path("priority").intValue()).isEqualTo(100);
    }

    private static Map<String, Object> jobBody(String name) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return fields("name", name, "target", api.fsTarget("source " + suffix, api.directory("source")),
                "store", api.fsStore("store " + suffix, api.directory("store")),
                "schedule", api.schedule("daily " + suffix, "daily at 4am"),
                "retention", api.retention("week " + suffix, 7 * 86400), "paused", true);
    }

    @Test
    void portsOutOfRangeAreRefusedAndNothingStored() {
        for (String port : List.of("-1", "0", "70000", "99999999999999999999", "\"99999999999999999999\"", "5432.5",
                "\"five\"")) {
            ApiReply target = postRaw("/v1/targets", "{\"name\": \"bad port\", \"plugin\": \"postgres\", "
                    + "\"endpoint\": {\"host\": \"127.0.0.1\", \"port\": " + port + "}}").expect(400);
            assertThat(target.error()).as("port %s", port).contains("port", "1", "65535");
            ApiReply store = postRaw("/v1/stores", "{\"name\": \"bad port\", \"plugin\": \"sftp\", \"endpoint\": "
                    + "{\"host\": \"h\", \"user\": \"u\", \"path\": \"/p\", \"host_key\": \"k\", \"port\": " + port + "}}")
                    .expect(400);
            assertThat(store.error()).as("port %s", port).contains("port", "65535");
        }
        assertNotListed("/v1/targets", "bad port");
        assertNotListed("/v1/stores", "bad port");
        JsonNode port = api.get("/v1/plugin/postgres").expect(200).json().path("fields").get(1);
        assertThat(port.path("name").stringValue()).isEqualTo("port");
        assertThat(port.path("minimum").intValue()).isEqualTo(1);
        assertThat(port.path("maximum").intValue()).isEqualTo(65535);
        api.create("/v1/targets", fields("name", "port as text", "plugin", "postgres",
                "endpoint", Map.of("port", "65535")));
    }

    @Test
    void aStringFieldGivenANumberIsRefused() {
        ApiReply reply = postRaw("/v1/targets", "{\"name\": \"numeric path\", \"plugin\": \"fs\", \"endpoint\": {\"path\": 123}}")
                .expect(400);
        assertThat(reply.error()).contains("path", "string");
        assertThat(postRaw("/v1/targets", "{\"name\": 42, \"plugin\": \"fs\", \"endpoint\": {\"path\": \"/srv\"}}")
                .expect(400).error()).contains("name", "string");
        assertNotListed("/v1/targets", "numeric path");
    }

    @Test
    void anEndpointThatIsNotAnObjectIsA400NamingIt() {
        for (String endpoint : List.of("\"null\"", "\"[1]\"", "\"\\\"x\\\"\"", "\"42\"", "\"{nope\"", "[1]", "7")) {
            for (String path : List.of("/v1/targets", "/v1/stores")) {
                ApiReply reply = postRaw(path, "{\"name\": \"odd endpoint\", \"plugin\": \"fs\", \"endpoint\": " + endpoint + "}")
                        .expect(400);
                assertThat(reply.error()).as("%s %s", path, endpoint).contains("endpoint").doesNotContain("java.");
            }
        }
        assertNotListed("/v1/targets", "odd endpoint");
        assertNotListed("/v1/stores", "odd endpoint");
    }

    @Test
    void fsEndpointsThatCanNeverWorkAreRefusedWhenSaved() {
        String dir = api.directory("fs").toString();
        for (Object include : List.of(List.of(Map.of()), List.of(1), List.of(""), List.of("["))) {
            ApiReply reply = api.post("/v1/targets", fields("name", "bad include", "plugin", "fs",
                    "endpoint", Map.of("path", dir, "include", include))).expect(400);
            assertThat(reply.error()).as("include %s", include).contains("include");
        }
        ApiReply exclude = api.post("/v1/targets", fields("name", "bad include", "plugin", "fs",
                "endpoint", Map.of("path", dir, "exclude", List.of(List.of("x"))))).expect(400);
        assertThat(exclude.error()).contains("exclude");
        assertNotListed("/v1/targets", "bad include");

        for (String path : List.of("relative/objects", "/tmp/a\u0000b")) {
            assertThat(api.post("/v1/stores", fields("name", "bad path", "plugin", "fs", "endpoint", Map.of("path", path)))
                    .expect(400).error()).as("path %s", path).contains("path");
            assertThat(api.post("/v1/targets", fields("name", "bad path", "plugin", "fs", "endpoint", Map.of("path", path)))
                    .expect(400).error()).as("path %s", path).contains("path");
        }
        assertThat(api.post("/v1/targets", fields("name", "bad path", "plugin", "sqlite",
                "endpoint", Map.of("path", "relative.db"))).expect(400).error()).contains("path");
        assertNotListed("/v1/stores", "bad path");
        assertNotListed("/v1/targets", "bad path");
    }

    @Test
    void aBackupWhoseSelectionMatchesNothingFails() throws Exception {
        Path source = api.directory("selected");
        Files.writeString(source.resolve("notes.txt"), "hello");
        String target = api.create("/v1/targets", fields("name", "nothing selected", "plugin", "fs",
                "endpoint", Map.of("path", source.toString(), "include", List.of("*.log"))));
        String store = api.fsStore("empty selection store", api.directory("objects"));
        String job = api.job("empty selection", target, store, api.schedule("empty selection daily", "daily at 4am"),
                api.retention("empty selection week", 7 * 86400));

        JsonNode task = api.runJob(job);

        assertThat(task.path("status").stringValue()).isEqualTo("failed");
        assertThat(task.path("log").stringValue()).contains(source.toString(), "*.log", "matches");
        assertThat(api.get("/v1/archives?target=" + target).expect(200).json()).isEmpty();
    }

    @Test
    void namesAndSummariesWithControlCharactersAreRefused() {
        List<String> bad = List.of("\\n14:00:00 done", "\\r", "\\u0000", "\\u001b[2J", "\\u007f", "\\u0085", "\\ud800",
                "\\t", "\\u2028", "\\u202e");
        for (int i = 0; i < bad.size(); i++) {
            for (String field : List.of("name", "summary")) {
                String other = field.equals("name") ? "\"summary\": \"fine\"" : "\"name\": \"refused-name\"";
                String named = "\"" + field + "\": \"ctl" + i + bad.get(i) + "\", " + other;
                Map<String, String> bodies = Map.of(
                        "/v1/targets", "{" + named + ", \"plugin\": \"fs\", \"endpoint\": {\"path\": \"/srv\"}}",
                        "/v1/stores", "{" + named + ", \"plugin\": \"fs\", \"endpoint\": {\"path\": \"/srv\"}}",
                        "/v1/schedules", "{" + named + ", \"when\": \"daily at 4am\"}",
                        "/v1/retention", "{" + named + ", \"expires\": 86400}");
                String value = bad.get(i);
                bodies.forEach((path, body) -> assertThat(postRaw(path, body).expect(400).error())
                        .as("%s %s %s", path, field, value).contains(field, "control"));
            }
        }
        Map<String, Object> job = jobBody("job");
        assertThat(api.post("/v1/jobs", ApiFixture.with(job, "name", "job\u001b[2J")).expect(400).error()).contains("name");
        String created = api.create("/v1/jobs", ApiFixture.with(job, "name", "owned job"));
        assertThat(api.post("/v1/job/" + created + "/run", fields("owner", "me\n14:00:00 done")).expect(400).error())
                .contains("owner");
        assertThat(api.get("/v1/tasks").expect(200).body()).doesNotContain("14:00:00 done");
        assertThat(api.post("/v1/targets", fields("name", "agent target", "plugin", "fs", "endpoint", Map.of("path", "/srv"),
                "agent", "10.0.0.1:5544\u001b[2J")).expect(400).error()).contains("agent");
        for (String path : List.of("/v1/targets", "/v1/stores", "/v1/schedules", "/v1/retention", "/v1/jobs")) {
            assertThat(api.get(path).expect(200).body()).doesNotContain("refused-name", "\"name\":\"ctl", "\"summary\":\"fine\"",
                    "job\\u001b");
        }
    }

    @Test
    void namesAreUniquePerKind() {
        String first = api.fsTarget("twin", api.directory("twin"));
        ApiReply again = api.post("/v1/targets", fields("name", "twin", "plugin", "fs",
                "endpoint", Map.of("path", "/srv"))).expect(409);
        assertThat(again.error()).contains("twin", first);
        String other = api.fsTarget("not a twin", api.directory("twin"));
        assertThat(api.put("/v1/target/" + other, fields("name", "twin", "summary", "s", "plugin", "fs",
                "endpoint", Map.of("path", "/srv"))).expect(409).error()).contains("twin", first);
        assertThat(api.get("/v1/target/" + other).expect(200).json().path("name").stringValue()).isEqualTo("not a twin");
        api.put("/v1/target/" + first, fields("name", "twin", "summary", "kept its own name", "plugin", "fs",
                "endpoint", Map.of("path", "/srv"))).expect(200);

        String store = api.fsStore("twin", api.directory("twin"));
        assertThat(api.post("/v1/stores", fields("name", "twin", "plugin", "fs", "endpoint", Map.of("path", "/srv")))
                .expect(409).error()).contains("twin", store);
        String schedule = api.schedule("twin", "daily at 4am");
        assertThat(api.post("/v1/schedules", fields("name", "twin", "when", "daily at 5am")).expect(409).error())
                .contains("twin", schedule);
        String retention = api.retention("twin", 86400);
        assertThat(api.post("/v1/retention", fields("name", "twin", "expires", 7200)).expect(409).error())
                .contains("twin", retention);
        String job = api.create("/v1/jobs", ApiFixture.with(jobBody("x"), "name", "twin"));
        assertThat(api.post("/v1/jobs", ApiFixture.with(jobBody("x"), "name", "twin")).expect(409).error())
                .contains("twin", job);

        for (String path : List.of("/v1/targets", "/v1/stores", "/v1/schedules", "/v1/retention", "/v1/jobs")) {
            long twins = 0;
            for (JsonNode item : api.get(path).expect(200).json()) {
                twins += item.path("name").stringValue().equals("twin") ? 1 : 0;
            }
            assertThat(twins).as(path).isEqualTo(1);
        }
    }

    @Test
    void flagsAreReadAsTheOpenApiDocumentSpellsThem() {
        String all = api.get("/v1/archives?purged=t").expect(200).body();
        for (String yes : List.of("t", "true", "y", "yes", "1")) {
            assertThat(api.get("/v1/archives?purged=" + yes).expect(200).body()).as(yes).isEqualTo(all);
        }
        for (String no : List.of("f", "false", "n", "no", "0")) {
            api.get("/v1/archives?purged=" + no).expect(200);
        }
        for (String query : List.of("/v1/archives?purged=maybe", "/v1/archives?purged=TRUE", "/v1/jobs?paused=maybe",
                "/v1/targets?unused=maybe", "/v1/stores?unused=2", "/v1/schedules?unused=ok", "/v1/retention?unused=x")) {
            String parameter = query.substring(query.indexOf('?') + 1, query.indexOf('='));
            assertThat(api.get(query).expect(400).error()).as(query).contains(parameter, "true", "false");
        }
    }

    @Test
    void purgedArchivesAreListedWithEveryTrueSpelling() throws Exception {
        Path source = api.directory("purged");
        Files.writeString(source.resolve("a.txt"), "a");
        String target = api.fsTarget("purged source", source);
        String job = api.job("purged job", target, api.fsStore("purged store", api.directory("purged-objects")),
                api.schedule("purged daily", "daily at 4am"), api.retention("purged week", 7 * 86400));
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        String archive = api.get("/v1/archives?target=" + target).expect(200).uuids().getFirst();
        api.delete("/v1/archive/" + archive).expect(200);

        assertThat(api.get("/v1/archives?target=" + target).expect(200).uuids()).doesNotContain(archive);
        for (String yes : List.of("t", "true", "y", "yes", "1")) {
            assertThat(api.get("/v1/archives?target=" + target + "&purged=" + yes).expect(200).uuids()).as(yes)
                    .contains(archive);
        }
        assertThat(api.get("/v1/archives?target=" + target + "&purged=false").expect(200).uuids()).doesNotContain(archive);
    }

    @Test
    void errorsRaisedBeforeRoutingAreJsonToo() throws Exception {
        String large = "{\"name\": \"" + "x".repeat(1_100_000) + "\", \"expires\": 86400}";
        ApiReply tooLarge = api.post("/v1/retention", large).expect(413);
        assertThat(tooLarge.contentType()).startsWith("application/json");
        assertThat(tooLarge.error()).contains("body", "bytes");

        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> nul = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + api.server().port() + "/v1/target/%00"))
                    .header("Authorization", "Bearer " + ApiFixture.TOKEN).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(nul.statusCode()).isEqualTo(400);
            assertThat(nul.headers().firstValue("Content-Type").orElse("")).as("%s %s", nul.headers(), nul.body())
                    .startsWith("application/json");
            assertThat(ApiFixture.JSON.readTree(nul.body()).path("error").stringValue()).contains("malformed");
        }

        for (String body : List.of("[1]", "\"text\"", "{\"name\": \"a\", \"name\": \"b\", \"expires\": 86400}", "{")) {
            ApiReply reply = api.post("/v1/retention", body).expect(400);
            assertThat(reply.error()).as(body).doesNotContain("java.", "LinkedHashMap");
        }
    }

    @Test
    void aHostileNameFromBeforeTheRulesIsEscapedInTheTaskLog() throws Exception {
        Path source = api.directory("hostile");
        Files.writeString(source.resolve("a.txt"), "a");
        String target = api.fsTarget("hostile source", source);
        String hostile = "inj\n14:00:00 backup done\n\u001b[2J";
        // as a row saved before names were checked
        try (Connection catalog = DriverManager.getConnection("jdbc:sqlite:" + root.resolve("data/catalog.db"));
             PreparedStatement rename = catalog.prepareStatement("UPDATE targets SET name = ? WHERE uuid = ?")) {
            rename.setString(1, hostile);
            rename.setString(2, target);
            assertThat(rename.executeUpdate()).isEqualTo(1);
        }
        String job = api.job("hostile job", target, api.fsStore("hostile store", api.directory("hostile-objects")),
                api.schedule("hostile daily", "daily at 4am"), api.retention("hostile week", 7 * 86400));

        String log = api.runJob(job).path("log").stringValue();

        assertThat(log).contains("inj\\n14:00:00 backup done\\n\\u001b[2J").doesNotContain("\u001b");
        assertThat(log.lines()).noneMatch(line -> line.startsWith("14:00:00 backup done"));
        assertThat(api.get("/v1/target/" + target).expect(200).json().path("name").stringValue()).isEqualTo(hostile);
    }
}
