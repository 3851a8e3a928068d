package dev.cairn.core.instances.clone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.LoopFileSystem;
import dev.cairn.testing.ServerAccounts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The clone backends on real file systems: loop-mounted btrfs and XFS, and the ordinary temporary one. */
@Timeout(600)
class CloneBackendsTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void btrfsSnapshotsA500MegabyteImageForLessThan50MegabytesOfDisk() throws IOException {
        try (LoopFileSystem btrfs = LoopFileSystem.btrfs(2048 * MIB)) {
            CloneBackend backend = CloneBackends.choose(btrfs.root().resolve("images"));
            assertThat(backend.name()).isEqualTo("btrfs-snapshot");
            assertThat(backend.copyOnWrite()).isTrue();
            Path image = btrfs.root().resolve("images/shop");
            backend.createImageDirectory(image);
            writeRandomFiles(image, 500);
            backend.seal(image);
            assertThat(Files.isWritable(image.resolve("data/0"))).as("a sealed image is read-only").isFalse();

            long before = btrfs.usedBytes();
            long started = System.nanoTime();
            Path clone = btrfs.root().resolve("images/shop-clone");
            backend.clone(image, clone);
            long millis = (System.nanoTime() - started) / 1_000_000;
            long added = btrfs.usedBytes() - before;
            System.out.printf("btrfs snapshot of a 500 MiB image: %d ms, %d KiB added on disk%n", millis, added / 1024);

            assertThat(added).isLessThan(50 * MIB);
            assertThat(Files.readAllBytes(clone.resolve("data/3"))).isEqualTo(Files.readAllBytes(image.resolve("data/3")));
            Files.write(clone.resolve("data/3"), new byte[]{1, 2, 3});
            assertThat(Files.size(image.resolve("data/3"))).isEqualTo(MIB);
            assertThat(backend.exclusiveBytes(clone)).isLessThan(MIB);

            backend.delete(clone);
            backend.delete(image);
            assertThat(clone).doesNotExist();
            assertThat(image).doesNotExist();
        }
    }

    @Test
    void xfsWithReflinkClonesByReflink() throws IOException {
        try (LoopFileSystem xfs = LoopFileSystem.xfsWithReflink(1024 * MIB)) {
            CloneBackend backend = CloneBackends.choose(xfs.root().resolve("images"));
            assertThat(backend.name()).isEqualTo("reflink");
            Path image = xfs.root().resolve("images/shop");
            backend.createImageDirectory(image);
            writeRandomFiles(image, 200);
            backend.seal(image);

            long before = xfs.usedBytes();
            Path clone = xfs.root().resolve("images/shop-clone");
            backend.clone(image, clone);
            long added = xfs.usedBytes() - before;
            System.out.printf("reflink copy of a 200 MiB image on XFS: %d KiB added on disk%n", added / 1024);

            assertThat(added).isLessThan(20 * MIB);
            assertThat(Files.readAllBytes(clone.resolve("data/7"))).isEqualTo(Files.readAllBytes(image.resolve("data/7")));
            assertThat(backend.exclusiveBytes(clone)).isLessThan(MIB);
            Files.write(clone.resolve("data/7"), new byte[(int) MIB]);
            assertThat(backend.exclusiveBytes(clone)).isGreaterThanOrEqualTo(MIB);

            backend.delete(clone);
            backend.delete(image);
            assertThat(image).doesNotExist();
        }
    }

    @Test
    void ext4GetsAPlainCopyAsLargeAsTheImage() throws IOException {
        try (LoopFileSystem ext4 = LoopFileSystem.ext4(512 * MIB)) {
            CloneBackend backend = CloneBackends.choose(ext4.root().resolve("images"));
            assertThat(backend.name()).isEqualTo("copy");
            assertThat(backend.copyOnWrite()).isFalse();
            Path image = ext4.root().resolve("images/shop");
            backend.createImageDirectory(image);
            writeRandomFiles(image, 64);
            backend.seal(image);

            long before = ext4.usedBytes();
            Path clone = ext4.root().resolve("images/clone");
            backend.clone(image, clone);
            long added = ext4.usedBytes() - before;

            assertThat(added).isGreaterThanOrEqualTo(64 * MIB);
            assertThat(backend.exclusiveBytes(clone)).isEqualTo(64 * MIB);
            backend.delete(clone);
            backend.delete(image);
            assertThat(image).doesNotExist();
        }
    }

    /** Runs for every user: a plain copy in the temporary directory, chosen there when it cannot reflink. */
    @Test
    void aPlainCopyIsFullAndKeepsModesAndIsChosenWhereNothingBetterWorks() throws IOException {
        Path images = ServerAccounts.reachableDirectory("cairn-images-");
        try {
            String type = Files.getFileStore(images).type();
            if (List.of("ext2", "ext3", "ext4", "tmpfs").contains(type)) {
                assertThat(CloneBackends.choose(images).name()).as("on " + type).isEqualTo("copy");
            }
            CloneBackend backend = new PlainCopy();
            Path image = images.resolve("shop");
            backend.createImageDirectory(image);
            writeRandomFiles(image, 8);
            Files.setPosixFilePermissions(image.resolve("data"), PosixFilePermissions.fromString("rwx------"));
            backend.seal(image);

            Path clone = images.resolve("clone");
            backend.clone(image, clone);

            assertThat(backend.exclusiveBytes(clone)).isEqualTo(8 * MIB);
            assertThat(Files.getPosixFilePermissions(clone.resolve("data"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.readAllBytes(clone.resolve("data/5"))).isEqualTo(Files.readAllBytes(image.resolve("data/5")));
            Files.write(clone.resolve("data/5"), new byte[]{1});
            assertThat(Files.size(image.resolve("data/5"))).isEqualTo(MIB);

            backend.delete(clone);
            backend.delete(image);
            assertThat(clone).doesNotExist();
            assertThat(image).doesNotExist();
        } finally {
            new PlainCopy().delete(images);
        }
    }

    /** {@code count} files of 1 MiB of incompressible data under {@code directory/data}. */
    private static void writeRandomFiles(Path directory, int count) throws IOException {
        Path data = Files.createDirectories(directory.resolve("data"));
        SplittableRandom random = new SplittableRandom(16);
        byte[] block = new byte[(int) MIB];
        for (int i = 0; i < count; i++) {
            for (int at = 0; at < block.length; at += 8) {
                long value = random.nextLong();
                for (int b = 0; b < 8; b++) {
                    block[at + b] = (byte) (value >>> (8 * b));
                }
            }
            try (OutputStream out = Files.newOutputStream(data.resolve(Integer.toString(i)))) {
                out.write(block);
            }
        }
    }
}
