/**
 * Clone backends for instances, best first: a btrfs subvolume snapshot, a reflink copy (FICLONE,
 * btrfs and XFS), and a plain copy where neither works. {@link dev.cairn.core.instances.clone.CloneBackends}
 * chooses by probing the file system under the images directory.
 */
package dev.cairn.core.instances.clone;
