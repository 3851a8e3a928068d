package dev.cairn.plugins.sftp;

import dev.cairn.testing.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An Apache MINA SSHD server in this JVM with the SFTP subsystem, on a free loopback port, serving
 * a temporary directory as "/" to one user who logs in with a password or a public key.
 *
 * <p>Like a stock OpenSSH server it has an ECDSA and an Ed25519 host key; a restarted server keeps
 * its keys, a new one has new keys. Public, and shipped in this module's test jar, for the
 * end-to-end tests of other modules.
 */
public final class SftpServer implements AutoCloseable {
    public static final String USER = "cairn";
    public static final String PASSWORD = "s3cret-pass";

    private final Path root;
    private final KeyPair ecdsaHostKey = ClientKeys.generate(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    private final KeyPair ed25519HostKey = ClientKeys.generate(KeyPairProvider.SSH_ED25519, 256);
    private final PublicKey authorizedKey;
    private final int port;
    private SshServer sshd;
    private volatile String lastCipher;

    private SftpServer(Path root, PublicKey authorizedKey, int port) {
        this.root = root;
        this.authorizedKey = authorizedKey;
        this.port = port;
    }

    /** Starts a server with new host keys over {@code root}, letting in {@code authorizedKey} (or null) and the password. */
    public static SftpServer start(Path root, PublicKey authorizedKey) {
        SftpServer server = new SftpServer(root, authorizedKey, Ports.free("127.0.0.1"));
        server.restart();
        return server;
    }

    public int port() {
        return port;
    }

    public Path root() {
        return root;
    }

    /** The SHA-256 fingerprint of the Ed25519 host key, as ssh-keygen -lf prints it. */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, ed25519HostKey.getPublic());
    }

    /** The MD5 fingerprint of the Ed25519 host key, as ssh-keygen -E md5 -lf prints it. */
    String md5HostKeyFingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.md5, ed25519HostKey.getPublic());
    }

    /** The SHA-256 fingerprint of the ECDSA host key. */
    String ecdsaHostKeyFingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, ecdsaHostKey.getPublic());
    }

    /** The cipher the last client to connect chose for what it sends, or null before any did. */
    String lastCipher() {
        return lastCipher;
    }

    /** Starts the server (again) on the same port, directory and host key. */
    public void restart() {
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(ecdsaHostKey, ed25519HostKey));
        sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setPublickeyAuthenticator((user, key, session) ->
                USER.equals(user) && authorizedKey != null && KeyUtils.compareKeys(authorizedKey, key));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionEvent(Session session, Event event) {
                if (event == Event.KeyEstablished) {
                    lastCipher = session.getNegotiatedKexParameter(KexProposalOption.C2SENC);
                }
            }
        });
        try {
            sshd.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the SFTP server did not start on port " + port, e);
        }
    }

    /** Stops the server at once, dropping open sessions; the files stay. */
    public void stop() throws IOException {
        sshd.stop(true);
    }

    @Override
    public void close() throws IOException {
        if (sshd != null && sshd.isStarted()) {
            stop();
        }
    }
}
