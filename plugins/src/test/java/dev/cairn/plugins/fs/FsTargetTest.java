package dev.cairn.plugins.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.RestoreMode;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fs target backing up real directories as tar and restoring them. */
class FsTargetTest {
    private static final FileTime SCRIPT_TIME = FileTime.from(Instant.parse("2021-03-04T05:06:07Z"));

    private final FsPlugin plugin = new FsPlugin();

    @TempDir
    Path temp;

    @Test
    void roundTripsTheSelectedFilesWithModesTimesSymlinksAndLongNames() throws IOException {
        Path source = temp.resolve("source");
        String longName = "docs/" + "n".repeat(150) + ".txt";
        write(source, "docs/readme.txt", "read me");
        write(source, "docs/deep/nested/file.md", "nested");
        write(source, "docs/cache/tmp.bin", "cached");
        write(source, "docs/debug.log", "noise");
        write(source, "notes.txt", "notes");
        write(source, "top.md", "not included");
        write(source, longName, "long");
        Path script = write(source, "script.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(script, SCRIPT_TIME);
        Files.createSymbolicLink(source.resolve("link"), Path.of("docs/readme.txt"));
        Endpoint endpoint = endpoint(source, Map.of("include", List.of("docs", "*.txt", "link", "script.sh"),
                "exclude", List.of("cache", "*.log")));

        byte[] archive = backup(endpoint);

        assertThat(names(archive)).containsExactlyInAnyOrder("docs/", "docs/deep/", "docs/deep/nested/",
                "docs/deep/nested/file.md", "docs/readme.txt", longName, "link", "notes.txt", "script.sh");

        Path copy = temp.resolve("copy");
        plugin.restore(endpoint(copy, Map.of()), new ByteArrayInputStream(archive), new TestTaskContext());

        assertThat(copy.resolve("docs/readme.txt")).hasContent("read me");
        assertThat(copy.resolve("docs/deep/nested/file.md")).hasContent("nested");
        assertThat(copy.resolve(longName)).hasContent("long");
        assertThat(copy.resolve("notes.txt")).hasContent("notes");
        assertThat(copy.resolve("top.md")).doesNotExist();
        assertThat(copy.resolve("docs/cache")).doesNotExist();
        assertThat(copy.resolve("docs/debug.log")).doesNotExist();
        assertThat(Files.isSymbolicLink(copy.resolve("link"))).isTrue();
        assertThat(Files.readSymbolicLink(copy.resolve("link"))).isEqualTo(Path.of("docs/readme.txt"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.resolve("script.sh"))))
                .isEqualTo("rwxr-x---");
        assertThat(Files.getLastModifiedTime(copy.resolve("script.sh"))).isEqualTo(SCRIPT_TIME);
    }

    @Test
    void restoreReplacesTheContentAndRemovesWhatTheArchiveDoesNotHold() throws IOException {
        Path directory = temp.resolve("data");
        write(directory, "a.txt", "original");
        write(directory, "sub/b.txt", "bee");
        Endpoint endpoint = endpoint(directory, Map.of());
        byte[] archive = backup(endpoint);
        write(directory, "a.txt", "overwritten");
        Files.delete(directory.resolve("sub/b.txt"));
        write(directory, "extra.txt", "extra");
        write(directory, "sub/extra/c.txt", "sea");
        TestTaskContext context = new TestTaskContext();

        plugin.restore(endpoint, new ByteArrayInputStream(archive), context);

        assertThat(relativeTree(directory)).containsExactlyInAnyOrder("a.txt", "sub", "sub/b.txt");
        assertThat(directory.resolve("a.txt")).hasContent("original");
        assertThat(directory.resolve("sub/b.txt")).hasContent("bee");
        assertThat(context.logText()).contains("removed 3 path(s)");
    }

    @Test
    void restoreKeepsWhatBackupsLeaveOut() throws IOException {
        Path directory = temp.resolve("data");
        write(directory, "kept.txt", "kept");
        Endpoint endpoint = endpoint(directory, Map.of("exclude", List.of("*.local")));
        byte[] archive = backup(endpoint);
        write(directory, "settings.local", "machine specific");
        write(directory, "stray.txt", "stray");

        plugin.restore(endpoint, new ByteArrayInputStream(archive), new TestTaskContext());

        assertThat(relativeTree(directory)).containsExactlyInAnyOrder("kept.txt", "settings.local");
    }

    @Test
    void restoresNumericOwnersWhenRunningAsRoot() throws IOException {
        assumeTrue(new UnixSystem().getUid() == 0, "only root can give files away");
        Path directory = temp.resolve("data");
        Path owned = write(directory, "owned.txt", "owned");
        Files.setAttribute(owned, "unix:uid", 65534);
        Files.setAttribute(owned, "unix:gid", 65534);
        Endpoint endpoint = endpoint(directory, Map.of());
        byte[] archive = backup(endpoint);
        Files.setAttribute(owned, "unix:uid", 0);
        Files.setAttribute(owned, "unix:gid", 0);

        plugin.restore(endpoint, new ByteArrayInputStream(archive), new TestTaskContext());

        assertThat(Files.getAttribute(owned, "unix:uid")).isEqualTo(65534);
        assertThat(Files.getAttribute(owned, "unix:gid")).isEqualTo(65534);
    }

