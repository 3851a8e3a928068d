package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Usage;
import dev.cairn.testing.Binaries;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The target and store forms of a seed-protocol plugin ({@code seed-fs.sh} of the plugins module: no
 * fields declared, its own {@code validate}) in a real server's plugins directory, posted over HTTP
 * as a browser would: one JSON input holding the whole endpoint, shown masked as the API shows it;
 * sent back masked it keeps what was stored; bad JSON and the program's refusal are shown beside the
 * input and save nothing; and the form warns that the endpoint is on the program's command line.
 */
class WebUiSeedPluginsTest {
    private static final Path SCRIPT = Path.of("../plugins/src/test/resources/exec/seed-fs.sh");
    private static final Pattern TEXTAREA = Pattern.compile("<textarea[^>]*name=\"endpoint\"[^>]*>(.*?)</textarea>", Pattern.DOTALL);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "seed-web-token-51c3";

    @TempDir
    static Path root;
    static WebFixture web;
    static FormClient client;

    @BeforeAll
    static void start() throws IOException {
        assertThat(SCRIPT).as("the seed-protocol script, seen from the server module").isRegularFile();
        Binaries.require("sh", "dash");
        Path installed = Files.createDirectories(root.resolve("data/plugins")).resolve("seed-fs.sh");
        Files.copy(SCRIPT, installed);
        Files.setPosixFilePermissions(installed, PosixFilePermissions.fromString("rwxr-xr-x"));
        web = WebFixture.start(root);
        client = FormClient.logIn(web);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (web != null) {
            web.close();
        }
    }

    @Test
    void theNewFormHasOneJsonInputAndSaysTheEndpointIsOnTheCommandLine() {
        HttpResponse<String> page = client.get("/targets/new?plugin=seed-fs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Endpoint (JSON)").doesNotContain("name=\"endpoint.")
                .contains("id=\"endpoint-warning\"").contains("process list");
        assertThat(textarea(page.body())).isEqualTo("{}");
        // the inputs swapped in when the plugin is chosen in the form say the same
        HttpResponse<String> fields = client.get("/stores/fields?plugin=seed-fs");
        assertThat(fields.body()).contains("name=\"endpoint\"").contains("process list").doesNotContain("<html");
        // a plugin with fields gets its typed inputs and no warning
        assertThat(client.get("/targets/new?plugin=fs").body()).contains("name=\"endpoint.path\"")
                .doesNotContain("endpoint-warning").doesNotContain("<textarea");
    }

