package dev.cairn.core.instances.clone;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback where the file system can neither snapshot nor reflink: a clone is a full
 * {@code cp -a} of the image (owners, modes, times and sparse files kept), so it takes time and disk
 * in proportion to the image's size.
 */
final class PlainCopy implements CloneBackend {
    private static final Logger LOG = LoggerFactory.getLogger(PlainCopy.class);

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public boolean copyOnWrite() {
        return false;
    }

    @Override
    public void createImageDirectory(Path directory) {
        Trees.createDirectory(directory);
    }

    @Override
    public void seal(Path image) {
        Trees.seal(image, LOG);
    }

    @Override
    public void clone(Path image, Path clone) {
        Trees.copy(image, clone, "--sparse=always");
    }

    @Override
    public void delete(Path directory) {
        Trees.delete(directory);
    }

    /** All of it: a plain copy shares nothing with its image. */
    @Override
    public long exclusiveBytes(Path clone) {
        return Trees.size(clone);
    }

    @Override
    public String toString() {
        return name();
    }
}
