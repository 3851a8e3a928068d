package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.server.api.DownloadRoutes;
import dev.cairn.server.api.Site;
import dev.cairn.server.auth.AuthSettings;
import dev.cairn.server.auth.Authenticator;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

/**
 * The web UI, served at {@code /} by the API's web server: pages for the dashboard, configuration,
 * archives and tasks, people (users, teams, one's own tokens) and the audit log, behind a sign-in;
 * every page acts as the signed-in user and shows only what they may see and press. Static files (htmx from its webjar, one
 * stylesheet, one script) come from the class path; nothing is fetched from elsewhere.
 */
public final class WebUi implements Site {
    private final Cairn cairn;
    private final String token;
    /** Scripts, styles, images and forms of this server only, no plugins, no framing by other sites. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private final Pages pages = new Pages();
    private final Sessions sessions;
    private final Authenticator authenticator;

    /** A UI over {@code cairn} whose login takes {@code token}, local users' passwords and their tokens. */
    public WebUi(Cairn cairn, String token) {
        this(cairn, token, Authenticator.of(cairn, AuthSettings.none()));
    }

    /** A UI over {@code cairn} whose login signs in through {@code authenticator} (the API's). */
    public WebUi(Cairn cairn, String token, Authenticator authenticator) {
        this.cairn = cairn;
        this.token = token;
        this.authenticator = authenticator;
        this.sessions = new Sessions(cairn.access().webSessions(), cairn.clock());
    }

    @Override
    public void register(JavalinConfig config) {
        config.staticFiles.enableWebjars();
        config.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = "/web/static";
            files.location = Location.CLASSPATH;
        });
        var routes = config.routes;
        routes.before(ctx -> {
            if (!RequestGuard.outsideUi(ctx.path())) {
                // pages, their one script and stylesheet come from here only; nothing inline runs
                ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "same-origin");
            }
        });
        routes.before(new RequestGuard(sessions, pages, cairn.access())::check);
        new LoginPage(sessions, pages, cairn.access(), authenticator).register(routes);
        TaskPages tasks = new TaskPages(cairn, pages);
        new DashboardPage(cairn, pages, tasks).register(routes);
        new EndpointItemPages<>(new StoreItems(cairn), cairn.plugins(), pages).register(routes);
        new StoreTestAction(cairn, pages).register(routes);
        new EndpointItemPages<>(new TargetItems(cairn), cairn.plugins(), pages).register(routes);
        new SchedulePages(cairn, pages).register(routes);
        new RetentionPages(cairn, pages).register(routes);
        new NotificationPages(cairn, pages).register(routes);
        new JobPages(cairn, pages, tasks).register(routes);
        new ArchivePages(cairn, pages).register(routes);
        new InstancePages(cairn, pages).register(routes);
        new RulesPages(cairn, pages).register(routes);
        // the download buttons: the API's download, signed in by the session instead of a token
        DownloadRoutes downloads = new DownloadRoutes(cairn);
        routes.get("/archives/{uuid}/download", downloads::archive);
        routes.get("/targets/{uuid}/download", downloads::latest);
        tasks.register(routes);
        new UserPages(cairn, pages).register(routes);
        new TeamPages(cairn.access(), pages).register(routes);
        new TokenPages(cairn, pages).register(routes);
        new AuditPage(cairn.access(), pages).register(routes);
    }

    @Override
    public void error(Context ctx, int status, String message) {
        pages.error(ctx, status, message);
    }
}
