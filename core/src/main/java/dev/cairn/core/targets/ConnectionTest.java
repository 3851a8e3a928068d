package dev.cairn.core.targets;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.core.stores.QuietContext;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.Redactor;
import dev.cairn.plugin.TargetPlugin;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connects to a target's data system with its endpoint, through the plugin's
 * {@link TargetPlugin#checkConnection}, and says in one line what it reached or what is wrong. It
 * changes nothing and records nothing; its messages never hold the endpoint's secrets.
 *
 * <p>Only targets the core runs itself can be tested: a target with an agent is reached from the
 * agent's host, which this server cannot stand in for, so testing one is a conflict that says so.
 */
public final class ConnectionTest {
    /** How long a test may take in all; plugins' own connect timeouts are shorter. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final PluginRegistry plugins;

    public ConnectionTest(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    /**
     * The outcome: connected, with what the plugin reached, or not, with what is wrong.
     *
     * @param message one line without secrets
     */
    public record Result(boolean connected, String message) {
    }

    /** Tests {@code target} (saved or not; its endpoint already checked against the plugin's fields). */
    public Result test(Target target) {
        String name = target.name() == null || target.name().isBlank() ? "the target" : "target '" + target.name() + "'";
        if (!target.agent().isEmpty()) {
            throw new CairnException.Conflict(name + " runs on agent '" + target.agent() + "': the connection test runs"
                    + " only for targets the core runs itself (run a backup to check it from the agent)");
        }
        TargetPlugin plugin = plugins.target(target.plugin());
        Endpoint endpoint = plugins.endpoint(target.plugin(), target.endpoint());
        Redactor redactor = new Redactor(Redactor.MASK);
        endpoint.secrets().forEach(redactor::add);
        try (QuietContext context = new QuietContext("connection test of " + name, endpoint.secrets())) {
            FutureTask<String> check = new FutureTask<>(() -> plugin.checkConnection(endpoint, context));
            Thread.ofVirtual().name("connection-test").start(check);
            try {
                return new Result(true, redactor.mask(line(check.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))));
            } catch (TimeoutException e) {
                check.cancel(true);
                return new Result(false, target.plugin() + " did not answer within " + TIMEOUT.toSeconds() + " s");
            } catch (ExecutionException e) {
                return new Result(false, redactor.mask(line(why(e.getCause()))));
            } catch (InterruptedException e) {
                check.cancel(true);
                Thread.currentThread().interrupt();
                throw new CairnException.Failure("interrupted while testing " + name, e);
            }
        }
    }

    private static String why(Throwable failure) {
        return switch (failure) {
            case PluginException p -> p.getMessage();
            case IOException io -> "cannot connect: " + io.getMessage();
            case CairnException c -> c.getMessage();
            default -> "the plugin failed: " + failure;
        };
    }

    private static String line(String text) {
        return text == null || text.isBlank() ? "connected" : text.replaceAll("\\s+", " ").strip();
    }
}
