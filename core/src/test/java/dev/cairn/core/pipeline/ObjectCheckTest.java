package dev.cairn.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.keys.AgeKeys;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugins.fs.FsPlugin;
import dev.cairn.testing.TestTaskContext;
import java.io.IOException;
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

    @Test
    void aStoreThatCannotBeReadIsNeitherDamageNorTheKey() throws IOException {
        Files.delete(temp.resolve("store").resolve(object.key()));

        assertThatThrownBy(() -> pipeline.verify(fs, store, object, new TestTaskContext()))
                .isNotInstanceOf(DamagedArchiveException.class);
    }
}
