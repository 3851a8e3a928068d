package dev.cairn.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description served at {@code /v1/openapi.json} matches the routes the server really has. */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");
    /** The one route outside /v1: open, and not among {@link ApiServer#routes()}. */
    private static final String HEALTH = "GET /healthz";

    @TempDir
    static Path root;
    static ApiFixture api;
    static JsonNode spec;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(root);
        ApiReply reply = api.get("/v1/openapi.json").expect(200);
        assertThat(reply.contentType()).startsWith("application/json");
        spec = reply.json();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void isOpenApi31() {
        assertThat(spec.path("openapi").stringValue()).startsWith("3.1.");
        assertThat(spec.path("info").path("title").isString()).isTrue();
        assertThat(spec.path("info").path("version").isString()).isTrue();
    }

    @Test
    void everyRouteIsDescribed() {
        assertThat(api.server().routes()).isNotEmpty();
        Set<String> described = operations();
        for (String route : api.server().routes()) {
            assertThat(described).as("openapi.json describes %s", route).contains(normalized(route));
        }
        assertThat(described).as("openapi.json describes the open health check").contains(HEALTH);
    }

    @Test
    void everyDescribedOperationIsARoute() {
        Set<String> routes = new HashSet<>();
        api.server().routes().forEach(route -> routes.add(normalized(route)));
        routes.add(HEALTH);
        assertThat(operations()).allSatisfy(operation ->
                assertThat(routes).as("%s described in openapi.json is a route of the server", operation).contains(operation));
    }

    @Test
    void describesTheSameNumberOfOperationsAsThereAreRoutes() {
        assertThat(operations()).hasSize(new HashSet<>(api.server().routes()).size() + 1);
    }

    @Test
    void everyV1OperationNeedsTheBearerTokenAndHealthIsOpen() {
        JsonNode scheme = spec.path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("type").stringValue()).isEqualTo("http");
        assertThat(scheme.path("scheme").stringValue()).isEqualTo("bearer");
        assertThat(spec.path("security").get(0).has("bearer")).as("bearer is the default security").isTrue();
        forEachOperation((path, method, operation) -> {
            if (path.equals("/healthz")) {
                assertThat(operation.path("security").isArray() && operation.path("security").isEmpty())
                        .as("/healthz has \"security\": []").isTrue();
            } else {
                assertThat(operation.has("security")).as("%s %s keeps the default bearer security", method, path).isFalse();
                assertThat(operation.path("responses").has("401")).as("%s %s documents 401", method, path).isTrue();
            }
        });
    }

    @Test
    void everyPathParameterIsDeclared() {
        forEachOperation((path, method, operation) -> {
            Set<String> declared = new TreeSet<>();
            List<JsonNode> parameters = new ArrayList<>();
            spec.path("paths").path(path).path("parameters").forEach(parameters::add);
            operation.path("parameters").forEach(parameters::add);
            for (JsonNode parameter : parameters) {
                JsonNode resolved = resolve(parameter);
                if ("path".equals(resolved.path("in").stringValue())) {
                    assertThat(resolved.path("required").asBoolean()).as("path parameter of %s is required", path).isTrue();
                    declared.add(resolved.path("name").stringValue());
                }
            }
            Set<String> inPath = new TreeSet<>();
            Matcher matcher = PARAMETER.matcher(path);
            while (matcher.find()) {
                inPath.add(matcher.group(1));
            }
            assertThat(declared).as("path parameters declared for %s %s", method, path).isEqualTo(inPath);
        });
    }

    @Test
    void everyOperationHasAnIdAndASuccessReply() {
        Set<String> ids = new HashSet<>();
        forEachOperation((path, method, operation) -> {
            assertThat(ids.add(operation.path("operationId").stringValue())).as("operationId of %s %s is unique", method, path).isTrue();
            assertThat(operation.path("responses").has("200")).as("%s %s documents its 200 reply", method, path).isTrue();
        });
    }

    @Test
    void everyReferenceResolves() {
        List<String> references = new ArrayList<>();
        collectReferences(spec, references);
        assertThat(references).isNotEmpty();
        assertThat(references).allSatisfy(reference ->
                assertThat(resolvePointer(reference).isMissingNode()).as("%s resolves", reference).isFalse());
    }

    @Test
    void errorsAreDescribedAsErrorAndMissing() {
        JsonNode error = spec.path("components").path("schemas").path("Error");
        assertThat(ApiReply.strings(error.path("required"))).containsExactly("error");
        assertThat(error.path("properties").propertyNames()).containsExactlyInAnyOrder("error", "missing");
        for (String reply : List.of("BadRequest", "Unauthorized", "NotFound", "Conflict")) {
            assertThat(spec.path("components").path("responses").path(reply).path("content").path("application/json")
                    .path("schema").path("$ref").stringValue()).isEqualTo("#/components/schemas/Error");
        }
    }

    @Test
    void bodiesUseTheSeedsFieldNames() {
        JsonNode schemas = spec.path("components").path("schemas");
        assertThat(schemas.path("Target").path("properties").propertyNames())
                .contains("uuid", "name", "summary", "plugin", "endpoint", "agent");
        assertThat(schemas.path("Store").path("properties").propertyNames())
                .contains("uuid", "name", "summary", "plugin", "endpoint");
        assertThat(schemas.path("Schedule").path("properties").propertyNames()).contains("uuid", "name", "summary", "when");
        assertThat(schemas.path("RetentionPolicy").path("properties").propertyNames())
                .contains("uuid", "name", "summary", "expires");
        assertThat(schemas.path("Job").path("properties").propertyNames()).contains("uuid", "name", "summary",
                "retention_name", "retention_uuid", "expiry", "schedule_name", "schedule_uuid", "schedule", "paused",
                "store_uuid", "store_plugin", "store_endpoint", "target_uuid", "target_plugin", "target_endpoint");
        assertThat(schemas.path("Archive").path("properties").propertyNames()).contains("uuid", "store_key", "taken_at",
                "expires_at", "notes", "store_uuid", "store_plugin", "store_endpoint", "target_uuid", "target_plugin",
                "target_endpoint", "size", "stored_size", "sha256");
        assertThat(schemas.path("Task").path("properties").propertyNames()).contains("uuid", "owner", "type", "job_uuid",
                "archive_uuid", "status", "started_at", "stopped_at", "log", "next_log_offset");
        assertThat(ApiReply.strings(schemas.path("TargetUpdate").path("required"))).contains("summary");
        assertThat(ApiReply.strings(schemas.path("TargetCreate").path("required"))).doesNotContain("summary");
        assertThat(ApiReply.strings(schemas.path("JobUpdate").path("not").path("required"))).containsExactly("paused");
    }

    /** {@code METHOD /path/{}}: parameter names do not take part in matching a route to an operation. */
    private static String normalized(String route) {
        int space = route.indexOf(' ');
        return route.substring(0, space).toUpperCase() + " " + PARAMETER.matcher(route.substring(space + 1)).replaceAll("{}");
    }

    private static Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        forEachOperation((path, method, operation) -> operations.add(normalized(method + " " + path)));
        return operations;
    }

    private interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (METHODS.contains(entry.getKey())) {
                    visitor.visit(path.getKey(), entry.getKey().toUpperCase(), entry.getValue());
                }
            }
        }
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? resolvePointer(node.path("$ref").stringValue()) : node;
    }

    private static JsonNode resolvePointer(String reference) {
        assertThat(reference).as("only local references are used").startsWith("#/");
        return spec.at(reference.substring(1));
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (entry.getKey().equals("$ref") && entry.getValue().isString()) {
                    references.add(entry.getValue().stringValue());
                } else {
                    collectReferences(entry.getValue(), references);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, references));
        }
    }
}
