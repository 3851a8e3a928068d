package dev.cairn.core;

import dev.cairn.core.access.Access;
import dev.cairn.core.agents.AgentHub;
import dev.cairn.core.catalog.Agents;
import dev.cairn.core.download.Downloads;
import dev.cairn.core.instances.Engines;
import dev.cairn.core.instances.Instance;
import dev.cairn.core.instances.InstanceServices;
import dev.cairn.core.instances.clone.CloneBackends;
import dev.cairn.core.catalog.Catalog;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.TeamScope;
import dev.cairn.core.keys.AgeKeys;
import dev.cairn.core.keys.SecretBox;
import dev.cairn.core.notify.Channels;
import dev.cairn.core.notify.Deliveries;
import dev.cairn.core.notify.NotificationWatch;
import dev.cairn.core.notify.Notifier;
import dev.cairn.core.notify.TaskNotifications;
import dev.cairn.core.pipeline.ArchivePipeline;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.core.plugins.SealedEndpoints;
import dev.cairn.core.retention.RetentionSweeper;
import dev.cairn.core.sanitise.RulesTrial;
import dev.cairn.core.sanitise.SanitiseRules;
import dev.cairn.core.schedule.CairnScheduler;
import dev.cairn.core.schedule.JobFirer;
import dev.cairn.core.stats.BackupHistory;
import dev.cairn.core.stats.JobStatistics;
import dev.cairn.core.stats.MetricSources;
import dev.cairn.core.stats.OverviewReader;
import dev.cairn.core.stats.TaskTimeline;
import dev.cairn.core.stores.CatalogRecovery;
import dev.cairn.core.stores.OrphanSweeper;
import dev.cairn.core.stores.StoreSelfTest;
import dev.cairn.core.task.TaskRequests;
import dev.cairn.core.task.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A running core: the catalog, the plugins, the keys, the task runner and the scheduler, wired
 * together. The HTTP API is a client of this; nothing here knows about HTTP.
 */
public final class Cairn implements AutoCloseable {
    private final CairnSettings settings;
    private final Catalog catalog;
    private final Repositories repositories;
    private final PluginRegistry plugins;
    private final AgeKeys keys;
    private final TaskRunner runner;
    private final TaskRequests requests;
    private final JobFirer firer;
    private final RetentionSweeper sweeper;
    private final OrphanSweeper orphanSweeper;
    private final CairnScheduler scheduler;
    private final StoreSelfTest storeSelfTest;
    private final CatalogRecovery recovery;
    private final AgentHub agents;
    private final Access access;
    private final Downloads downloads;
    private final InstanceServices instances;
    private final Notifier notifier;
    private final NotificationWatch watch;
    private final SanitiseRules rules;
    private final RulesTrial trial;
    private final Clock clock;
    private final Instant startedAt;
    private final JobStatistics statistics;
    private final OverviewReader overview;
    private final TaskTimeline timeline;
    private final MetricSources metricSources = new MetricSources();

    private Cairn(CairnSettings settings, Clock clock, PluginRegistry plugins) {
        this.settings = settings;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.plugins = plugins;
        DataDirectory data = DataDirectory.open(settings.dataDir(), settings.catalogUrl() == null);
        this.keys = AgeKeys.loadOrCreate(settings.dataDir().resolve("cairn.key"), settings.extraRecipients(), clock);
        this.catalog = settings.catalogUrl() == null
                ? Catalog.sqlite(settings.dataDir()) : Catalog.open(settings.catalogUrl());
        data.tightenCatalogFiles();
        SecretBox secrets = new SecretBox(keys.derivedKey("catalog-secrets"));
        this.repositories = Repositories.over(catalog.jdbi(), new SealedEndpoints(plugins, secrets));
        this.notifier = new Notifier(new Channels(catalog.jdbi(), secrets), new Deliveries(catalog.jdbi()), clock,
                Notifier.Retry.DEFAULT);
        this.watch = new NotificationWatch(repositories, plugins, notifier, catalog.jdbi(), clock);
        this.rules = new SanitiseRules(catalog.jdbi(), secrets, clock);
        this.access = new Access(catalog.jdbi(), repositories, clock);
        ArchivePipeline pipeline = new ArchivePipeline(keys, settings.zstdLevel(), 0);
        this.downloads = new Downloads(repositories, plugins, pipeline, access, clock);
        this.agents = new AgentHub(new Agents(catalog.jdbi()), clock);
        this.runner = new TaskRunner(settings.serverName(), repositories, plugins, agents, pipeline, clock,
                settings.runner().withPrivateDirectory(data.privateDirectory()));
        this.runner.onEnd(new TaskNotifications(repositories, plugins, notifier, clock));
        this.requests = new TaskRequests(repositories, runner, clock);
        this.instances = new InstanceServices(catalog.jdbi(), new SecretBox(keys.derivedKey("instance-passwords")), repositories,
                plugins, Engines.load(Cairn.class.getClassLoader()), requests, access,
                new InstanceServices.Where(data.path(), settings.serverName(), data.privateDirectory()), settings.instances(),
                CloneBackends::choose, rules, clock);
        runner.runImages(instances.images());
        this.watch.watchInstances(() -> instances.instances().list(TeamScope.ALL).stream()
                .filter(i -> i.state() == Instance.State.RUNNING)
                .map(i -> new NotificationWatch.InstanceLease(i.uuid(), "instance " + i.id(), i.ownerName(), i.expiresAt()))
                .toList());
        runner.runSanitise(instances.scratch(), rules);
        this.trial = new RulesTrial(repositories, plugins, pipeline, instances.scratch(), rules);
        this.firer = new JobFirer(repositories, settings.devMode());
        this.sweeper = new RetentionSweeper(repositories.archives(), repositories.stores(), plugins,
                repositories.jobs(), repositories.retention());
        this.orphanSweeper = new OrphanSweeper(repositories.orphans(), repositories.stores(), plugins);
        this.storeSelfTest = new StoreSelfTest(repositories, plugins, clock);
        this.recovery = new CatalogRecovery(repositories, plugins);
        BackupHistory history = new BackupHistory(catalog.jdbi());
        this.statistics = new JobStatistics(history, clock);
        this.overview = new OverviewReader(catalog.jdbi(), repositories, history, clock);
        this.timeline = new TaskTimeline(catalog.jdbi(), clock);
        this.scheduler = settings.scheduling()
                ? new CairnScheduler(catalog.dataSource(), clock, now -> {
                    if (firer.fire(now) > 0) {
                        runner.wake();
                    }
                }, this::sweep, storeSelfTest::testAll, settings.tickEvery(), settings.serverName())
                : null;
    }

