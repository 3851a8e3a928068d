package dev.cairn.dist;

import dev.cairn.cli.Cli;
import dev.cairn.core.CairnException;
import dev.cairn.server.CairnServer;
import dev.cairn.server.DevSetup;
import dev.cairn.server.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
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
            case "server" -> new CommandLine(new ServerCommand(false)).execute(rest);
            case "dev" -> new CommandLine(new ServerCommand(true)).execute(rest);
            case "agent" -> {
                System.err.println("error: cairn agent is not available in this build yet; targets without an agent are "
                        + "backed up by the server itself");
                yield 2;
            }
            default -> Cli.run(args, System.out, System.err, System.getenv());
        };
        if (exit != 0 || !role.equals("server") && !role.equals("dev")) {
            System.exit(exit);
        }
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
}
