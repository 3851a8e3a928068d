package dev.cairn.core.instances.clone;

import dev.cairn.core.CairnException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Images are btrfs subvolumes, sealed with the subvolume's read-only property, and a clone is a
 * writable snapshot of one: made in constant time whatever the size, sharing every block until it
 * is written. Image and clones must be on the same btrfs file system.
 */
final class BtrfsSnapshot implements CloneBackend {

    @Override
    public String name() {
        return "btrfs-snapshot";
    }

    @Override
    public boolean copyOnWrite() {
        return true;
    }

    @Override
    public void createImageDirectory(Path directory) {
        Command.run(List.of("btrfs", "subvolume", "create", directory.toString()));
    }

    @Override
    public void seal(Path image) {
        Command.run(List.of("btrfs", "property", "set", "-ts", image.toString(), "ro", "true"));
    }

    @Override
    public void clone(Path image, Path clone) {
        Trees.requireFree(clone);
        Command.run(List.of("btrfs", "subvolume", "snapshot", image.toString(), clone.toString()));
    }

    /** Deletes a subvolume (read-only or not) with btrfs, and a plain directory (a failed attempt's) as files. */
    @Override
    public void delete(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Command.succeeds(List.of("btrfs", "subvolume", "show", directory.toString()))) {
            Command.run(List.of("btrfs", "subvolume", "delete", directory.toString()));
        } else {
            Trees.delete(directory);
        }
    }

    /** The "Exclusive" column of {@code btrfs filesystem du -s --raw}: bytes no other subvolume shares. */
    @Override
    public long exclusiveBytes(Path clone) {
        String output = Command.run(List.of("btrfs", "filesystem", "du", "-s", "--raw", clone.toString()));
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        String[] columns = lines.getLast().trim().split("\\s+");
        try {
            return Long.parseLong(columns[1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new CairnException("cannot read the exclusive bytes of " + clone + " from btrfs filesystem du: "
                    + lines.getLast(), e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
