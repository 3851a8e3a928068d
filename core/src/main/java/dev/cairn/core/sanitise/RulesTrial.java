package dev.cairn.core.sanitise;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.instances.ScratchEngines;
import dev.cairn.core.pipeline.ArchivePipeline;
import dev.cairn.core.pipeline.StoredObject;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.core.stores.QuietContext;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.UUID;

/**
 * Tries rules on a target's latest full archive without storing anything: the archive is loaded
 * into a scratch engine, the rules are checked strictly ({@link Sanitiser#check}) or previewed
 * ({@link Sanitiser#preview}) on it, and the scratch engine is removed. What the report and
 * preview say is what a sanitise task would meet.
 */
public final class RulesTrial {
    private final Repositories catalog;
    private final PluginRegistry plugins;
    private final ArchivePipeline pipeline;
    private final ScratchEngines scratch;
    private final SanitiseRules rules;

    public RulesTrial(Repositories catalog, PluginRegistry plugins, ArchivePipeline pipeline, ScratchEngines scratch,
                      SanitiseRules rules) {
        this.catalog = catalog;
        this.plugins = plugins;
        this.pipeline = pipeline;
        this.scratch = scratch;
        this.rules = rules;
    }

    /** What checking {@code document} (the latest saved rules when null) against {@code target}'s latest archive finds. */
    public Result<Report> check(Target target, String document) {
        return trial(target, document, (connection, r) -> Sanitiser.check(connection, r));
    }

    /** {@code rows} rows of each table before and after {@code document} (the latest rules when null). */
    public Result<Preview> preview(Target target, String document, int rows) {
        byte[] key = rules.hashKey(target.uuid());
        return trial(target, document, (connection, r) -> Sanitiser.preview(connection, r, key, rows));
    }

    /** What a trial found, and the archive and rules version (0: rules not saved) it was made on. */
    public record Result<T>(T value, Archive archive, int rulesVersion) {
    }

    private interface Step<T> {
        T apply(Connection connection, Rules rules) throws Exception;
    }

    private <T> Result<T> trial(Target target, String document, Step<T> step) {
        int version = 0;
        Rules parsed;
        if (document == null) {
            RulesVersion latest = rules.latest(target.uuid()).orElseThrow(() -> new CairnException.NotFound("rules",
                    "of target " + target.name() + ": none are saved yet"));
            parsed = latest.rules();
            version = latest.version();
        } else {
            parsed = Rules.parse(document);
        }
        if (!scratch.supports(target.plugin())) {
            throw new CairnException.Conflict("rules are tried on postgres and mysql targets; " + target.name()
                    + " is a " + target.plugin() + " target");
        }
        Archive archive = catalog.archives().list(new ArchiveFilter(target.uuid(), null, null, null, false)).stream()
                .filter(a -> !a.isVariant() && a.status() == Archive.Status.VALID).findFirst()
                .orElseThrow(() -> new CairnException.Conflict("target " + target.name() + " has no good archive to try the "
                        + "rules on; run one of its jobs first"));
        Store store = catalog.stores().get(archive.store());
        Endpoint storeEndpoint = plugins.endpoint(store.plugin(), store.endpoint());
        Endpoint targetEndpoint = plugins.endpoint(target.plugin(), target.endpoint());
        StoredObject object = new StoredObject(archive.uuid(), archive.storeKey(), archive.manifestKey(), archive.sha256(),
                archive.rawSize());
        String database = targetEndpoint.string("database").orElse("");
        Rules chosen = parsed;
        try (QuietContext context = new QuietContext("rules trial of target " + target.name(), storeEndpoint.secrets())) {
            T value = scratch.use(target.plugin(), UUID.randomUUID(), context,
                    () -> pipeline.open(plugins.store(store.plugin()), storeEndpoint, object), s -> {
                        String db = database.isBlank() && !s.databases().isEmpty() ? s.databases().getFirst() : database;
                        String url = (target.plugin().equals("postgres") ? "jdbc:postgresql://" : "jdbc:mariadb://")
                                + s.home().host() + ":" + s.home().port() + "/" + db;
                        Properties properties = new Properties();
                        properties.setProperty("user", s.access().user());
                        properties.setProperty("password", s.access().password());
                        try (Connection connection = DriverManager.getConnection(url, properties)) {
                            return step.apply(connection, chosen);
                        }
                    });
            return new Result<>(value, archive, version);
        } catch (CairnException | PluginException e) {
            throw e;
        } catch (Exception e) {
            throw new CairnException.Failure("cannot try the rules on archive " + archive.uuid() + ": " + e.getMessage(), e);
        }
    }
}
