package dev.cairn.plugins.sftp;

import dev.cairn.plugin.PluginException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * An authenticated SFTP session with one server, through its own SSH client: open it for one call
 * and close it after.
 *
 * <p>The server must present the pinned host key; nothing of the user's own SSH set-up
 * ({@code ~/.ssh/config}, {@code known_hosts}, default identities) is read.
 */
final class SftpConnection implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The ciphers offered first. The JDK runs AES-GCM on the CPU's AES and carry-less multiply
     * instructions, several times faster than MINA's ChaCha20-Poly1305 (plain Java, MINA's first
     * choice) or AES-CTR with a separate HMAC; OpenSSH servers offer it too.
     */
    private static final Set<String> AES_GCM = Set.of(BuiltinCiphers.aes128gcm.getName(), BuiltinCiphers.aes256gcm.getName());

    private final SftpLocation location;
    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;

    private SftpConnection(SftpLocation location, SshClient client, ClientSession session, SftpClient sftp) {
        this.location = location;
        this.client = client;
        this.session = session;
        this.sftp = sftp;
    }

    /** Connects, checks the host key, logs in and starts the SFTP subsystem; throws a readable {@link PluginException}. */
    static SftpConnection open(SftpLocation location) {
        HostKeyCheck hostKey = new HostKeyCheck(location.hostKey(), "sftp server " + location.address());
        SshClient client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier(hostKey);
        // the Ed25519 host key first, as OpenSSH's client asks: the fingerprint an operator pins from
        // known_hosts or ssh_host_ed25519_key.pub is then the one the server presents
        client.setSignatureFactories(first(client.getSignatureFactories(), Set.of(KeyPairProvider.SSH_ED25519)));
        client.setCipherFactories(first(client.getCipherFactories(), AES_GCM));
        client.start();
        ClientSession session = null;
        try {
            session = client.connect(location.user(), location.host(), location.port())
                    .verify(CONNECT_TIMEOUT).getSession();
            if (location.privateKey() != null) {
                for (KeyPair key : privateKeys(location, session)) {
                    session.addPublicKeyIdentity(key);
                }
            }
            if (location.password() != null) {
                session.addPasswordIdentity(location.password());
            }
            session.auth().verify(AUTH_TIMEOUT);
            return new SftpConnection(location, client, session, SftpClientFactory.instance().createSftpClient(session));
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            client.stop();
            throw explain(location, hostKey, e);
        }
    }

    SftpClient sftp() {
        return sftp;
    }

    SftpLocation location() {
        return location;
    }

    @Override
    public void close() {
        try {
            closeQuietly(sftp);
            closeQuietly(session);
        } finally {
            client.stop();
        }
    }

    /** {@code factories} with those named in {@code preferred} first, the others after in their own order. */
    private static <T> List<NamedFactory<T>> first(List<NamedFactory<T>> factories, Set<String> preferred) {
        List<NamedFactory<T>> ordered = new ArrayList<>(factories);
        ordered.sort(Comparator.comparing(factory -> !preferred.contains(factory.getName())));
        return ordered;
    }

    private static Iterable<KeyPair> privateKeys(SftpLocation location, ClientSession session) {
        try {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(session, NamedResource.ofName("private_key"),
                    new ByteArrayInputStream(location.privateKey().getBytes(StandardCharsets.UTF_8)), null);
            if (keys == null || !keys.iterator().hasNext()) {
                throw new PluginException("sftp endpoint field 'private_key' holds no private key"
                        + " (expected PEM or OpenSSH text: -----BEGIN … PRIVATE KEY-----)");
            }
            return keys;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof PluginException plugin) {
                throw plugin;
            }
            throw new PluginException("sftp endpoint field 'private_key' cannot be read (it must be an unencrypted"
                    + " PEM or OpenSSH private key): " + e.getMessage(), e);
        }
    }

    private static PluginException explain(SftpLocation location, HostKeyCheck hostKey, Exception e) {
        if (e instanceof PluginException plugin) {
            return plugin;
        }
        String server = "sftp server " + location.address();
        if (hostKey.refused() != null) {
            return new PluginException(hostKey.refused(), e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return new PluginException("cannot connect to " + server + ": " + cause.getMessage(), e);
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("No more authentication methods available")) {
            String credential = location.privateKey() != null && location.password() != null ? "private key and password"
                    : location.privateKey() != null ? "private key" : "password";
            return new PluginException(server + " refused the " + credential + " of user " + location.user()
                    + " (authentication failed)", e);
        }
        return new PluginException("cannot open an SFTP session with " + server + ": " + message, e);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // the session is being dropped either way
            }
        }
    }

    /** Accepts only the pinned key, and remembers why it refused one so the operator can be told. */
    private static final class HostKeyCheck implements ServerKeyVerifier {
        private final HostKeyPin pin;
        private final String server;
        private volatile String refused;

        HostKeyCheck(HostKeyPin pin, String server) {
            this.pin = pin;
            this.server = server;
        }

        @Override
        public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
            if (pin != null && pin.matches(key)) {
                return true;
            }
            String presented = HostKeyPin.fingerprintOf(key) + " (" + KeyUtils.getKeyType(key) + ")";
            refused = pin == null
                    ? "sftp endpoint needs 'host_key': " + server + " presents " + presented
                            + "; check it on the server (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and pin it"
                    : server + " presented host key " + presented + ", not the pinned " + pin
                            + ": refusing to connect; if the server's key was changed on purpose, pin the new one";
            return false;
        }

        String refused() {
            return refused;
        }
    }
}
