package dev.cairn.server.web;

import dev.cairn.core.instances.Instance;

/**
 * An instance as the databases page shows it: the name of its image and what it was made from,
 * the plugin it runs, the bytes it wrote of its own (-1 when unknown), whether the signed-in user
 * made it (only then is the password shown), the command that connects to it, and the time left.
 */
public record InstanceRow(Instance instance, String image, String plugin, long ownBytes, boolean mine, String connect,
                          String timeLeft) {
}
