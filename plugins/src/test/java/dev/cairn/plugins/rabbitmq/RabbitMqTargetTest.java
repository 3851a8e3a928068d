package dev.cairn.plugins.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.testing.RabbitMqServer;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Definitions exported from and imported into a real RabbitMQ broker through its management API. */
@Timeout(180)
class RabbitMqTargetTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> VOLATILE = List.of("rabbit_version", "rabbitmq_version", "product_name", "product_version");

    private static RabbitMqServer server;

    private final RabbitMqTarget target = new RabbitMqTarget();

    @BeforeAll
    static void startServer() {
        server = RabbitMqServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void restoresDeletedVhostsUsersAndTheirObjects() throws IOException {
        createShop("shop", "clerk");
        JsonNode before = normalised(server.get("/api/definitions"));
        TestTaskContext context = new TestTaskContext();

        byte[] backup = backup(endpoint(Map.of()), context);

        server.delete("/api/vhosts/shop");
        server.delete("/api/users/clerk");
        assertThat(server.get("/api/vhosts")).doesNotContain("\"shop\"");
        assertThat(server.get("/api/users")).doesNotContain("\"clerk\"");

        restore(endpoint(Map.of()), backup, context);

        assertThat(normalised(new String(backup, StandardCharsets.UTF_8))).isEqualTo(before);
        assertThat(normalised(server.get("/api/definitions"))).isEqualTo(before);
        assertThat(server.statusAs("clerk", "clerk-pw", "/api/whoami")).as("the restored user logs in").isEqualTo(200);
        assertThat(context.logText()).contains("of the whole broker").doesNotContain(server.password());
    }

    @Test
    void restoresOneVhostsObjectsAndUndoesChangesToThem() throws IOException {
        createShop("depot", "porter");
        JsonNode before = normalised(server.get("/api/definitions/depot"));
        byte[] backup = backup(endpoint(Map.of("vhost", "depot")), new TestTaskContext());

        server.delete("/api/queues/depot/invoices");
        server.delete("/api/exchanges/depot/orders");
        server.put("/api/policies/depot/invoice-ttl",
                "{\"pattern\":\"^inv\",\"definition\":{\"message-ttl\":5},\"apply-to\":\"queues\"}");

        restore(endpoint(Map.of("vhost", "depot")), backup, new TestTaskContext());

        JsonNode exported = normalised(new String(backup, StandardCharsets.UTF_8));
        assertThat(exported.has("users")).as("a vhost's definitions hold no users").isFalse();
        assertThat(exported).isEqualTo(before);
        assertThat(normalised(server.get("/api/definitions/depot"))).isEqualTo(before);
    }

    @Test
    void theConnectionTestReadsTheDefinitionsAndNamesAWrongPasswordOrVhost() throws Exception {
        assertThat(target.checkConnection(endpoint(Map.of()), new TestTaskContext()))
                .isEqualTo("the RabbitMQ management API at " + server.managementUrl() + " exported the definitions");
        assertThatThrownBy(() -> target.checkConnection(endpoint(Map.of("password", "not-the-password")), new TestTaskContext()))
                .hasMessageStartingWith("the RabbitMQ management API at " + server.managementUrl() + " refused user 'cairn': ")
                .hasMessageNotContaining("not-the-password");
        assertThatThrownBy(() -> target.checkConnection(endpoint(Map.of("vhost", "no-such-vhost")), new TestTaskContext()))
                .hasMessageStartingWith("vhost 'no-such-vhost' does not exist at ");
    }

    @Test
    void aWrongPasswordFailsWithOneReadableLine() {
        Endpoint endpoint = endpoint(Map.of("password", "not-the-password"));

        assertThatThrownBy(() -> backup(endpoint, new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("the RabbitMQ management API at " + server.managementUrl() + " refused user 'cairn': ")
                .hasMessageEndingWith("(HTTP 401)")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("not-the-password");
        assertThatThrownBy(() -> restore(endpoint, "{}".getBytes(StandardCharsets.UTF_8), new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageEndingWith("(HTTP 401)");
    }

    @Test
    void anUnreachableBrokerFailsWithOneReadableLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        Endpoint endpoint = endpoint(Map.of("url", "http://127.0.0.1:" + closedPort + "/"));

        assertThatThrownBy(() -> backup(endpoint, new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessage("cannot reach the RabbitMQ management API at http://127.0.0.1:" + closedPort
                        + ": connection refused (is the rabbitmq_management plugin enabled?)");
        assertThatThrownBy(() -> restore(endpoint, "{}".getBytes(StandardCharsets.UTF_8), new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("cannot reach the RabbitMQ management API at http://127.0.0.1:" + closedPort);
    }

    @Test
    void anUnknownVhostFailsWithOneReadableLine() {
        assertThatThrownBy(() -> backup(endpoint(Map.of("vhost", "nowhere")), new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("vhost 'nowhere' does not exist at " + server.managementUrl())
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusedDefinitionsFailWithRabbitMqsReason() {
        byte[] notDefinitions = "this is not JSON".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> restore(endpoint(Map.of()), notDefinitions, new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("the RabbitMQ management API at " + server.managementUrl()
                        + " refused the definitions of the whole broker: ")
                .hasMessageEndingWith("(HTTP 400)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        Endpoint endpoint = endpoint(Map.of("url", "http://cairn:secret@127.0.0.1:15672"));

        assertThatThrownBy(() -> backup(endpoint, new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessage("rabbitmq endpoint field 'url' must not hold credentials: use 'user' and 'password'");
    }

    @Test
    void isRegisteredWithASecretPasswordAndSaysMessagesAreNotBackedUp() {
        PluginInfo info = ServiceLoader.load(TargetPlugin.class).stream().map(provider -> provider.get().info())
                .filter(plugin -> plugin.name().equals("rabbitmq")).findFirst().orElseThrow();

        assertThat(info.fields()).extracting(ConfigField::name).containsExactly("url", "user", "password", "vhost");
        assertThat(info.field("password")).get().extracting(ConfigField::secret).isEqualTo(true);
        assertThat(info.help()).startsWith("Backs up definitions only, not messages");
    }

    /** A vhost with an exchange, a queue, a binding and a policy, and a user allowed into it. */
    private static void createShop(String vhost, String user) {
        server.put("/api/vhosts/" + vhost, "{}");
        server.put("/api/users/" + user, "{\"password\":\"" + user + "-pw\",\"tags\":\"management\"}");
        String everything = "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}";
        server.put("/api/permissions/" + vhost + "/" + user, everything);
        server.put("/api/permissions/" + vhost + "/" + server.user(), everything);
        server.put("/api/exchanges/" + vhost + "/orders", "{\"type\":\"topic\",\"durable\":true}");
        server.put("/api/queues/" + vhost + "/invoices", "{\"durable\":true,\"arguments\":{\"x-max-length\":1000}}");
        server.post("/api/bindings/" + vhost + "/e/orders/q/invoices", "{\"routing_key\":\"order.*\"}");
        server.put("/api/policies/" + vhost + "/invoice-ttl",
                "{\"pattern\":\"^inv\",\"definition\":{\"message-ttl\":60000},\"apply-to\":\"queues\"}");
    }

    /** The definitions without version fields, every array sorted, so that order does not matter. */
    private static JsonNode normalised(String definitions) {
        JsonNode tree = JSON.readTree(definitions);
        ((ObjectNode) tree).remove(VOLATILE);
        return sortArrays(tree);
    }

    private static JsonNode sortArrays(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                object.set(name, sortArrays(object.get(name)));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            List<JsonNode> items = new ArrayList<>();
            array.forEach(item -> items.add(sortArrays(item)));
            items.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode sorted = JSON.createArrayNode();
            items.forEach(sorted::add);
            return sorted;
        }
        return node;
    }

    private Endpoint endpoint(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of(
                "url", server.managementUrl(), "user", server.user(), "password", server.password()));
        values.putAll(overrides);
        return new Endpoint(target.info(), values);
    }

    private byte[] backup(Endpoint endpoint, TestTaskContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        target.backup(endpoint, out, context);
        return out.toByteArray();
    }

    private void restore(Endpoint endpoint, byte[] archive, TestTaskContext context) throws IOException {
        target.restore(endpoint, new ByteArrayInputStream(archive), context);
    }
}