    /** The periodic sweep: expired archives, then orphans; a failure of the first does not stop the second. */
    private void sweep(Instant now) {
        try {
            sweeper.sweep(now);
        } finally {
            orphanSweeper.sweep(now);
        }
    }

    /**
     * Opens the catalog and keys under the settings' data directory, loads the built-in plugins and
     * those of the plugins directory, and starts running tasks and schedules.
     */
    public static Cairn start(CairnSettings settings, Clock clock) {
        return start(settings, clock, PluginRegistry.load(Cairn.class.getClassLoader(), settings.pluginsDir()));
    }

    public static Cairn start(CairnSettings settings, Clock clock, PluginRegistry plugins) {
        Cairn cairn = new Cairn(settings, clock, plugins);
        // before tasks run: a crash's leftover image directories go, this server's instances come back
        cairn.instances.recover();
        cairn.runner.start();
        cairn.instances.startSweeping();
        // apart from the scheduler, so that a stopped scheduler still shows as missed backups
        cairn.watch.start(Duration.ofMinutes(1));
        if (cairn.scheduler != null) {
            cairn.scheduler.start();
        }
        return cairn;
    }

    public CairnSettings settings() {
        return settings;
    }

    public Repositories catalog() {
        return repositories;
    }

    public PluginRegistry plugins() {
        return plugins;
    }

    public AgeKeys keys() {
        return keys;
    }

    public TaskRunner runner() {
        return runner;
    }

    public TaskRequests requests() {
        return requests;
    }

    public JobFirer firer() {
        return firer;
    }

    public RetentionSweeper sweeper() {
        return sweeper;
    }

    /** Purges what failed backups left in stores that were down then; the scheduler runs it with the retention sweep. */
    public OrphanSweeper orphanSweeper() {
        return orphanSweeper;
    }

    public StoreSelfTest storeSelfTest() {
        return storeSelfTest;
    }

    public CatalogRecovery recovery() {
        return recovery;
    }

    /** The agents, and the work they run for this server's tasks. */
    public AgentHub agents() {
        return agents;
    }

    /** Users, teams, tokens, permission checks and the audit log. */
    public Access access() {
        return access;
    }

    /** Archives as decrypted streams for clients, checked and audited. */
    public Downloads downloads() {
        return downloads;
    }

    /** Sends notifications to the configured channels, in the background. */
    public Notifier notifier() {
        return notifier;
    }

    /** Tells channels of missed backups, unhealthy stores and expiring archives, on its own timer. */
    public NotificationWatch notificationWatch() {
        return watch;
    }

    /** Per-job statistics: success rates, recent runs, mean time between failures. */
    public JobStatistics statistics() {
        return statistics;
    }

    /** Reads the whole catalog at a glance, for the metrics endpoint. */
    public OverviewReader overview() {
        return overview;
    }

    /** The tasks of a recent window, for the dashboard's timeline. */
    public TaskTimeline timeline() {
        return timeline;
    }

    /** Where other parts of the core register numbers of their own for the metrics endpoint. */
    public MetricSources metricSources() {
        return metricSources;
    }

    /** Images and the throw-away instances made of them, on this server. */
    public InstanceServices instances() {
        return instances;
    }

    /** Each target's versioned sanitising rules and sealed hash key. */
    public SanitiseRules rules() {
        return rules;
    }

    /** Checks and previews of rules on a target's latest archive, in a scratch engine. */
    public RulesTrial rulesTrial() {
        return trial;
    }

    public Clock clock() {
        return clock;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public boolean postgresCatalog() {
        return catalog.postgres();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        instances.close();
        watch.close();
        runner.close();
        notifier.close();
        catalog.close();
    }
}
