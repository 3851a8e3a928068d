package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.endpoint;
import static dev.cairn.server.api.ApiFixture.fields;
import static dev.cairn.server.api.ApiFixture.with;
import static dev.cairn.server.api.ApiFixture.without;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v1/targets} and {@code /v1/target/{uuid}}. */
class TargetsApiTest extends ApiTestBase {

    @Test
    void createsShowsListsAndUpdatesATarget() {
        Path directory = api.directory("www");
        Map<String, Object> body = fields("name", "web files", "summary", "the site's documents", "plugin", "fs",
                "endpoint", Map.of("path", directory.toString(), "exclude", List.of("*.tmp")), "agent", "");
        String uuid = api.create("/v1/targets", body);
        assertThat(UUID.fromString(uuid).toString()).isEqualTo(uuid);

        JsonNode shown = api.get("/v1/target/" + uuid).expect(200).json();
        assertThat(shown.propertyNames()).containsExactlyInAnyOrder("uuid", "name", "summary", "plugin", "endpoint", "agent",
                "team", "team_name");
        // made by the admin without a team: no team's, an admin's only
        assertThat(shown.path("team").stringValue()).isEmpty();
        assertThat(shown.path("uuid").stringValue()).isEqualTo(uuid);
        assertThat(shown.path("name").stringValue()).isEqualTo("web files");
        assertThat(shown.path("summary").stringValue()).isEqualTo("the site's documents");
        assertThat(shown.path("plugin").stringValue()).isEqualTo("fs");
        assertThat(shown.path("agent").stringValue()).isEmpty();
        JsonNode endpoint = endpoint(shown, "endpoint");
        assertThat(endpoint.path("path").stringValue()).isEqualTo(directory.toString());
        assertThat(ApiReply.strings(endpoint.path("exclude"))).containsExactly("*.tmp");

        JsonNode listed = listed("/v1/targets", uuid);
        assertThat(listed).isEqualTo(shown);

        Path moved = api.directory("www-moved");
        JsonNode updated = api.put("/v1/target/" + uuid, fields("name", "web files (moved)", "summary", "moved to a new disk",
                "plugin", "fs", "endpoint", Map.of("path", moved.toString()), "agent", "10.17.66.54:5544")).expect(200).json();
        assertThat(updated.propertyNames()).containsExactly("ok");
        assertThat(updated.path("ok").stringValue()).isEqualTo("updated");
        JsonNode after = api.get("/v1/target/" + uuid).expect(200).json();
        assertThat(after.path("name").stringValue()).isEqualTo("web files (moved)");
        assertThat(after.path("summary").stringValue()).isEqualTo("moved to a new disk");
        assertThat(after.path("agent").stringValue()).isEqualTo("10.17.66.54:5544");
        assertThat(endpoint(after, "endpoint").path("path").stringValue()).isEqualTo(moved.toString());
        assertThat(endpoint(after, "endpoint").has("exclude")).isFalse();
    }

    @Test
    void acceptsTheEndpointAsAJsonEncodedString() {
        Path directory = api.directory("encoded");
        String encoded = ApiFixture.JSON.writeValueAsString(Map.of("path", directory.toString()));
        String uuid = api.create("/v1/targets", fields("name", "encoded", "summary", "", "plugin", "fs", "endpoint", encoded,
                "agent", ""));
        assertThat(endpoint(api.get("/v1/target/" + uuid).expect(200).json(), "endpoint").path("path").stringValue())
                .isEqualTo(directory.toString());

        api.put("/v1/target/" + uuid, fields("name", "encoded", "summary", "sent as a string again", "plugin", "fs",
                "endpoint", encoded, "agent", "")).expect(200);
        assertThat(api.get("/v1/target/" + uuid).expect(200).json().path("summary").stringValue())
                .isEqualTo("sent as a string again");
    }

    @Test
    void summaryAndAgentAreOptionalOnCreation() {
        String uuid = api.create("/v1/targets", fields("name", "bare", "plugin", "fs",
                "endpoint", Map.of("path", api.directory("bare").toString())));
        JsonNode shown = api.get("/v1/target/" + uuid).expect(200).json();
        assertThat(shown.path("summary").stringValue()).isEmpty();
        assertThat(shown.path("agent").stringValue()).isEmpty();
    }

