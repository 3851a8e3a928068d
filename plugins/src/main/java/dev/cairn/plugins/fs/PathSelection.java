package dev.cairn.plugins.fs;

import dev.cairn.plugin.PluginException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Which paths under a target directory a backup takes, from the endpoint's include and exclude
 * globs; paths are relative to the directory.
 *
 * <p>A pattern without '/' matches a name at any depth ({@code *.log}); one with '/' matches the
 * whole relative path ({@code logs/*.gz}), where {@code *} stays within a name and {@code **}
 * crosses directories. A directory that matches takes its whole subtree with it. Exclusion wins
 * over inclusion; no include pattern means everything.
 */
final class PathSelection {
    private final List<Glob> includes;
    private final List<Glob> excludes;
    private final String description;

    private PathSelection(List<Glob> includes, List<Glob> excludes, String description) {
        this.includes = includes;
        this.excludes = excludes;
        this.description = description;
    }

    static PathSelection of(List<String> include, List<String> exclude) {
        String description = (include.isEmpty() ? "" : "include " + include) + (include.isEmpty() || exclude.isEmpty() ? "" : ", ")
                + (exclude.isEmpty() ? "" : "exclude " + exclude);
        return new PathSelection(include.stream().map(p -> Glob.of("include", p)).toList(),
                exclude.stream().map(p -> Glob.of("exclude", p)).toList(), description);
    }

    /** Whether any include or exclude pattern narrows the backup down. */
    boolean narrowed() {
        return !includes.isEmpty() || !excludes.isEmpty();
    }

    /** The patterns as the endpoint gives them, such as {@code include [*.log], exclude [tmp]}; empty when none. */
    @Override
    public String toString() {
        return description;
    }

    /** Whether {@code relative}, or a directory above it, matches an exclude pattern. */
    boolean excludes(Path relative) {
        return matchesWithParents(excludes, relative);
    }

    /** Whether a backup takes {@code relative}: it is not excluded, and it or a directory above it is included. */
    boolean selects(Path relative) {
        return !excludes(relative) && (includes.isEmpty() || matchesWithParents(includes, relative));
    }

    private static boolean matchesWithParents(List<Glob> globs, Path relative) {
        for (Path path = relative; path != null; path = path.getParent()) {
            for (Glob glob : globs) {
                if (glob.matches(path)) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Glob(PathMatcher matcher, boolean anchored) {
        static Glob of(String field, String pattern) {
            String trimmed = pattern.trim();
            while (trimmed.startsWith("./")) {
                trimmed = trimmed.substring(2);
            }
            trimmed = trimmed.replaceAll("^/+|/+$", "");
            if (trimmed.isEmpty()) {
                throw new PluginException("fs endpoint field '" + field + "' has an empty pattern: '" + pattern + "'");
            }
            try {
                return new Glob(FileSystems.getDefault().getPathMatcher("glob:" + trimmed), trimmed.contains("/"));
            } catch (PatternSyntaxException e) {
                throw new PluginException("fs endpoint field '" + field + "': pattern '" + pattern + "' is not a valid glob: "
                        + e.getDescription());
            }
        }

        boolean matches(Path relative) {
            return matcher.matches(anchored ? relative : relative.getFileName());
        }
    }
}
