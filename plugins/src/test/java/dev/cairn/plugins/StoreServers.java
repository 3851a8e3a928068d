package dev.cairn.plugins;

import dev.cairn.plugins.s3.S3ProxyServer;
import dev.cairn.plugins.sftp.SftpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * An S3Proxy and an SFTP server as one program of their own, for {@code bench/store-backup.sh}: both
 * on free loopback ports, keeping what they are sent in files under the directory given (S3Proxy's
 * bucket under {@code DIR/s3}, the SFTP root at {@code DIR/sftp}), until the process is killed.
 *
 * <p>Given a PKCS#12 key store and its password too, S3Proxy serves HTTPS with that key, as S3
 * itself does; the JVM must then trust its certificate ({@code -Djavax.net.ssl.trustStore=…}).
 *
 * <p>Prints shell assignments ({@code S3_ENDPOINT=…}, {@code SFTP_PORT=…}, …) and then {@code READY}
 * on standard output. The credentials it prints are the fixed ones of the test servers.
 */
public final class StoreServers {
    private StoreServers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: StoreServers DIRECTORY [PKCS12_KEY_STORE PASSWORD]   (with a key store, S3 over HTTPS)");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        S3ProxyServer.Tls tls = args.length == 3 ? new S3ProxyServer.Tls(Path.of(args[1]), args[2]) : null;
        S3ProxyServer s3 = S3ProxyServer.startOnDisk(directory.resolve("s3"), tls);
        SftpServer sftp = SftpServer.start(Files.createDirectories(directory.resolve("sftp")), null);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                sftp.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                s3.close();
                stopped.countDown();
            }
        }));
        System.out.println("S3_ENDPOINT='" + s3.endpoint() + "'");
        System.out.println("S3_BUCKET='" + S3ProxyServer.BUCKET + "'");
        System.out.println("S3_ACCESS_KEY='" + S3ProxyServer.ACCESS_KEY + "'");
        System.out.println("S3_SECRET_KEY='" + S3ProxyServer.SECRET_KEY + "'");
        System.out.println("SFTP_PORT='" + sftp.port() + "'");
        System.out.println("SFTP_USER='" + SftpServer.USER + "'");
        System.out.println("SFTP_PASSWORD='" + SftpServer.PASSWORD + "'");
        System.out.println("SFTP_HOST_KEY='" + sftp.hostKeyFingerprint() + "'");
        System.out.println("READY");
        System.out.flush();
        stopped.await();
    }
}
