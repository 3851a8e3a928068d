package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.endpoint;
import static dev.cairn.server.api.ApiFixture.fields;
import static dev.cairn.server.api.ApiFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v1/stores} and {@code /v1/store/{uuid}}. */
class StoresApiTest extends ApiTestBase {

    @Test
    void aSelfTestAnswersHealthyOrWhatFailedAndListsShowIt() throws Exception {
        String good = api.fsStore("tested vault", api.directory("tested-vault"));
        Path blocker = java.nio.file.Files.writeString(api.directory("blocked").resolve("file"), "in the way");
        String bad = api.fsStore("blocked vault", blocker.resolve("store"));

        JsonNode healthy = api.post("/v1/store/" + good + "/test", fields()).expect(200).json();
        assertThat(healthy.path("healthy").asBoolean()).isTrue();
        assertThat(healthy.path("error").isNull()).isTrue();
        JsonNode failing = api.post("/v1/store/" + bad + "/test", fields()).expect(200).json();
        assertThat(failing.path("healthy").asBoolean()).isFalse();
        assertThat(failing.path("error").stringValue()).startsWith("cannot write a test blob");

        JsonNode listed = api.get("/v1/stores").expect(200).json();
        for (JsonNode store : listed) {
            if (store.path("uuid").stringValue().equals(good)) {
                assertThat(store.path("healthy").asBoolean()).isTrue();
                assertThat(store.path("health_checked_at").isString()).isTrue();
            } else if (store.path("uuid").stringValue().equals(bad)) {
                assertThat(store.path("healthy").asBoolean()).isFalse();
                assertThat(store.path("health_error").stringValue()).startsWith("cannot write a test blob");
            }
        }
        api.post("/v1/store/" + UUID.randomUUID() + "/test", fields()).expect(404);
    }

    @Test
    void createsShowsListsAndUpdatesAStore() {
        Path directory = api.directory("vault");
        String uuid = api.create("/v1/stores", fields("name", "local vault", "summary", "the second disk",
                "plugin", "fs", "endpoint", Map.of("path", directory.toString())));

        JsonNode shown = api.get("/v1/store/" + uuid).expect(200).json();
        assertThat(shown.propertyNames()).containsExactlyInAnyOrder("uuid", "name", "summary", "plugin", "endpoint",
                "healthy", "health_error", "health_checked_at", "archives", "bytes_used", "orphans");
        assertThat(shown.path("healthy").isNull()).as("untested").isTrue();
        assertThat(shown.path("archives").asLong()).isZero();
        assertThat(shown.path("orphans").asLong()).isZero();
        assertThat(shown.path("uuid").stringValue()).isEqualTo(uuid);
        assertThat(shown.path("name").stringValue()).isEqualTo("local vault");
        assertThat(shown.path("summary").stringValue()).isEqualTo("the second disk");
        assertThat(shown.path("plugin").stringValue()).isEqualTo("fs");
        assertThat(endpoint(shown, "endpoint").path("path").stringValue()).isEqualTo(directory.toString());
        assertThat(api.get("/v1/stores").expect(200).json()).contains(shown);

        Path other = api.directory("vault-2");
        JsonNode updated = api.put("/v1/store/" + uuid, fields("name", "local vault 2", "summary", "the third disk",
                "plugin", "fs", "endpoint", Map.of("path", other.toString()))).expect(200).json();
        assertThat(updated.path("ok").stringValue()).isEqualTo("updated");
        JsonNode after = api.get("/v1/store/" + uuid).expect(200).json();
        assertThat(after.path("name").stringValue()).isEqualTo("local vault 2");
        assertThat(after.path("summary").stringValue()).isEqualTo("the third disk");
        assertThat(endpoint(after, "endpoint").path("path").stringValue()).isEqualTo(other.toString());
    }

    @Test
    void acceptsTheEndpointAsAJsonEncodedString() {
        Path directory = api.directory("encoded");
        String uuid = api.create("/v1/stores", fields("name", "encoded", "plugin", "fs",
                "endpoint", "{\"path\":\"" + directory + "\"}"));
        assertThat(endpoint(api.get("/v1/store/" + uuid).expect(200).json(), "endpoint").path("path").stringValue())
                .isEqualTo(directory.toString());
        assertThat(api.get("/v1/store/" + uuid).expect(200).json().path("summary").stringValue()).isEmpty();
    }

