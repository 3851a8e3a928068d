package dev.cairn.core.instances.clone;

import dev.cairn.core.CairnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link CloneBackend} for a directory of images by trying, best first, what its file
 * system can really do there: a btrfs subvolume and a snapshot of it, then a reflink copy of a
 * file, and otherwise a plain copy (logged as a warning: clones are then slow and full-size).
 * Instances must be cloned onto the same file system as the images.
 */
public final class CloneBackends {
    private static final Logger LOG = LoggerFactory.getLogger(CloneBackends.class);
    private static final String PROBE_PREFIX = ".cairn-clone-probe-";

    private CloneBackends() {
    }

    /** The best backend that works in {@code imagesDirectory}, which is created when missing. */
    public static CloneBackend choose(Path imagesDirectory) {
        try {
            Files.createDirectories(imagesDirectory);
        } catch (IOException e) {
            throw new CairnException("cannot create the images directory " + imagesDirectory + ": " + e.getMessage(), e);
        }
        if (snapshotWorks(imagesDirectory)) {
            LOG.info("images in {} are btrfs subvolumes; instances are snapshots of them", imagesDirectory);
            return new BtrfsSnapshot();
        }
        if (reflinkWorks(imagesDirectory)) {
            LOG.info("images in {} are cloned with reflink copies (copy-on-write)", imagesDirectory);
            return new ReflinkCopy();
        }
        LOG.warn("the file system of {} can neither snapshot (btrfs) nor reflink (btrfs, XFS with reflink=1):"
                + " instances are plain copies, slow to make and as large as their image", imagesDirectory);
        return new PlainCopy();
    }

    /** The backend called {@code name} ({@link CloneBackend#name()}), for a directory chosen earlier. */
    public static CloneBackend named(String name) {
        return switch (name) {
            case "btrfs-snapshot" -> new BtrfsSnapshot();
            case "reflink" -> new ReflinkCopy();
            case "copy" -> new PlainCopy();
            default -> throw new CairnException("no clone backend " + name + " (btrfs-snapshot, reflink, copy)");
        };
    }

    private static boolean snapshotWorks(Path directory) {
        Path subvolume = directory.resolve(PROBE_PREFIX + UUID.randomUUID());
        Path snapshot = directory.resolve(PROBE_PREFIX + UUID.randomUUID());
        try {
            // deleting must work too: without root, btrfs may let a user make subvolumes but not remove them
            return Command.succeeds(List.of("btrfs", "subvolume", "create", subvolume.toString()))
                    && Command.succeeds(List.of("btrfs", "subvolume", "snapshot", subvolume.toString(), snapshot.toString()))
                    && Command.succeeds(List.of("btrfs", "subvolume", "delete", snapshot.toString()))
                    && Command.succeeds(List.of("btrfs", "subvolume", "delete", subvolume.toString()));
        } finally {
            removeProbe(snapshot);
            removeProbe(subvolume);
        }
    }

    private static boolean reflinkWorks(Path directory) {
        Path file = directory.resolve(PROBE_PREFIX + UUID.randomUUID());
        Path copy = directory.resolve(PROBE_PREFIX + UUID.randomUUID());
        try {
            Files.write(file, new byte[64 * 1024]);
            return Command.succeeds(List.of("cp", "--reflink=always", "--", file.toString(), copy.toString()));
        } catch (IOException e) {
            throw new CairnException("cannot write a probe file in " + directory + ": " + e.getMessage(), e);
        } finally {
            removeProbe(copy);
            removeProbe(file);
        }
    }

    private static void removeProbe(Path probe) {
        if (!Files.exists(probe)) {
            return;
        }
        if (Files.isDirectory(probe)) {
            try {
                new BtrfsSnapshot().delete(probe);
            } catch (CairnException e) {
                LOG.warn("cannot remove the probe subvolume {}: {}", probe, e.getMessage());
            }
        } else {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                LOG.warn("cannot remove the probe file {}: {}", probe, e.getMessage());
            }
        }
    }
}