    @Test
    void aTargetMadeFromJsonKeepsItsEndpointWhenOnlyItsNameIsEdited() throws IOException {
        Path source = Files.createDirectories(root.resolve("seed-source"));
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("base_dir", source.toString());
        endpoint.put("token", TOKEN);
        endpoint.put("never_declared", 3);
        HttpResponse<String> created = client.post("/targets", Map.of("name", "seeded by form", "summary", "",
                "plugin", "seed-fs", "agent", "", "endpoint", JSON.writeValueAsString(endpoint)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        Target saved = target("seeded by form").orElseThrow();
        assertThat(saved.endpoint()).isEqualTo(endpoint);

        HttpResponse<String> form = client.get("/targets/" + saved.uuid());
        String shown = textarea(form.body());
        String api = JSON.readTree(client.api("/v1/target/" + saved.uuid()).body()).path("endpoint").stringValue();
        assertThat(shown).as("masked as the API shows it").isEqualTo(api)
                .isEqualTo("{\"base_dir\":\"********\",\"token\":\"********\",\"never_declared\":\"********\"}");
        assertThat(form.body()).doesNotContain(TOKEN).doesNotContain(source.toString()).contains("process list");

        // only the name changes; the masked JSON goes back as the browser shows it, and validate sees the stored base_dir
        HttpResponse<String> edited = client.post("/targets/" + saved.uuid(), Map.of("name", "seeded, renamed",
                "summary", "edited in the UI", "plugin", "seed-fs", "agent", "", "endpoint", shown));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(303);
        Target after = web.cairn().catalog().targets().get(saved.uuid());
        assertThat(after.name()).isEqualTo("seeded, renamed");
        assertThat(after.endpoint()).isEqualTo(endpoint);
    }

    @Test
    void aStoreMadeFromJsonKeepsItsEndpointWhenOnlyItsNameIsEdited() throws IOException {
        Path blobs = Files.createDirectories(root.resolve("seed-blobs"));
        String endpoint = "{\"base_dir\": \"" + blobs + "\", \"bucket_hint\": \"kept\"}";
        assertThat(client.post("/stores", Map.of("name", "seed store by form", "summary", "", "plugin", "seed-fs",
                "endpoint", endpoint)).statusCode()).isEqualTo(303);
        Store saved = store("seed store by form").orElseThrow();
        String shown = textarea(client.get("/stores/" + saved.uuid()).body());
        assertThat(shown).isEqualTo("{\"base_dir\":\"********\",\"bucket_hint\":\"********\"}");

        assertThat(client.post("/stores/" + saved.uuid(), Map.of("name", "seed store renamed", "summary", "",
                "plugin", "seed-fs", "endpoint", shown)).statusCode()).isEqualTo(303);
        Store after = web.cairn().catalog().stores().get(saved.uuid());
        assertThat(after.name()).isEqualTo("seed store renamed");
        assertThat(after.endpoint()).isEqualTo(Map.of("base_dir", blobs.toString(), "bucket_hint", "kept"));
    }

    @Test
    void anInvalidJsonIsShownBesideTheInputAndSavesNothing() throws IOException {
        String typo = "{\"base_dir\": \"/srv\", }";
        HttpResponse<String> refused = client.post("/targets", Map.of("name", "bad json", "summary", "", "plugin", "seed-fs",
                "agent", "", "endpoint", typo));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fieldProblem(refused.body())).startsWith("endpoint is not valid JSON");
        assertThat(textarea(refused.body())).as("the text as typed, to fix").isEqualTo(typo);
        assertThat(target("bad json")).isEmpty();

        HttpResponse<String> notAnObject = client.post("/targets", Map.of("name", "bad json", "summary", "",
                "plugin", "seed-fs", "agent", "", "endpoint", "[\"base_dir\"]"));
        assertThat(notAnObject.statusCode()).isEqualTo(400);
        assertThat(fieldProblem(notAnObject.body())).startsWith("endpoint must be a JSON object");
        HttpResponse<String> empty = client.post("/targets", Map.of("name", "bad json", "summary", "",
                "plugin", "seed-fs", "agent", "", "endpoint", "  "));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(fieldProblem(empty.body())).isEqualTo("missing required field endpoint");
        assertThat(target("bad json")).isEmpty();

        // nor does an edit: the stored endpoint stays
        Target kept = savedTarget("kept despite typos");
        assertThat(client.post("/targets/" + kept.uuid(), Map.of("name", "renamed by a typo", "summary", "", "plugin", "seed-fs",
                "agent", "", "endpoint", "{\"base_dir\":")).statusCode()).isEqualTo(400);
        assertThat(web.cairn().catalog().targets().get(kept.uuid())).isEqualTo(kept);
    }

    @Test
    void whatTheProgramsValidateSaysIsShownBesideTheInputAndSavesNothing() throws IOException {
        HttpResponse<String> refused = client.post("/stores", Map.of("name", "refused store", "summary", "",
                "plugin", "seed-fs", "endpoint", "{\"base_dir\": \"/no/such/directory\"}"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fieldProblem(refused.body()))
                .isEqualTo("plugin seed-fs refused the endpoint: base_dir: '/no/such/directory' is not a directory");
        assertThat(refused.body()).contains("class=\"problem\"");
        assertThat(store("refused store")).isEmpty();

        HttpResponse<String> unset = client.post("/targets", Map.of("name", "refused target", "summary", "",
                "plugin", "seed-fs", "agent", "", "endpoint", "{}"));
        assertThat(unset.statusCode()).isEqualTo(400);
        assertThat(fieldProblem(unset.body())).isEqualTo("plugin seed-fs refused the endpoint: base_dir: required but not set");
        assertThat(target("refused target")).isEmpty();

        Target kept = savedTarget("kept despite refusal");
        HttpResponse<String> edit = client.post("/targets/" + kept.uuid(), Map.of("name", "renamed by a refusal",
                "summary", "", "plugin", "seed-fs", "agent", "", "endpoint", "{\"base_dir\": \"/no/such/directory\"}"));
        assertThat(edit.statusCode()).isEqualTo(400);
        assertThat(fieldProblem(edit.body())).contains("is not a directory");
        assertThat(web.cairn().catalog().targets().get(kept.uuid())).isEqualTo(kept);
    }

    /** A seed-fs target saved through the form, on a fresh directory. */
    private static Target savedTarget(String name) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name.replace(' ', '-')));
        HttpResponse<String> created = client.post("/targets", Map.of("name", name, "summary", "", "plugin", "seed-fs",
                "agent", "", "endpoint", "{\"base_dir\": \"" + dir + "\", \"token\": \"" + TOKEN + "\"}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        return target(name).orElseThrow();
    }

    private static Optional<Target> target(String name) {
        return web.cairn().catalog().targets().list(null, Usage.ANY).stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static Optional<Store> store(String name) {
        return web.cairn().catalog().stores().list(null, Usage.ANY).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The JSON input's text, as a browser reads it. */
    private static String textarea(String page) {
        Matcher m = TEXTAREA.matcher(page);
        assertThat(m.find()).as("a JSON endpoint input in the page").isTrue();
        return unescape(m.group(1));
    }

    /** The message beside the JSON input, which must be marked invalid. */
    private static String fieldProblem(String page) {
        Matcher m = Pattern.compile("<label class=\"invalid\">\\s*<span class=\"label-line\">Endpoint \\(JSON\\).*?"
                + "<small class=\"field-problem\">(.*?)</small>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("an invalid JSON input with its problem beside it in:\n" + page).isTrue();
        return unescape(m.group(1));
    }

    private static String unescape(String html) {
        return html.replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }
}
