package dev.cairn.core.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * A real SMTP server in the test's process (SubEtha SMTP) on a free port, that requires STARTTLS,
 * with a certificate for localhost made by the JDK's keytool, and a user name and password before
 * it takes mail; it keeps what it receives.
 */
final class MailServer implements AutoCloseable {
    static final String USER = "cairn-mailer";

    /** One message as it arrived, and whether its session had started TLS. */
    record Mail(String from, String to, String data, boolean tls) {
    }

    private final SMTPServer server;
    private final String certificatePem;
    private final List<Mail> received = new CopyOnWriteArrayList<>();

    MailServer(Path directory, String password) throws Exception {
        char[] storePassword = "store-pass-for-tests".toCharArray();
        Path keystore = directory.resolve("smtp.p12");
        keytool(Map.of("STOREPASS", new String(storePassword)), "-genkeypair", "-alias", "smtp", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass:env", "STOREPASS", "-keypass:env", "STOREPASS");
        certificatePem = keytool(Map.of("STOREPASS", new String(storePassword)), "-exportcert", "-rfc", "-alias", "smtp",
                "-keystore", keystore.toString(), "-storepass:env", "STOREPASS");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, storePassword);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, storePassword);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = SMTPServer.port(0)
                .hostName("localhost")
                .requireTLS()
                .startTlsSocketFactory(tls)
                .requireAuth()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, given, context) -> {
                    if (!USER.equals(user) || !password.equals(given)) {
                        throw new LoginFailedException("wrong user or password");
                    }
                }))
                .messageHandler((context, from, to, data) -> received.add(new Mail(from, to,
                        new String(data, StandardCharsets.UTF_8), context instanceof Session s && s.isTLSStarted())))
                .build();
        server.start();
    }

    private static String keytool(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        return out;
    }

    int port() {
        return server.getPortAllocated();
    }

    /** The server's certificate, PEM: what a channel's ca_certificate trusts. */
    String certificatePem() {
        return certificatePem;
    }

    List<Mail> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop();
    }
}