    @Test
    void updateRequiresASummaryWhichMayBeEmpty() {
        Map<String, Object> body = fields("name", "needs summary", "plugin", "fs",
                "endpoint", Map.of("path", api.directory("summary").toString()), "agent", "");
        String uuid = api.create("/v1/targets", body);

        ApiReply reply = api.put("/v1/target/" + uuid, body).expect(400);
        assertThat(reply.missing()).containsExactly("summary");
        assertThat(reply.error()).contains("summary");
        // present but empty is a value: an item made without a summary can still be edited
        api.put("/v1/target/" + uuid, with(body, "summary", "")).expect(200);
    }

    @Test
    void missingFieldsAreListed() {
        ApiReply reply = api.post("/v1/targets", fields("summary", "nothing else")).expect(400);
        assertThat(reply.missing()).containsExactlyInAnyOrder("name", "plugin", "endpoint");
        assertThat(reply.error()).contains("name", "plugin", "endpoint");

        Map<String, Object> full = fields("name", "x", "plugin", "fs", "endpoint", Map.of("path", "/tmp"));
        assertThat(api.post("/v1/targets", without(full, "endpoint")).expect(400).missing()).containsExactly("endpoint");
        assertThat(api.post("/v1/targets", with(full, "name", " ")).expect(400).missing()).containsExactly("name");
    }

    @Test
    void refusesAnUnknownPlugin() {
        ApiReply reply = api.post("/v1/targets", fields("name", "mystery", "plugin", "oracle-9i",
                "endpoint", Map.of("path", "/tmp"))).expect(400);
        assertThat(reply.error()).contains("oracle-9i");
    }

    @Test
    void refusesMalformedJson() {
        assertThat(api.post("/v1/targets", "{\"name\": \"half").expect(400).error()).isNotBlank();
        assertThat(api.post("/v1/targets", "[\"not\", \"an object\"]").expect(400).error()).contains("object");
        assertThat(api.post("/v1/targets", fields("name", "bad endpoint", "plugin", "fs", "endpoint", "{path: nope"))
                .expect(400).error()).contains("endpoint");
    }

    @Test
    void checksTheEndpointAgainstThePluginsFields() {
        assertThat(api.post("/v1/targets", fields("name", "no path", "plugin", "fs", "endpoint", Map.of()))
                .expect(400).error()).contains("path");
        assertThat(api.post("/v1/targets", fields("name", "extra", "plugin", "fs",
                "endpoint", Map.of("path", "/tmp", "bucket", "b"))).expect(400).error()).contains("bucket");
    }

    @Test
    void anUnknownTargetIsNotFound() {
        String unknown = "/v1/target/" + UUID.randomUUID();
        assertThat(api.get(unknown).expect(404).error()).isNotBlank();
        api.put(unknown, fields("name", "x", "summary", "y", "plugin", "fs", "endpoint", Map.of("path", "/tmp"))).expect(404);
        api.delete(unknown).expect(404);
        api.get("/v1/target/not-a-uuid").expect(404);
    }

    @Test
    void filtersByPluginAndUse() {
        String used = api.fsTarget("used files", api.directory("used"));
        String unused = api.fsTarget("unused files", api.directory("unused"));
        String database = api.create("/v1/targets", fields("name", "orders db", "plugin", "postgres",
                "endpoint", Map.of("host", "db1", "database", "orders"), "agent", ""));
        api.job("uses a target", used, api.fsStore("filter store", api.directory("filter-store")),
                api.schedule("filter schedule", "daily at 4am"), api.retention("filter retention", 86400));

        assertThat(api.get("/v1/targets?plugin=postgres").expect(200).uuids()).contains(database).doesNotContain(used, unused);
        assertThat(api.get("/v1/targets?plugin=fs").expect(200).uuids()).contains(used, unused).doesNotContain(database);
        assertThat(api.get("/v1/targets?plugin=redis").expect(200).uuids()).isEmpty();
        assertThat(api.get("/v1/targets?unused=t").expect(200).uuids()).contains(unused, database).doesNotContain(used);
        assertThat(api.get("/v1/targets?unused=f").expect(200).uuids()).contains(used).doesNotContain(unused, database);
        assertThat(api.get("/v1/targets?plugin=fs&unused=t").expect(200).uuids()).contains(unused).doesNotContain(used, database);
        assertThat(api.get("/v1/targets").expect(200).uuids()).contains(used, unused, database);
        assertThat(api.get("/v1/targets?unused=maybe").expect(400).error()).contains("maybe");
    }

