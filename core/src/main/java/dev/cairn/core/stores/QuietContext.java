package dev.cairn.core.stores;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.Redactor;
import dev.cairn.plugin.SupervisedProcess;
import dev.cairn.plugin.TaskContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context of plugin work done outside a task (a store self-test, a recovery, a connection test): lines go to the server
 * log at debug level with secrets masked, and child processes are stopped when it is closed.
 */
public final class QuietContext implements TaskContext, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuietContext.class);
    private final String what;
    private final Redactor secrets = new Redactor(Redactor.MASK);
    private final List<ChildProcess> children = new ArrayList<>();

    public QuietContext(String what, List<String> secrets) {
        this.what = what;
        secrets.forEach(this::redact);
    }

    @Override
    public void log(String line) {
        LOG.debug("{}: {}", what, secrets.mask(line));
    }

    @Override
    public void redact(String secret) {
        secrets.add(secret);
    }

    @Override
    public synchronized ChildProcess spawn(ProcessSpec spec) {
        SupervisedProcess child = SupervisedProcess.start(spec, this::log);
        children.add(child);
        return child;
    }

    @Override
    public boolean cancelled() {
        return false;
    }

    @Override
    public synchronized void close() {
        children.forEach(ChildProcess::close);
    }
}
