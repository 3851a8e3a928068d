package dev.cairn.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.core.CairnException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} without sign-in on an address of its own ({@code metrics_listen}), for a
 * Prometheus that scrapes over a private network or the loopback: anyone who reaches the address reads the
 * names of jobs, targets and stores, so it should not be a public one. Every other path is a 404.
 */
public final class MetricsListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsListener.class);
    private final HttpServer server;

    private MetricsListener(HttpServer server) {
        this.server = server;
    }

    /** Starts serving {@code metrics} on {@code host:port} (port 0 picks a free one). */
    public static MetricsListener start(CairnMetrics metrics, String host, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new CairnException.InvalidInput("cannot listen for metrics on " + host + ":" + port + ": " + e.getMessage());
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                    reply(exchange, 404, "text/plain; charset=utf-8", "only /metrics is served here\n");
                } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    reply(exchange, 405, "text/plain; charset=utf-8", "only GET is allowed on /metrics\n");
                } else {
                    reply(exchange, 200, CairnMetrics.CONTENT_TYPE, metrics.scrape());
                }
            } catch (RuntimeException e) {
                LOG.warn("metrics listener: {}", e.getMessage());
            }
        });
        server.start();
        return new MetricsListener(server);
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
