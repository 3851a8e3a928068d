package dev.cairn.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code cairn} command: holds the options every subcommand shares, and the API client and
 * terminal they all use, created on first use so that {@code --help} never needs a server.
 */
@Command(name = "cairn",
        description = "Manage a Cairn backup server over its HTTP API: targets, stores, schedules, "
                + "retention policies and jobs; archives and the tasks that make and restore them; "
                + "the people who may do so, their teams and tokens, and the audit log.",
        synopsisSubcommandLabel = "VERB NOUN",
        versionProvider = CairnCommand.BuildVersion.class,
        subcommands = {
                Verbs.CreateVerb.class, Verbs.ListVerb.class, Verbs.ShowVerb.class, Verbs.EditVerb.class,
                Verbs.DeleteVerb.class, Verbs.PauseVerb.class, Verbs.UnpauseVerb.class, Verbs.RunVerb.class,
                Verbs.RestoreVerb.class, Verbs.VerifyVerb.class, Verbs.TestVerb.class, Verbs.CancelVerb.class, RulesCommands.CheckVerb.class,
                DownloadCommand.class, InstanceCommands.Env.class, Verbs.ResetVerb.class,
                Verbs.AddVerb.class, Verbs.RemoveVerb.class, Verbs.RevokeVerb.class,
                StoreCommands.Recover.class, LoginCommands.Login.class, LoginCommands.Logout.class,
                LoginCommands.WhoAmI.class, HelpCommand.class},
        footer = {"",
                "Every NAME|UUID argument takes an item's name or its uuid; an ARCHIVE or",
                "a TASK, which have no names, a unique prefix of its uuid or 'latest'",
                "(cairn restore archive latest --target shop-db).",
                "",
                "The same program also runs Cairn itself:",
                "  cairn dev         try Cairn on this machine (a server with sample settings)",
                "  cairn server      run the core: HTTP API, web UI, scheduler, task runner",
                "  cairn agent       run plugins next to a data system, for a core",
                "  (each takes --help)",
                "",
                "Signing in: 'cairn login' asks for your user name and password and keeps",
                "a token for this CLI in ${XDG_CONFIG_HOME:-~/.config}/cairn/config.toml;",
                "'cairn logout' revokes it, 'cairn whoami' shows who you are signed in as.",
                "",
                "Environment:",
                "  CAIRN_URL         the server, when --url is not given (then the one",
                "                    'cairn login' signed in to; default: http://127.0.0.1:8080)",
                "  CAIRN_TOKEN       the API token, when --token is not given",
                "  CAIRN_TOKEN_FILE  a file holding the API token; failing all three, the",
                "                    token 'cairn login' kept for that server, then",
                "                    ./.cairn-dev/admin.token, which ./cairn dev writes",
                "",
                "Examples:",
                "  cairn list jobs --paused",
                "  cairn create retention policy --name month --expires 4w",
                "  cairn run job nightly-db --wait"})
final class CairnCommand implements Callable<Integer>, AutoCloseable {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The server to talk to (see Environment).")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "The API token (see Environment).")
    String token;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the server's JSON replies, for scripts.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean helpRequested;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print this program's version and exit.")
    boolean versionRequested;

    private final Invocation invocation;
    private CairnApi api;
    private Terminal terminal;

    CairnCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    CairnApi api() {
        if (api == null) {
            api = new CairnApi(Connection.resolve(url, token, invocation), JsonMapper.shared());
        }
        return api;
    }

    Terminal terminal() {
        if (terminal == null) {
            terminal = new Terminal(invocation.out(), invocation.err(), json, JsonMapper.shared());
        }
        return terminal;
    }

    Confirmation confirmation() {
        return invocation.confirmation();
    }

    Invocation invocation() {
        return invocation;
    }

    Duration pollInterval() {
        return invocation.pollInterval();
    }

    /** The version the jar's manifest gives (set when the jar is packaged). */
    static final class BuildVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CairnCommand.class.getPackage().getImplementationVersion();
            return new String[] {"cairn " + (version == null ? "(development build)" : version)};
        }
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
    }
}