    @Test
    void deletingATargetAJobUsesIsAConflictNamingTheJob() {
        String target = api.fsTarget("busy files", api.directory("busy"));
        String job = api.job("nightly busy files", target, api.fsStore("busy store", api.directory("busy-store")),
                api.schedule("busy schedule", "daily at 1am"), api.retention("busy retention", 7200));

        assertThat(api.delete("/v1/target/" + target).expect(409).error()).contains("nightly busy files");
        api.get("/v1/target/" + target).expect(200);

        api.delete("/v1/job/" + job).expect(200);
        JsonNode deleted = api.delete("/v1/target/" + target).expect(200).json();
        assertThat(deleted.path("ok").stringValue()).isEqualTo("deleted");
        api.get("/v1/target/" + target).expect(404);
        assertThat(api.get("/v1/targets").expect(200).uuids()).doesNotContain(target);
    }

    /** ?unused=t is there so that a frontend can offer what is safe to delete (seed 004). */
    @Test
    void aTargetListedAsUnusedCanBeDeleted() {
        Path source = api.directory("once-backed-up");
        String target = api.fsTarget("backed up once", source);
        String job = api.job("one-off", target, api.fsStore("one-off store", api.directory("one-off-store")),
                api.schedule("one-off schedule", "daily at 2am"), api.retention("one-off retention", 7200));
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        api.delete("/v1/job/" + job).expect(200);

        // its archive still needs it: not offered for deletion, and deleting it is refused
        assertThat(api.get("/v1/targets?unused=t").expect(200).uuids()).doesNotContain(target);
        api.delete("/v1/target/" + target).expect(409);

        for (String archive : api.get("/v1/archives?target=" + target).expect(200).uuids()) {
            api.delete("/v1/archive/" + archive).expect(200);
        }
        assertThat(api.get("/v1/targets?unused=t").expect(200).uuids()).contains(target);
        api.delete("/v1/target/" + target).expect(200);
    }

    @Test
    void secretEndpointFieldsAreMaskedAndKeptWhenSentBackMasked() {
        String uuid = api.create("/v1/targets", fields("name", "billing db", "summary", "production billing",
                "plugin", "postgres", "endpoint", Map.of("host", "db.internal", "port", "5432", "user", "backup",
                        "password", "hunter2-secret", "database", "billing"), "agent", ""));

        ApiReply shownReply = api.get("/v1/target/" + uuid).expect(200);
        assertThat(shownReply.body()).doesNotContain("hunter2-secret");
        JsonNode shown = shownReply.json();
        JsonNode endpoint = endpoint(shown, "endpoint");
        assertThat(endpoint.path("password").stringValue()).isEqualTo("********");
        assertThat(endpoint.path("user").stringValue()).isEqualTo("backup");
        assertThat(api.get("/v1/targets?plugin=postgres").expect(200).body()).doesNotContain("hunter2-secret");

        // A client edits what it was shown and sends it back, masked password included.
        api.put("/v1/target/" + uuid, fields("name", "billing db", "summary", "billing, now on port 5433",
                "plugin", "postgres", "endpoint", shown.path("endpoint").stringValue().replace("5432", "5433"),
                "agent", "")).expect(200);
        Map<String, Object> stored = api.cairn().catalog().targets().get(UUID.fromString(uuid)).endpoint();
        assertThat(stored.get("password")).isEqualTo("hunter2-secret");
        assertThat(String.valueOf(stored.get("port"))).isEqualTo("5433");
        assertThat(endpoint(api.get("/v1/target/" + uuid).expect(200).json(), "endpoint").path("password").stringValue())
                .isEqualTo("********");

        // The same as a JSON object; then a new password replaces the old one.
        api.put("/v1/target/" + uuid, fields("name", "billing db", "summary", "same", "plugin", "postgres",
                "endpoint", Map.of("host", "db.internal", "port", "5433", "user", "backup", "password", "********",
                        "database", "billing"), "agent", "")).expect(200);
        assertThat(api.cairn().catalog().targets().get(UUID.fromString(uuid)).endpoint().get("password"))
                .isEqualTo("hunter2-secret");
        api.put("/v1/target/" + uuid, fields("name", "billing db", "summary", "rotated", "plugin", "postgres",
                "endpoint", Map.of("host", "db.internal", "port", "5433", "user", "backup", "password", "rotated-pw",
                        "database", "billing"), "agent", "")).expect(200);
        assertThat(api.cairn().catalog().targets().get(UUID.fromString(uuid)).endpoint().get("password"))
                .isEqualTo("rotated-pw");
    }

    private static JsonNode listed(String path, String uuid) {
        for (JsonNode item : api.get(path).expect(200).json()) {
            if (uuid.equals(item.path("uuid").stringValue())) {
                return item;
            }
        }
        throw new AssertionError(uuid + " is not listed by " + path);
    }
}