    @Test
    void refusesEntriesThatWouldLandOutsideTheDirectory() throws IOException {
        Path directory = temp.resolve("data");
        Endpoint endpoint = endpoint(directory, Map.of());

        for (String name : List.of("../escaped.txt", "a/../../escaped.txt", "/tmp/cairn-escaped.txt")) {
            byte[] archive = tar(file(name, "evil"));
            assertThatThrownBy(() -> plugin.restore(endpoint, new ByteArrayInputStream(archive), new TestTaskContext()))
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining("'" + name + "'");
        }
        assertThat(temp.resolve("escaped.txt")).doesNotExist();
        assertThat(Path.of("/tmp/cairn-escaped.txt")).doesNotExist();
    }

    @Test
    void refusesEntriesWrittenThroughASymbolicLink() throws IOException {
        Path directory = temp.resolve("data");
        Path outside = Files.createDirectories(temp.resolve("outside"));
        TarArchiveEntry link = new TarArchiveEntry("link", TarConstants.LF_SYMLINK);
        link.setLinkName(outside.toString());
        byte[] archive = tar(link, file("link/escaped.txt", "evil"));

        assertThatThrownBy(() -> plugin.restore(endpoint(directory, Map.of()), new ByteArrayInputStream(archive),
                new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("'link/escaped.txt'")
                .hasMessageContaining("symbolic link");
        assertThat(outside.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void aRestoreIsStagedBesideTheDirectoryAndAFailureBeforeTheEndLeavesItAsItWas() throws IOException {
        Path directory = temp.resolve("data");
        write(directory, "a.txt", "original");
        write(directory, "sub/b.txt", "bee");
        Endpoint endpoint = endpoint(directory, Map.of());
        assertThat(plugin.restoreMode(endpoint)).isEqualTo(RestoreMode.STAGED_SWAP);
        byte[] archive = backup(endpoint);
        write(directory, "a.txt", "changed since");
        write(directory, "new.txt", "new");
        List<String> before = relativeTree(directory);
        InputStream failsAtTheEnd = new SequenceInputStream(new ByteArrayInputStream(archive), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("object X changed after it was checked: expected sha256 A, read B");
            }
        });
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> plugin.restore(endpoint, failsAtTheEnd, context))
                .isInstanceOf(IOException.class).hasMessageContaining("expected sha256 A, read B");

        assertThat(relativeTree(directory)).isEqualTo(before);
        assertThat(directory.resolve("a.txt")).hasContent("changed since");
        assertThat(relativeTree(temp)).as("no staged copy is left beside it").allMatch(p -> p.startsWith("data"));
        assertThat(context.logText()).contains("is as it was");
    }

    @Test
    void discardingAnUnfinishedRestoreRemovesTheStagedCopyAndPutsBackADirectoryMovedAway() throws IOException {
        Path directory = temp.resolve("data");
        Endpoint endpoint = endpoint(directory, Map.of());
        write(temp, ".data.cairn-restore/half.txt", "half written");
        write(temp, ".data.cairn-old/a.txt", "original");

        plugin.discardStagedRestore(endpoint, new TestTaskContext());

        assertThat(relativeTree(temp)).containsExactlyInAnyOrder("data", "data/a.txt");
        assertThat(directory.resolve("a.txt")).hasContent("original");
        plugin.discardStagedRestore(endpoint, new TestTaskContext());
        assertThat(relativeTree(temp)).containsExactlyInAnyOrder("data", "data/a.txt");
    }

    @Test
    void aStagedRestoreKeepsTheModeOfTheDirectoryAndWhatBackupsLeaveOut() throws IOException {
        Path directory = temp.resolve("data");
        write(directory, "kept.txt", "kept");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x---"));
        Endpoint endpoint = endpoint(directory, Map.of("exclude", List.of("cache")));
        byte[] archive = backup(endpoint);
        write(directory, "cache/deep/blob.bin", "cached");

        plugin.restore(endpoint, new ByteArrayInputStream(archive), new TestTaskContext());

        assertThat(relativeTree(temp)).containsExactlyInAnyOrder("data", "data/kept.txt", "data/cache",
                "data/cache/deep", "data/cache/deep/blob.bin");
        assertThat(directory.resolve("cache/deep/blob.bin")).hasContent("cached");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx--x---");
    }

    @Test
    void aMissingDirectoryFailsReadably() {
        Path missing = temp.resolve("missing");

        assertThatThrownBy(() -> backup(endpoint(missing, Map.of())))
                .isInstanceOf(PluginException.class)
                .hasMessage("directory " + missing + " does not exist");
    }

    private Endpoint endpoint(Path path, Map<String, Object> more) {
        Map<String, Object> values = new HashMap<>(more);
        values.put("path", path.toString());
        return new Endpoint(plugin.info(), values);
    }

    private byte[] backup(Endpoint endpoint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        plugin.backup(endpoint, out, new TestTaskContext());
        return out.toByteArray();
    }

    private static Path write(Path root, String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static List<String> names(byte[] archive) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static List<String> relativeTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> !path.equals(root)).map(path -> root.relativize(path).toString()).toList();
        }
    }

    private record Member(TarArchiveEntry entry, byte[] content) {
    }

    private static Member file(String name, String content) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        entry.setSize(bytes.length);
        return new Member(entry, bytes);
    }

    private static byte[] tar(TarArchiveEntry link, Member file) throws IOException {
        return tar(new Member(link, new byte[0]), file);
    }

    private static byte[] tar(Member... members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (Member member : members) {
                out.putArchiveEntry(member.entry());
                out.write(member.content());
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
