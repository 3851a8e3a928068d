package dev.cairn.core.instances.clone;

import dev.cairn.core.CairnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images are plain directories and a clone is {@code cp -a --reflink=always} of one (FICLONE):
 * each file's blocks are shared until written, on btrfs and on XFS made with {@code reflink=1}. The
 * copy still walks every file, so it takes time in the number of files, not in their size. Sealing
 * sets the immutable attribute where that is allowed.
 */
final class ReflinkCopy implements CloneBackend {
    private static final Logger LOG = LoggerFactory.getLogger(ReflinkCopy.class);
    /** filefrag's files per run, well within any command-line limit. */
    private static final int FILES_PER_RUN = 200;
    private static final Pattern BLOCK_SIZE = Pattern.compile("blocks? of (\\d+) bytes");
    private static final Pattern EXTENT = Pattern.compile("^\\s*\\d+:\\s*\\d+\\.\\.\\s*\\d+:\\s*\\d+\\.\\.\\s*\\d+:\\s*(\\d+):.*$");

    @Override
    public String name() {
        return "reflink";
    }

    @Override
    public boolean copyOnWrite() {
        return true;
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
        Trees.copy(image, clone, "--reflink=always");
    }

    @Override
    public void delete(Path directory) {
        Trees.delete(directory);
    }

    /**
     * The extents of the clone's files that filefrag does not flag {@code shared}. On btrfs the
     * exact figure comes from {@code btrfs filesystem du}.
     */
    @Override
    public long exclusiveBytes(Path clone) {
        Command.Result btrfs = Command.attempt(List.of("btrfs", "filesystem", "du", "-s", "--raw", clone.toString()));
        if (btrfs.exit() == 0) {
            String[] columns = btrfs.output().lines().filter(line -> !line.isBlank()).toList().getLast().trim().split("\\s+");
            return Long.parseLong(columns[1]);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(clone)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new CairnException("cannot list the files of " + clone + ": " + e.getMessage(), e);
        }
        long exclusive = 0;
        for (int start = 0; start < files.size(); start += FILES_PER_RUN) {
            List<String> command = new ArrayList<>(List.of("filefrag", "-v"));
            files.subList(start, Math.min(files.size(), start + FILES_PER_RUN)).forEach(file -> command.add(file.toString()));
            exclusive += unsharedBytes(Command.run(command));
        }
        return exclusive;
    }

    /** Sums the extents without the {@code shared} flag in filefrag -v output (one or more files). */
    static long unsharedBytes(String filefrag) {
        long total = 0;
        long blockSize = 4096;
        for (String line : (Iterable<String>) filefrag.lines()::iterator) {
            Matcher size = BLOCK_SIZE.matcher(line);
            if (line.startsWith("File size of") && size.find()) {
                blockSize = Long.parseLong(size.group(1));
                continue;
            }
            Matcher extent = EXTENT.matcher(line);
            if (extent.matches() && !line.contains("shared")) {
                total += Long.parseLong(extent.group(1)) * blockSize;
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return name();
    }
}
