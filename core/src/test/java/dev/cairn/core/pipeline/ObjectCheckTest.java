package dev.cairn.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.keys.AgeKeys;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import dev.cairn.plugins.fs.FsPlugin;
import dev.cairn.testing.TestTaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the check of a stored object says: a damaged age header is the object's fault, an intact
 * object encrypted to another key is the key's, and a store that cannot be read is neither.
 */
final class ObjectCheckTest {
    @TempDir
    Path temp;
    private final FsPlugin fs = new FsPlugin();
    private ArchivePipeline pipeline;
    private Endpoint store;
    private StoredObject object;

    @BeforeEach
    void backUp() throws IOException {
        Path source = Files.createDirectories(temp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "some data\n".repeat(1000));
        byte[] noise = new byte[300_000];
        new java.util.Random(3).nextBytes(noise);
        Files.write(source.resolve("noise.bin"), noise);
        pipeline = new ArchivePipeline(AgeKeys.loadOrCreate(temp.resolve("a.key"), List.of(), Clock.systemUTC()), 3, 0);
        store = new Endpoint(fs.info(), Map.of("path", temp.resolve("store").toString()));
        Endpoint target = new Endpoint(fs.info(), Map.of("path", source.toString()));
        Packed packed = pipeline.backup(fs, target, List.of(new Destination(UUID.randomUUID(), "store", fs, store)),
                "object", new TestTaskContext());
        object = new StoredObject(UUID.randomUUID(), packed.landed().getFirst().key(), null, packed.sha256(),
                packed.rawSize());
    }

    @Test
    void anIntactObjectVerifies() throws IOException {
        assertThat(pipeline.verify(fs, store, object, new TestTaskContext())).isEqualTo(object.rawSize());
    }

    @Test
    void aDamagedAgeHeaderSaysTheObjectIsDamagedNotThatTheKeyIsWrong() throws IOException {
        Path stored = temp.resolve("store").resolve(object.key());
        byte[] bytes = Files.readAllBytes(stored);
        bytes[0] ^= 0x01;
        Files.write(stored, bytes);

        assertThatThrownBy(() -> pipeline.verify(fs, store, object, new TestTaskContext()))
                .isInstanceOf(DamagedArchiveException.class)
                .hasMessageContaining("is damaged or is not this archive's")
                .hasMessageContaining("it is damaged or not a Cairn archive: its age header cannot be read")
                .hasMessageNotContaining("cairn.key");
    }

    @Test
    void anIntactObjectOfAnotherKeySaysTheKeyDoesNotMatch() {
        ArchivePipeline otherServer = new ArchivePipeline(
                AgeKeys.loadOrCreate(temp.resolve("b.key"), List.of(), Clock.systemUTC()), 3, 0);

        assertThatThrownBy(() -> otherServer.verify(fs, store, object, new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .isNotInstanceOf(DamagedArchiveException.class)
                .hasMessageContaining("is intact (its sha256 matches) but this server cannot decrypt it")
                .hasMessageContaining("encrypted to other keys than this server's cairn.key");
    }

    /** Reads the restore stream to its end, as a staged restore must before it swaps, and records what it saw. */
    private static final class ReadingTarget implements TargetPlugin {
        long read;
        boolean sawTheEnd;
        IOException failure;

        @Override
        public PluginInfo info() {
            return new PluginInfo("reading", "reads to the end", "tests", "1", true, false, List.of(), "");
        }

        @Override
        public void backup(Endpoint endpoint, OutputStream out, TaskContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    read += n;
                }
                sawTheEnd = true;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }

    @Test
    void theRestoreStreamFailsInsteadOfEndingWhenTheObjectChangedAfterItsCheck() throws IOException {
        Path stored = temp.resolve("store").resolve(object.key());
        ArchivePipeline sameKey = pipeline;
        // another object of the same server's key: it decrypts and decompresses to its end, but is not this archive's
        Path other = Files.createDirectories(temp.resolve("other"));
        Files.writeString(other.resolve("b.txt"), "other data\n".repeat(1000));
        Packed packed = sameKey.backup(fs, new Endpoint(fs.info(), Map.of("path", other.toString())),
                List.of(new Destination(UUID.randomUUID(), "store", fs, store)), "other", new TestTaskContext());
        Files.copy(temp.resolve("store").resolve(packed.landed().getFirst().key()), stored,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ReadingTarget target = new ReadingTarget();

        assertThatThrownBy(() -> sameKey.restore(fs, store, object, target, store, new TestTaskContext()))
                .isInstanceOf(DamagedArchiveException.class)
                .hasMessageContaining("object " + object.key() + " changed after it was checked: expected sha256 "
                        + object.sha256() + ", read " + packed.sha256());
        assertThat(target.sawTheEnd).as("the plugin never sees the end of a wrong stream").isFalse();
        assertThat(target.read).isEqualTo(packed.rawSize());
        assertThat(target.failure).hasMessageContaining("expected sha256 " + object.sha256());
    }

    @Test
    void theRestoreStreamFailsWhenTheObjectBreaksOffPartWay() throws IOException {
        Path stored = temp.resolve("store").resolve(object.key());
        byte[] bytes = Files.readAllBytes(stored);
        Files.write(stored, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ReadingTarget target = new ReadingTarget();

        assertThatThrownBy(() -> pipeline.restore(fs, store, object, target, store, new TestTaskContext()))
                .isInstanceOf(DamagedArchiveException.class)
                .hasMessageContaining("object " + object.key() + " is damaged: it cannot be decrypted and decompressed past");
        assertThat(target.sawTheEnd).isFalse();
    }

    @Test
    void aStoreThatCannotBeReadIsNeitherDamageNorTheKey() throws IOException {
        Files.delete(temp.resolve("store").resolve(object.key()));

        assertThatThrownBy(() -> pipeline.verify(fs, store, object, new TestTaskContext()))
                .isNotInstanceOf(DamagedArchiveException.class);
    }
}
