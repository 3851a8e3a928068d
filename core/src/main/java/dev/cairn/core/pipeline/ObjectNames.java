package dev.cairn.core.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** How archives are named in a store: {@code <target>/<yyyy-mm-dd>/<archive uuid>.<plugin>.zst.age}. */
public final class ObjectNames {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private ObjectNames() {
    }

    public static String forArchive(String targetName, String plugin, UUID archive, Instant takenAt) {
        return slug(targetName) + "/" + DAY.format(takenAt) + "/" + archive + "." + plugin + ".zst.age";
    }

    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        return slug.isEmpty() ? "target" : slug;
    }
}
