package dev.cairn.core.instances.clone;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One way of copying an image's directory into a new instance's: a btrfs subvolume snapshot, a
 * reflink copy, or a plain copy. {@link CloneBackends#choose} picks the best one the file system
 * under the images can do.
 */
public interface CloneBackend {

    /** Short name shown in the API and logs: {@code btrfs-snapshot}, {@code reflink}, {@code copy}. */
    String name();

    /** Whether a clone shares its blocks with the image (false only for a plain, full-size copy). */
    boolean copyOnWrite();

    /**
     * Makes the empty directory {@code directory} that will hold an image, in the form this backend
     * clones from (a btrfs subvolume, or a plain directory).
     */
    void createImageDirectory(Path directory) throws IOException;

    /** Makes the image at {@code image} read-only, once it is complete. */
    void seal(Path image) throws IOException;

    /** Clones {@code image} to {@code clone}, which must not exist yet, keeping owners and modes. */
    void clone(Path image, Path clone) throws IOException;

    /** Removes a directory this backend made (image or clone), whole; nothing there is a no-op. */
    void delete(Path directory) throws IOException;

    /** Bytes {@code clone} holds that it does not share with its image (for a plain copy, all of them). */
    long exclusiveBytes(Path clone) throws IOException;
}
