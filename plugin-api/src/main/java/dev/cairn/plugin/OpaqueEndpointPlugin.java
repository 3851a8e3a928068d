package dev.cairn.plugin;

import java.util.Map;

/**
 * A plugin whose endpoint is one JSON object that only it understands, as seed 004's plugins take it
 * (a SHIELD plugin's {@code --endpoint JSON}): Cairn checks none of its keys, seals it whole in the
 * catalog, never shows its values back, and hands it over whole.
 *
 * <p>Such a plugin declares no {@link PluginInfo#fields() fields}, so Cairn cannot tell its secrets
 * from the rest; it treats every value as one.
 */
public interface OpaqueEndpointPlugin extends Plugin {

    /**
     * Checks {@code endpoint} as the plugin would use it, throwing {@link PluginException} with the
     * plugin's own explanation when it is wrong; a plugin that cannot check it accepts it.
     */
    void validate(Map<String, Object> endpoint);

    /** Whether the endpoint is on the plugin's command line while it runs, where any local user can read it. */
    boolean endpointOnCommandLine();
}
