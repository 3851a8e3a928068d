package dev.cairn.core.notify;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * A data system that refuses its password, and says the password in its log and its error, as a
 * careless client tool might: what a notification quotes of a failed task must still not hold it.
 */
public final class LeakyTarget implements TargetPlugin {
    @Override
    public PluginInfo info() {
        return new PluginInfo("leaky", "Leaky test target", "tests", "1", true, false,
                List.of(ConfigField.required("host", ConfigField.Type.STRING, "where it runs"),
                        ConfigField.secret("password", true, "its password")),
                "fails every backup, quoting its password");
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) {
        context.log("connecting to " + endpoint.require("host") + " with password " + endpoint.require("password"));
        throw new PluginException("authentication failed for password " + endpoint.require("password"));
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) {
        throw new PluginException("the leaky target is only ever backed up");
    }
}
