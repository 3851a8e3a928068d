/**
 * What Cairn does with a target outside a backup or a restore: {@link dev.cairn.core.targets.ConnectionTest}
 * connects with its endpoint and says what is wrong before the first backup.
 */
package dev.cairn.core.targets;
