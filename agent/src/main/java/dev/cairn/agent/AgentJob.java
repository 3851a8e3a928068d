package dev.cairn.agent;

import dev.cairn.plugin.BoundedPipe;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TargetPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One assignment run on the agent: the local plugin backs up into the upload to the core, or
 * restores from the download; the core is told the result once, ok or with one line that says why not.
 */
final class AgentJob implements Runnable {
    /** The backup held between the plugin and the upload: 32 pieces of 64 KiB, 2 MiB. */
    private static final int UPLOAD_CHUNKS = 32;
    private final Assignment assignment;
    private final LocalPlugins plugins;
    private final CoreClient core;
    private final Consumer<String> say;
    private final LogShipper log;
    private final AgentTaskContext context;
    private final AtomicBoolean reported = new AtomicBoolean();

    AgentJob(Assignment assignment, LocalPlugins plugins, CoreClient core, Path privateDirectory, Consumer<String> say) {
        this.assignment = assignment;
        this.plugins = plugins;
        this.core = core;
        this.say = say;
        this.log = new LogShipper(core, assignment.uuid(), say);
        this.context = new AgentTaskContext(log, privateDirectory);
    }

    Assignment assignment() {
        return assignment;
    }

    /** Stops the work: its processes are killed, its threads interrupted and its data stream broken. */
    void cancel() {
        say.accept("stopping " + assignment + ": the core cancelled it");
        context.cancel();
    }

    @Override
    public void run() {
        context.bind(Thread.currentThread());
        say.accept("starting " + assignment);
        try {
            TargetPlugin plugin = plugins.target(assignment.plugin());
            Endpoint endpoint = new Endpoint(plugin.info(), assignment.endpoint());
            endpoint.secrets().forEach(context::redact);
            switch (assignment.op()) {
                case "backup" -> backup(plugin, endpoint);
                case "restore" -> restore(plugin, endpoint);
                default -> throw new PluginException("this agent does not know the operation '" + assignment.op() + "'");
            }
            report(true, null);
            say.accept("finished " + assignment);
        } catch (Throwable e) {
            String why = describe(e);
            Thread.interrupted();
            report(false, why);
            say.accept("failed " + assignment + ": " + why);
        } finally {
            context.closeChildren();
            log.close();
        }
    }

    private void backup(TargetPlugin plugin, Endpoint endpoint) throws Exception {
        BoundedPipe pipe = new BoundedPipe(UPLOAD_CHUNKS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = Thread.ofPlatform().daemon().name("backup-" + assignment.uuid()).start(() -> {
            try (OutputStream out = pipe.sink()) {
                plugin.backup(endpoint, out, context);
            } catch (Throwable e) {
                failure.set(e);
                // The core hears why before it sees the upload break.
                report(false, describe(e));
                pipe.fail(e);
            }
        });
        context.bind(producer);
        context.onCancel(() -> pipe.fail(new CancellationException("the core cancelled the work")));
        try {
            core.upload(assignment.uuid(), pipe::source);
        } catch (IOException e) {
            pipe.fail(e);
            producer.join();
            throw failure.get() instanceof Exception cause ? cause : e;
        }
        producer.join();
        if (failure.get() instanceof Exception cause) {
            throw cause;
        }
    }

    private void restore(TargetPlugin plugin, Endpoint endpoint) throws Exception {
        try (InputStream data = core.download(assignment.uuid())) {
            context.onCancel(() -> closeQuietly(data));
            plugin.restore(endpoint, data, context);
            // Read what the plugin left, so that the core sees all of its data taken.
            data.transferTo(OutputStream.nullOutputStream());
        }
    }

    private void report(boolean ok, String error) {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        try {
            core.result(assignment.uuid(), ok, error == null ? null : context.mask(error));
        } catch (IOException e) {
            say.accept("cannot tell the core the result of " + assignment + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String describe(Throwable e) {
        if (context.cancelled() || e instanceof CancellationException || e instanceof InterruptedException
                || e instanceof InterruptedIOException) {
            return "cancelled by the core";
        }
        if (e instanceof PluginException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the stream is being abandoned
        }
    }
}
