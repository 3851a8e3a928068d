package dev.cairn.dist;

import dev.cairn.agent.Agent;
import dev.cairn.agent.AgentSettings;
import dev.cairn.cli.Cli;
import dev.cairn.core.CairnException;
import dev.cairn.plugin.PluginException;
import dev.cairn.server.CairnServer;
import dev.cairn.server.DevSetup;
import dev.cairn.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one entry point of the Cairn jar: {@code cairn server}, {@code cairn dev}, {@code cairn agent},
 * and everything else is the CLI ({@code cairn list targets}, {@code cairn run job NAME}, …).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String role = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        int exit = switch (role) {
            case "server" -> new CommandLine(new ServerCommand(false)).setCommandName("cairn server").execute(rest);
            case "dev" -> devCommand().execute(rest);
            case "agent" -> new CommandLine(new AgentCommand(System.getenv())).setCommandName("cairn agent").execute(rest);
            default -> Cli.run(args, System.out, System.err, System.getenv());
        };
        if (exit != 0 || !role.equals("server") && !role.equals("dev")) {
            System.exit(exit);
        }
    }

    /** {@code cairn dev}: the server's command, with its own name and description in its help. */
    private static CommandLine devCommand() {
        CommandLine dev = new CommandLine(new ServerCommand(true)).setCommandName("cairn dev");
        dev.getCommandSpec().usageMessage().description("Try Cairn on this machine: a server with its data in "
                + "./.cairn-dev, a local store, sample schedules and retention policies, and DEV mode "
                + "(every schedule runs every minute).");
        return dev;
    }

    /** {@code cairn server} and {@code cairn dev}. */
    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Run the Cairn core: HTTP API, scheduler and task runner.")
    static final class ServerCommand implements Callable<Integer> {
        private final boolean dev;

        @Option(names = "--data", description = "data directory (catalog.db, cairn.key, admin.token); dev: ./.cairn-dev")
        Path data;

        @Option(names = "--listen", description = "HOST:PORT to listen on (default 127.0.0.1:8080)")
        String listen;

        @Option(names = "--catalog", description = "catalog JDBC URL, e.g. jdbc:postgresql://db/cairn?user=…; default SQLite in the data directory")
        String catalog;

        @Option(names = "--config", description = "TOML configuration file (see README)")
        Path config;

        @Option(names = "--plugins", description = "directory of external plugin programs (Plugin Calling Protocol, "
                + "endpoint in $CAIRN_ENDPOINT rather than on the command line); default DATA/plugins")
        Path plugins;

        ServerCommand(boolean dev) {
            this.dev = dev;
        }

        @Override
        public Integer call() throws Exception {
            boolean devMode = dev || "DEV".equals(System.getenv("CAIRN_MODE"));
            Path dataDir = data != null ? data : dev ? Path.of(".cairn-dev") : null;
            try {
                ServerConfig settings = ServerConfig.from(dataDir, listen, catalog, config, devMode);
                if (plugins != null) {
                    settings = settings.withPluginsDir(plugins);
                }
                CairnServer server = CairnServer.start(settings, System.getenv("CAIRN_TOKEN"), Clock.systemUTC());
                if (dev) {
                    DevSetup.seed(server.cairn(), settings.dataDir());
                }
                server.announce(settings, System.out);
                if (dev) {
                    System.out.println("  try:            ./cairn list stores   (the CLI reads the token from .cairn-dev/admin.token)");
                }
                server.awaitShutdown();
                return 0;
            } catch (CairnException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }

    /** {@code cairn agent}: connects out to the core and runs the work of the targets that name it. */
    @Command(name = "agent", mixinStandardHelpOptions = true,
            description = "Run an agent: poll the core for the backups and restores of the targets that name it, "
                    + "and run them here with local plugins. It connects out only, so it works behind NAT.")
    static final class AgentCommand implements Callable<Integer> {
        private final Map<String, String> env;

        @Option(names = "--core", paramLabel = "URL", description = "the core's URL (default: CAIRN_URL, else http://127.0.0.1:8080)")
        String core;

        @Option(names = "--token", paramLabel = "TOKEN", description = "the core's API token (default: CAIRN_TOKEN, else the file CAIRN_TOKEN_FILE names)")
        String token;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "this agent's name, as targets give it in their agent field")
        String name;

        @Option(names = "--plugins", paramLabel = "DIR", description = "directory of external plugin programs (Plugin Calling Protocol)")
        Path plugins;

        @Option(names = "--private-dir", paramLabel = "DIR", description = "where plugins keep files holding secrets, "
                + "made 0700 and emptied at start (default $XDG_RUNTIME_DIR/cairn-agent-NAME, else ~/.cairn/agent-NAME/private)")
        Path privateDir;

        AgentCommand(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try {
                URI url = URI.create(core != null ? core : env.getOrDefault("CAIRN_URL", "http://127.0.0.1:8080"));
                Path privateDirectory = privateDir != null ? privateDir : AgentSettings.defaultPrivateDir(name, env);
                Agent agent = Agent.create(new AgentSettings(url, token(), name, plugins, privateDirectory), System.err::println);
                Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "cairn-agent-shutdown"));
                return agent.run();
            } catch (IllegalArgumentException | IOException | PluginException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
        }

        private String token() throws IOException {
            if (token != null) {
                return token.strip();
            }
            String fromEnv = env.get("CAIRN_TOKEN");
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv.strip();
            }
            String file = env.get("CAIRN_TOKEN_FILE");
            if (file != null && !file.isBlank()) {
                try {
                    return Files.readString(Path.of(file)).strip();
                } catch (IOException e) {
                    throw new IOException("cannot read the API token from " + file + " (CAIRN_TOKEN_FILE): " + e.getMessage(), e);
                }
            }
            return null;
        }
    }
}