    @Test
    void updateRequiresASummary() {
        Map<String, Object> body = fields("name", "s", "plugin", "fs", "endpoint", Map.of("path", api.directory("s").toString()));
        String uuid = api.create("/v1/stores", body);
        ApiReply reply = api.put("/v1/store/" + uuid, body).expect(400);
        assertThat(reply.missing()).containsExactly("summary");
        assertThat(reply.error()).contains("summary");
        api.put("/v1/store/" + uuid, with(body, "summary", "now with one")).expect(200);
    }

    @Test
    void missingFieldsAreListed() {
        ApiReply reply = api.post("/v1/stores", fields()).expect(400);
        assertThat(reply.missing()).containsExactlyInAnyOrder("name", "plugin", "endpoint");
        assertThat(api.post("/v1/stores", "").expect(400).missing()).containsExactlyInAnyOrder("name", "plugin", "endpoint");
    }

    @Test
    void refusesAnUnknownPluginAndATargetOnlyPlugin() {
        assertThat(api.post("/v1/stores", fields("name", "tape", "plugin", "tape-robot", "endpoint", Map.of()))
                .expect(400).error()).contains("tape-robot");
        assertThat(api.post("/v1/stores", fields("name", "pg", "plugin", "postgres", "endpoint", Map.of("host", "db")))
                .expect(400).error()).contains("postgres");
    }

    @Test
    void refusesMalformedJson() {
        assertThat(api.post("/v1/stores", "{\"name\": \"vault\", \"plugin\": fs}").expect(400).error()).isNotBlank();
        assertThat(api.put("/v1/store/" + api.fsStore("m", api.directory("m")), "{").expect(400).error()).isNotBlank();
    }

    @Test
    void anUnknownStoreIsNotFound() {
        String unknown = "/v1/store/" + UUID.randomUUID();
        assertThat(api.get(unknown).expect(404).error()).isNotBlank();
        api.put(unknown, fields("name", "x", "summary", "y", "plugin", "fs", "endpoint", Map.of("path", "/tmp"))).expect(404);
        api.delete(unknown).expect(404);
    }

    @Test
    void filtersByPluginAndUse() {
        String used = api.fsStore("used vault", api.directory("used"));
        String unused = api.fsStore("unused vault", api.directory("unused"));
        api.job("fills a vault", api.fsTarget("filter files", api.directory("files")), used,
                api.schedule("filter schedule", "hourly"), api.retention("filter retention", 3600));

        assertThat(api.get("/v1/stores?plugin=fs").expect(200).uuids()).contains(used, unused);
        assertThat(api.get("/v1/stores?plugin=s3").expect(200).uuids()).isEmpty();
        assertThat(api.get("/v1/stores?unused=t").expect(200).uuids()).contains(unused).doesNotContain(used);
        assertThat(api.get("/v1/stores?unused=f").expect(200).uuids()).contains(used).doesNotContain(unused);
        assertThat(api.get("/v1/stores?unused=").expect(200).uuids()).contains(used, unused);
    }

    /** ?unused=t is there so that a frontend can offer what is safe to delete (seed 004). */
    @Test
    void aStoreListedAsUnusedCanBeDeleted() {
        String store = api.fsStore("filled once", api.directory("filled-once"));
        String job = api.job("fills once", api.fsTarget("once files", api.directory("once-files")), store,
                api.schedule("once schedule", "daily at 2am"), api.retention("once retention", 7200));
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        api.delete("/v1/job/" + job).expect(200);

        // it still holds an archive: not offered for deletion, and deleting it is refused
        assertThat(api.get("/v1/stores?unused=t").expect(200).uuids()).doesNotContain(store);
        api.delete("/v1/store/" + store).expect(409);

        for (String archive : api.get("/v1/archives?store=" + store).expect(200).uuids()) {
            api.delete("/v1/archive/" + archive).expect(200);
        }
        assertThat(api.get("/v1/stores?unused=t").expect(200).uuids()).contains(store);
        api.delete("/v1/store/" + store).expect(200);
    }

    @Test
    void deletingAStoreAJobUsesIsAConflictNamingTheJob() {
        String store = api.fsStore("busy vault", api.directory("busy"));
        String job = api.job("weekly busy vault", api.fsTarget("busy files", api.directory("busy-files")), store,
                api.schedule("busy schedule", "sundays 8am"), api.retention("busy retention", 86400));

        assertThat(api.delete("/v1/store/" + store).expect(409).error()).contains("weekly busy vault");
        api.delete("/v1/job/" + job).expect(200);
        assertThat(api.delete("/v1/store/" + store).expect(200).json().path("ok").stringValue()).isEqualTo("deleted");
        api.get("/v1/store/" + store).expect(404);
    }
}
