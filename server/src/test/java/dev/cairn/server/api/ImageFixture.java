package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;

import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.ServerAccounts;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the instance lifecycle tests share: a backed-up postgres target with an image, and the tear-down. */
final class ImageFixture {
    private ImageFixture() {
    }

    /** Target {@code app-db} (database {@code app} of {@code postgres}), backed up once, and an image of it: the image's id. */
    static long backedUpImage(ApiFixture api, PostgresServer postgres) {
        String target = api.create("/v1/targets", fields("name", "app-db", "plugin", "postgres", "endpoint", Map.of(
                "host", postgres.host(), "port", postgres.port(), "user", postgres.user(),
                "password", postgres.password(), "database", "app")));
        String job = api.job("app", target, api.fsStore("app", api.directory("store")), api.schedule("app", "daily at 4am"),
                api.retention("app", 86400));
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode image = api.post("/v1/images", fields("target", target)).expect(200).json();
        api.awaitDone(image.path("task_uuid").stringValue());
        return image.path("image").path("id").longValue();
    }

    /** Deletes every image (destroying its instances), then stops the server and PostgreSQL and removes {@code root}. */
    static void stop(ApiFixture api, PostgresServer postgres, Path root) {
        try {
            closeDeletingImages(api);
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (root != null) {
                ServerAccounts.delete(root);
            }
        }
    }

    /** Deletes every image (destroying its instances) and stops the server, if it was started. */
    static void closeDeletingImages(ApiFixture api) {
        if (api != null) {
            for (JsonNode made : api.get("/v1/images").json()) {
                api.delete("/v1/image/" + made.path("id").longValue() + "?force=true");
            }
            api.close();
        }
    }
}
