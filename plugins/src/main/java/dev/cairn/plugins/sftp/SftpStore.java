package dev.cairn.plugins.sftp;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.ConfigField.Type;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.StorePlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The {@code sftp} store: keeps each object as a file under a directory of an SSH server, which
 * must present the host key pinned in the endpoint.
 *
 * <p>Each call opens its own SSH connection and closes it (a retrieved stream when it is closed).
 */
public final class SftpStore implements StorePlugin {
    private static final String HELP = """
            Keeps each object as a file under the directory 'path' (absolute, or relative to the login \
            directory; created when missing) on the SSH server 'host':'port', logging in as 'user' with \
            'password' or 'private_key' (the text of an unencrypted OpenSSH or PEM private key; both may \
            be given; Ed25519, ECDSA and RSA keys work). 'host_key' pins the server's host key \
            fingerprint as ssh-keygen -lf prints it (SHA256:…; the whole line may be pasted): Cairn \
            refuses to connect when it is missing or does not match, and the error shows the fingerprint \
            and type of the key the server presented. Like OpenSSH, Cairn asks for the Ed25519 host key \
            first, so pin that one: on the server, ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub, or \
            (trusting the network once) ssh-keyscan -t ed25519 -p PORT HOST | ssh-keygen -lf -. Objects are written to NAME.partial, synced \
            (fsync@openssh.com) and renamed, so a half-written object is never visible; a failed upload \
            removes its partial file, or, when the connection itself was lost, a later purge of the object \
            does. Sub-directories left empty by a purge are removed.""";

    private static final PluginInfo INFO = new PluginInfo("sftp", "SFTP server", "Cairn", "0.1.0", false, true,
            List.of(
                    ConfigField.required("host", Type.STRING, "SSH server host name or address"),
                    ConfigField.port("port", "22", "SSH server TCP port"),
                    ConfigField.required("user", Type.STRING, "user to log in as"),
                    ConfigField.secret("password", false, "that user's password; or give private_key"),
                    ConfigField.secret("private_key", false,
                            "that user's unencrypted private key, as OpenSSH or PEM text; or give password"),
                    ConfigField.required("path", Type.STRING, "directory to keep objects in"),
                    ConfigField.required("host_key", Type.STRING,
                            "the server's host key fingerprint, SHA256:… as ssh-keygen -lf prints it")),
            HELP);

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public SftpStore() {
    }

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public String store(Endpoint endpoint, String name, InputStream in, TaskContext context) throws IOException {
        SftpLocation location = SftpLocation.from(endpoint);
        for (String secret : new String[] {location.password(), location.privateKey()}) {
            if (secret != null) {
                context.redact(secret);
            }
        }
        try (SftpConnection connection = SftpConnection.open(location)) {
            return new RemoteDirectory(connection).store(name, in, context);
        }
    }

    @Override
    public InputStream retrieve(Endpoint endpoint, String key) {
        SftpConnection connection = SftpConnection.open(SftpLocation.from(endpoint));
        try {
            return new RemoteDirectory(connection).retrieve(key);
        } catch (RuntimeException | Error e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void purge(Endpoint endpoint, String key) {
        try (SftpConnection connection = SftpConnection.open(SftpLocation.from(endpoint))) {
            new RemoteDirectory(connection).purge(key);
        }
    }

    @Override
    public boolean exists(Endpoint endpoint, String key) {
        try (SftpConnection connection = SftpConnection.open(SftpLocation.from(endpoint))) {
            return new RemoteDirectory(connection).exists(key);
        }
    }

    @Override
    public List<String> list(Endpoint endpoint, String prefix) {
        try (SftpConnection connection = SftpConnection.open(SftpLocation.from(endpoint))) {
            return new RemoteDirectory(connection).list(prefix);
        }
    }
}
