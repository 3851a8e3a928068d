package dev.cairn.plugins.exec;

import dev.cairn.plugin.Plugin;
import dev.cairn.plugin.PluginSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds the external plugins in a directory: every executable file in it (not in sub-directories,
 * not hidden) is asked {@code PROGRAM info}, and becomes the plugin its reply describes.
 *
 * <p>The plugin's short name is the file name, lower-cased, without its extension, with characters
 * other than letters, digits, '-' and '_' turned into '-': {@code Redis-Plugin.sh} is
 * {@code redis-plugin}. A program that does not answer within {@link #INFO_TIMEOUT}, exits non-zero
 * or prints something else than the seed's info JSON is left out with a warning; so is a second
 * program with the same short name.
 */
public final class ExternalPluginSource implements PluginSource {
    static final Duration INFO_TIMEOUT = Duration.ofSeconds(10);

    private final Duration infoTimeout;

    /** Creates the source; {@link java.util.ServiceLoader} calls this. */
    public ExternalPluginSource() {
        this(INFO_TIMEOUT);
    }

    ExternalPluginSource(Duration infoTimeout) {
        this.infoTimeout = infoTimeout;
    }

    @Override
    public List<Plugin> plugins(Path directory, Consumer<String> warnings) {
        if (directory == null || !Files.exists(directory)) {
            return List.of();
        }
        if (!Files.isDirectory(directory)) {
            warnings.accept("plugins directory " + directory + " is not a directory; no external plugins loaded");
            return List.of();
        }
        List<Plugin> plugins = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path candidate : candidates(directory, warnings)) {
            if (!Files.isExecutable(candidate)) {
                warnings.accept("skipping " + candidate + ": not executable (chmod +x it to use it as a plugin)");
                continue;
            }
            Optional<String> name = shortName(candidate);
            if (name.isEmpty()) {
                warnings.accept("skipping " + candidate + ": its file name gives no plugin name (start it with a letter)");
                continue;
            }
            if (!names.add(name.get())) {
                warnings.accept("skipping " + candidate + ": another program in " + directory
                        + " is already plugin '" + name.get() + "'");
                continue;
            }
            try {
                plugins.add(ExternalPlugin.of(PluginProgram.describe(candidate, name.get(), infoTimeout)));
            } catch (RuntimeException e) {
                warnings.accept("skipping " + candidate + ": " + e.getMessage());
            }
        }
        return List.copyOf(plugins);
    }

    private static List<Path> candidates(Path directory, Consumer<String> warnings) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> !file.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            warnings.accept("cannot list plugins directory " + directory + ": " + e.getMessage());
            return List.of();
        }
    }

    /** The plugin name a program's file name gives, if it gives one. */
    static Optional<String> shortName(Path program) {
        String file = program.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String name = stem.replaceAll("[^a-z0-9_-]", "-");
        return name.matches("[a-z][a-z0-9_-]*") ? Optional.of(name) : Optional.empty();
    }
}
