package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged archive on the web UI's archive pages: marked, offered no restore, and warned about. */
class DamagedArchivePagesTest {
    @TempDir
    static Path root;
    static WebFixture web;
    static HttpClient http;
    static String cookie;

    @BeforeAll
    static void start() {
        web = WebFixture.start(root);
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> login = send("POST", "/login", "token=" + URLEncoder.encode(WebFixture.TOKEN, StandardCharsets.UTF_8));
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
    }

    @AfterAll
    static void stop() {
        http.close();
        web.close();
    }

    @Test
    void aDamagedArchiveIsMarkedAndOffersNoRestore() {
        var catalog = web.cairn().catalog();
        Store store = new Store(UUID.randomUUID(), "vault", "", "fs", Map.of("path", root.resolve("store").toString()));
        Target target = new Target(UUID.randomUUID(), "files", "", "fs", Map.of("path", root.resolve("files").toString()), "");
        catalog.stores().insert(store);
        catalog.targets().insert(target);
        Instant taken = Instant.parse("2026-11-30T04:00:00Z");
        Archive good = archive(target, store, taken);
        Archive bad = archive(target, store, taken.plusSeconds(3600));
        catalog.archives().insert(good);
        catalog.archives().insert(bad);
        catalog.archives().markDamaged(bad.uuid(), "object x is damaged or is not this archive's: expected sha256 a, read b");

        String page = send("GET", "/archives", null).body();

        String badRow = page.substring(page.indexOf("id=\"archive-" + bad.uuid() + "\""));
        badRow = badRow.substring(0, badRow.indexOf("</tr>"));
        assertThat(badRow).contains("badge damaged").doesNotContain("/restore\"");
        String goodRow = page.substring(page.indexOf("id=\"archive-" + good.uuid() + "\""));
        goodRow = goodRow.substring(0, goodRow.indexOf("</tr>"));
        assertThat(goodRow).doesNotContain("damaged").contains("/archives/" + good.uuid() + "/restore");
        assertThat(send("GET", "/archives/" + bad.uuid() + "/restore", null).body()).contains("This archive is damaged");
    }

    private static Archive archive(Target target, Store store, Instant taken) {
        UUID uuid = UUID.randomUUID();
        return new Archive(uuid, target.uuid(), "fs", store.uuid(), null, uuid + ".age", uuid + ".age.manifest.json",
                taken, taken.plusSeconds(86400), "", Archive.Status.VALID, 10, 20, "0".repeat(64), "zstd-3", "age-x25519");
    }

    private static HttpResponse<String> send(String method, String path, String formBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.url(path))).timeout(Duration.ofSeconds(20))
                .method(method, formBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(formBody));
        if (formBody != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
