package dev.cairn.core.instances;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.Redactor;
import dev.cairn.plugin.SupervisedProcess;
import dev.cairn.plugin.TaskContext;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context of engine work on an instance, outside any task: lines go to the server log with the
 * instance named and its password masked. Its tools are left to end by themselves, since an engine
 * starts its data system detached and that must outlive the call.
 */
final class EngineLog implements TaskContext {
    private static final Logger LOG = LoggerFactory.getLogger(EngineLog.class);
    private final String what;
    private final Redactor secrets = new Redactor(Redactor.MASK);
    private final Path privateDirectory;

    EngineLog(String what, Path privateDirectory, String... secrets) {
        this.what = what;
        this.privateDirectory = privateDirectory;
        for (String secret : secrets) {
            redact(secret);
        }
    }

    @Override
    public void log(String line) {
        LOG.info("{}: {}", what, secrets.mask(line));
    }

    @Override
    public void redact(String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
        }
    }

    @Override
    public ChildProcess spawn(ProcessSpec spec) {
        return SupervisedProcess.start(spec, this::log);
    }

    @Override
    public boolean cancelled() {
        return false;
    }

    @Override
    public Path privateDirectory() {
        return privateDirectory != null ? privateDirectory : TaskContext.super.privateDirectory();
    }
}
