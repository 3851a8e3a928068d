package dev.cairn.core.instances.clone;

import dev.cairn.core.CairnException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.slf4j.Logger;
import java.util.concurrent.atomic.AtomicLong;

/** What the copying backends do to whole directory trees: seal, unseal, delete, measure. */
final class Trees {
    private Trees() {
    }

    /**
     * Sets the immutable attribute on everything under {@code tree} (chattr +i), which even root
     * must lift before changing it; where that is not possible (not root, a file system without
     * it) the image stays writable by Cairn alone, which is logged by the caller.
     */
    static boolean makeImmutable(Path tree) {
        return Command.succeeds(List.of("chattr", "-R", "-f", "+i", tree.toString()));
    }

    /** Lifts what {@link #makeImmutable} set; best effort (nothing may have been set). */
    static void makeMutable(Path tree) {
        Command.succeeds(List.of("chattr", "-R", "-f", "-i", tree.toString()));
    }

    /** Deletes {@code tree} whole; a tree that is not there is fine. */
    static void delete(Path tree) {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        makeMutable(tree);
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    if (failure != null && !(failure instanceof NoSuchFileException)) {
                        throw failure;
                    }
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new CairnException("cannot delete " + tree + ": " + e.getMessage(), e);
        }
    }

    /** The bytes the regular files under {@code tree} occupy (their sizes, sparse holes included). */
    static long size(Path tree) {
        AtomicLong total = new AtomicLong();
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        total.addAndGet(attributes.size());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new CairnException("cannot measure " + tree + ": " + e.getMessage(), e);
        }
        return total.get();
    }

    /** Fails unless {@code clone} is free and its parent exists, so that a copy never lands inside it. */
    static void requireFree(Path clone) {
        if (Files.exists(clone, LinkOption.NOFOLLOW_LINKS)) {
            throw new CairnException("cannot clone into " + clone + ": it already exists");
        }
        Path parent = clone.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new CairnException("cannot clone into " + clone + ": its parent directory does not exist");
        }
    }

    /** Creates the empty image directory {@code directory} (its parent must exist). */
    static void createDirectory(Path directory) {
        try {
            Files.createDirectory(directory);
        } catch (IOException e) {
            throw new CairnException("cannot create the image directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies {@code image} to the new directory {@code clone} with {@code cp -a} and {@code cpOption}
     * ({@code --reflink=always}, {@code --sparse=always}), removing a half-made clone when it fails, and
     * leaves the clone writable (cp carries the immutable attribute over on some systems).
     */
    static void copy(Path image, Path clone, String cpOption) {
        requireFree(clone);
        try {
            Command.run(List.of("cp", "-a", cpOption, "--", image.toString(), clone.toString()));
        } catch (CairnException e) {
            delete(clone);
            throw e;
        }
        makeMutable(clone);
    }

    /** Seals a copied image by the immutable attribute, where this user may set it. */
    static void seal(Path image, Logger log) {
        if (!makeImmutable(image)) {
            log.debug("cannot set the immutable attribute on image {}: it stays writable by Cairn's user", image);
        }
    }
}
