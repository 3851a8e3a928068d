package dev.cairn.plugins.rabbitmq;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.ConfigField.Type;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The {@code rabbitmq} target: backs up a broker's definitions as the JSON that the management API
 * exports, and restores them by importing that JSON. Messages are not part of it.
 *
 * <p>It needs only the management plugin (rabbitmq_management) on the broker and its HTTP port
 * reachable from where the plugin runs; the password travels only in the Authorization header.
 */
public final class RabbitMqTarget implements TargetPlugin {
    private static final String HELP = """
            Backs up definitions only, not messages: the messages sitting in queues are NOT in the backup, \
            and a restore brings back none. The backup is the JSON that the management API exports at \
            GET /api/definitions: vhosts, users (with their password hashes), permissions, topic \
            permissions, parameters, global parameters, policies, exchanges, queues and bindings. With \
            'vhost' set, only that vhost's exchanges, queues, bindings, policies and parameters \
            (GET /api/definitions/<vhost>). Restore posts the JSON back (POST /api/definitions): RabbitMQ \
            creates what is missing and updates what differs, and deletes nothing, so objects created since \
            the backup are kept. Needs the rabbitmq_management plugin enabled, 'url' pointing at it (such as \
            http://127.0.0.1:15672) and a user with the administrator tag. \
            To read an archive by hand: age -d -i cairn.key OBJECT | zstd -d > definitions.json, which \
            rabbitmqctl import_definitions definitions.json also loads.""";

    private static final PluginInfo INFO = new PluginInfo("rabbitmq", "RabbitMQ definitions", "Cairn", "0.1.0", true, false,
            List.of(
                    ConfigField.optional("url", Type.STRING, "http://127.0.0.1:15672", "management API base URL"),
                    ConfigField.optional("user", Type.STRING, "guest", "user with the administrator tag"),
                    ConfigField.secret("password", true, "that user's password"),
                    ConfigField.optional("vhost", Type.STRING, null, "one vhost to back up; empty for the whole broker")),
            HELP);

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public RabbitMqTarget() {
    }

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        api(endpoint, context).exportDefinitions(out, context);
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException {
        api(endpoint, context).importDefinitions(in, context);
    }

    /** Exports the definitions, as a backup does, and discards them: they are small, and it checks the same access. */
    @Override
    public String checkConnection(Endpoint endpoint, TaskContext context) throws IOException {
        ManagementApi api = api(endpoint, context);
        api.exportDefinitions(OutputStream.nullOutputStream(), context);
        return "the RabbitMQ management API at " + api.base() + " exported the definitions";
    }

    private static ManagementApi api(Endpoint endpoint, TaskContext context) {
        ManagementApi api = ManagementApi.from(endpoint);
        context.redact(api.password());
        return api;
    }
}
