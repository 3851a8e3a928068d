package dev.cairn.plugins.mysql;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.PluginException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MySqlConnectionTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Test
    void aServerThatNeverAnswersFailsAfterTheTimeoutNamingIt() throws IOException {
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            fillAcceptQueue(silent, queued);
            MySqlConnection db = new MySqlConnection("127.0.0.1", silent.getLocalPort(), "backup", "secret", "shop");

            assertThatThrownBy(() -> db.requireAnswer("mariadb-dump", TIMEOUT))
                    .isInstanceOf(PluginException.class)
                    .hasMessage("mariadb-dump at backup@127.0.0.1:" + silent.getLocalPort()
                            + ": cannot reach the server (no answer within 0.3 s)")
                    .hasCauseInstanceOf(SocketTimeoutException.class);
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    void otherFailuresToConnectAreLeftForTheProgramToExplain() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        MySqlConnection db = new MySqlConnection("127.0.0.1", closedPort, "backup", "", "");

        assertThatCode(() -> db.requireAnswer("mariadb-dump", TIMEOUT)).doesNotThrowAnyException();
    }

    @Test
    void aServerThatAnswersPasses() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            MySqlConnection db = new MySqlConnection("127.0.0.1", listening.getLocalPort(), "backup", "", "");

            assertThatCode(() -> db.requireAnswer("mariadb-dump", TIMEOUT)).doesNotThrowAnyException();
        }
    }

    /**
     * Connects to {@code server}, which never accepts, until its accept queue is full: from then on
     * the kernel drops new connection attempts, as a firewall that drops packets does.
     */
    private static void fillAcceptQueue(ServerSocket server, List<Socket> queued) throws IOException {
        for (int attempt = 0; attempt < 16; attempt++) {
            Socket socket = new Socket();
            queued.add(socket);
            try {
                socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 200);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        throw new IllegalStateException("the accept queue of port " + server.getLocalPort() + " never filled");
    }
}
