package dev.cairn.core.download;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.StoreHealth;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.pipeline.ArchivePipeline;
import dev.cairn.core.pipeline.StoredObject;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.core.stores.QuietContext;
import dev.cairn.plugin.DownloadFormat;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TargetPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives as decrypted streams a client pipes into {@code psql}: chooses the archive (one by uuid, or
 * a target's newest usable one), checks the principal may have it, and streams store → age → zstd →
 * (a plugin's conversion) → the client with its SHA-256 checked as the bytes pass. Every download is
 * one audit row with what was sent and whether it completed.
 *
 * <p>The stream holds back its last piece until the object's checksum has been read and matched, so a
 * damaged archive never reaches its client whole: the response is cut off instead.
 */
public final class Downloads {
    private static final Logger LOG = LoggerFactory.getLogger(Downloads.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);
    /**
     * The pieces the response is written in: large enough that a write to the socket is not paid
     * per 64 KiB (a 2 GB download is 4% faster than with 64 KiB pieces), small beside the 1 MiB the
     * stored object's read-ahead holds.
     */
    private static final int PIECE = 256 * 1024;
    private final Repositories catalog;
    private final PluginRegistry plugins;
    private final ArchivePipeline pipeline;
    private final Access access;
    private final Clock clock;

    public Downloads(Repositories catalog, PluginRegistry plugins, ArchivePipeline pipeline, Access access, Clock clock) {
        this.catalog = catalog;
        this.plugins = plugins;
        this.pipeline = pipeline;
        this.access = access;
        this.clock = clock;
    }

    /**
     * The newest usable full archive of target {@code uuid} (or the one {@code request} names), allowed
     * for {@code p}; with a {@code variant}, the newest usable variant of that name instead (or the one
     * made of the archive named).
     */
    public Download ofTarget(Principal p, UUID uuid, DownloadRequest request) {
        Target target = access.target(p, uuid, Permission.VIEW);
        Archive archive;
        if (request.variant() != null) {
            p.require(Permission.DOWNLOAD_SANITISED, target.team(), "target", target.name());
            archive = request.archive() != null ? variantOf(archiveOfTarget(p, target, request.archive()), request.variant())
                    : catalog.archives().latestVariant(target.uuid(), request.variant(), request.before(), clock.instant())
                    .orElseThrow(() -> new CairnException.NotFound("variant", "'" + request.variant() + "' of target "
                            + target.name() + (request.before() == null ? "" : " taken before " + request.before())
                            + ": none is valid and unexpired (name it in a job's variants, or POST "
                            + "/v1/archive/{uuid}/sanitise)"));
        } else if (request.archive() != null) {
            archive = archiveOfTarget(p, target, request.archive());
            requireFor(p, archive);
        } else {
            p.require(Permission.DOWNLOAD_FULL, target.team(), "target", target.name());
            archive = latest(target, request.before());
        }
        return prepare(archive, target, request);
    }

    /**
     * Archive {@code uuid}, allowed for {@code p}: a variant needs download-sanitised, a full archive
     * download-full; with a {@code variant}, the newest variant of that name made of it.
     */
    public Download ofArchive(Principal p, UUID uuid, DownloadRequest request) {
        Archive archive = access.archive(p, uuid, Permission.VIEW);
        if (request.variant() != null) {
            p.require(Permission.DOWNLOAD_SANITISED, archive.team(), "archive", archive.uuid());
            archive = variantOf(archive, request.variant());
        } else {
            requireFor(p, archive);
        }
        if (!archive.status().stored()) {
            throw new CairnException.Conflict("archive " + archive.uuid() + " was purged from its store; it cannot be downloaded");
        }
        return prepare(archive, catalog.targets().find(archive.target()).orElse(null), request);
    }

    /** A target's archive named by uuid: another target's archive is not found here. */
    private Archive archiveOfTarget(Principal p, Target target, UUID uuid) {
        Archive archive = access.archive(p, uuid, Permission.VIEW);
        if (!archive.target().equals(target.uuid()) || !archive.status().stored()) {
            throw new CairnException.NotFound("archive", uuid + " of target " + target.name());
        }
        return archive;
    }

    /** A variant needs download-sanitised; a full archive download-full. */
    private static void requireFor(Principal p, Archive archive) {
        p.require(archive.isVariant() ? Permission.DOWNLOAD_SANITISED : Permission.DOWNLOAD_FULL, archive.team(),
                "archive", archive.uuid());
    }

    /** {@code archive} when it is variant {@code variant}, else the newest valid variant of that name made of it. */
    private Archive variantOf(Archive archive, String variant) {
        if (archive.isVariant()) {
            if (!archive.variant().equals(variant)) {
                throw new CairnException.NotFound("variant", "'" + variant + "': archive " + archive.uuid()
                        + " is variant '" + archive.variant() + "'");
            }
            return archive;
        }
        return catalog.archives().variantsOf(archive.uuid()).stream()
                .filter(a -> a.variant().equals(variant) && a.status() == Archive.Status.VALID).findFirst()
                .orElseThrow(() -> new CairnException.NotFound("variant", "'" + variant + "' of archive " + archive.uuid()
                        + ": none is made of it yet (POST /v1/archive/" + archive.uuid() + "/sanitise makes one)"));
    }

    /**
     * The newest archive of {@code target} that is valid (not damaged, not purged) and not expired, taken
     * before {@code before} when given; of copies taken at the same time, one in a store whose last
     * self-test passed goes first.
     */
    private Archive latest(Target target, Instant before) {
        Instant now = clock.instant();
        Map<UUID, StoreHealth> health = catalog.stores().health();
        Comparator<Archive> newestHealthyFirst = Comparator.comparing(Archive::takenAt).reversed()
                .thenComparing(a -> !Boolean.TRUE.equals(health.getOrDefault(a.store(), StoreHealth.UNKNOWN).healthy()));
        return catalog.archives().list(new ArchiveFilter(target.uuid(), null, null, before, false)).stream()
                .filter(a -> !a.isVariant() && a.status() == Archive.Status.VALID && a.expiresAt().isAfter(now))
                .min(newestHealthyFirst)
                .orElseThrow(() -> new CairnException.NotFound("usable archive", "of target " + target.name()
                        + (before == null ? "" : " taken before " + before)
                        + ": none is valid and unexpired (run a backup first, or list its archives)"));
    }

    /** The formats archives of {@code target} download as: the plugin's own first, then what they can be turned into. */
    public List<DownloadFormat> formats(Target target) {
        TargetPlugin plugin = plugins.target(target.plugin());
        Endpoint endpoint;
        try {
            endpoint = plugins.endpoint(target.plugin(), target.endpoint());
        } catch (CairnException | PluginException e) {
            endpoint = new Endpoint(plugin.info(), Map.of());
        }
        DownloadFormat own = plugin.downloadFormat(endpoint);
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(own), plugin.conversions(endpoint).stream())
                .distinct().toList();
    }

    private Download prepare(Archive archive, Target target, DownloadRequest request) {
        Store store = catalog.stores().get(archive.store());
        TargetPlugin plugin = plugins.target(archive.plugin());
        Endpoint endpoint = endpointOf(target, archive);
        DownloadFormat own = plugin.downloadFormat(endpoint);
        DownloadFormat format = own;
        boolean converted = false;
        if (request.format() != null && !request.format().equals(own.name()) && !request.format().equals("raw")) {
            List<DownloadFormat> conversions = plugin.conversions(endpoint);
            format = conversions.stream().filter(f -> f.name().equals(request.format())).findFirst()
                    .orElseThrow(() -> new CairnException.NotAcceptable("archive " + archive.uuid() + " (" + archive.plugin()
                            + ") cannot be turned into format '" + request.format() + "'; it can be downloaded as "
                            + formats(own, conversions), formatNames(own, conversions)));
            converted = true;
        }
        String name = target == null ? "archive-" + archive.uuid().toString().substring(0, 8) : target.name();
        String fileName = safe(name) + "-" + FILE_TIME.format(archive.takenAt()) + "." + format.extension();
        long length = converted ? -1 : archive.rawSize();
        return new Download(archive, store, name, format, converted, request.clean(), fileName, length,
                "\"" + archive.sha256() + (converted ? "-" + format.name() + (request.clean() ? "-clean" : "") : "") + "\"",
                archive.takenAt());
    }

    private Endpoint endpointOf(Target target, Archive archive) {
        if (target != null && target.plugin().equals(archive.plugin())) {
            try {
                return plugins.endpoint(target.plugin(), target.endpoint());
            } catch (CairnException | PluginException e) {
                LOG.debug("target {}'s endpoint does not read: {}", target.name(), e.getMessage());
            }
        }
        return new Endpoint(plugins.target(archive.plugin()).info(), Map.of());
    }

    private static String formats(DownloadFormat own, List<DownloadFormat> conversions) {
        return String.join(", ", formatNames(own, conversions));
    }

    private static List<String> formatNames(DownloadFormat own, List<DownloadFormat> conversions) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(own), conversions.stream())
                .map(DownloadFormat::name).distinct().collect(Collectors.toList());
    }

    /** A file name part of letters, digits, dot, dash and underscore only (a header must not be forged by it). */
    private static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return cleaned.isEmpty() ? "archive" : cleaned;
    }

    /**
     * Streams {@code d} into {@code out}, skipping its first {@code from} bytes (a resumed download of
     * the unconverted stream), and writes its audit row. Returns the bytes sent; throws when the
     * archive proved damaged or could not be read — after all but the last piece, so the client can
     * never take it for complete.
     */
    public long send(Principal p, Download d, long from, OutputStream out) throws IOException {
        if (from > 0 && d.converted()) {
            throw new CairnException.InvalidInput("a converted download cannot be resumed from byte " + from
                    + "; download it again whole");
        }
        Store store = d.store();
        Endpoint storeEndpoint = plugins.endpoint(store.plugin(), store.endpoint());
        Archive a = d.archive();
        StoredObject object = new StoredObject(a.uuid(), a.storeKey(), a.manifestKey(), a.sha256(), a.rawSize());
        CountingOutputStream counted = new CountingOutputStream(out);
        String what = "format " + d.format().name() + (d.clean() ? " (clean)" : "") + (from > 0 ? ", from byte " + from : "");
        try (InputStream plain = pipeline.open(plugins.store(store.plugin()), storeEndpoint, object);
             QuietContext context = new QuietContext("download of archive " + a.uuid(), storeEndpoint.secrets())) {
            if (d.converted()) {
                TargetPlugin plugin = plugins.target(a.plugin());
                plugin.convert(endpointOf(catalog.targets().find(a.target()).orElse(null), a), d.format().name(),
                        d.clean(), plain, counted, context);
            } else {
                plain.skipNBytes(from);
                copyHoldingBackTheLastPiece(plain, counted);
            }
            counted.flush();
        } catch (IOException | RuntimeException e) {
            LOG.warn("download of archive {} (target {}) by {} was cut off after {} bytes: {}", a.uuid(), d.targetName(),
                    p.name(), counted.count(), e.getMessage());
            access.record(p, "download", AuditObject.of(a), AuditEntry.Outcome.FAILED, what + "; cut off after "
                    + counted.count() + " bytes: " + e.getMessage());
            throw e;
        }
        access.record(p, "download", AuditObject.of(a), AuditEntry.Outcome.OK, what + "; " + counted.count()
                + " bytes sent, complete");
        return counted.count();
    }

    /** Writes each piece only once the next read succeeded: the last waits for the end-of-stream check. */
    private static void copyHoldingBackTheLastPiece(InputStream in, OutputStream out) throws IOException {
        byte[] held = new byte[PIECE];
        byte[] next = new byte[PIECE];
        int heldLength = in.readNBytes(held, 0, PIECE);
        while (heldLength > 0) {
            int nextLength = in.readNBytes(next, 0, PIECE);
            out.write(held, 0, heldLength);
            byte[] swap = held;
            held = next;
            next = swap;
            heldLength = nextLength;
        }
        // readNBytes returned less than asked only at the end, after the checksum was read and matched
    }

    /** The target named {@code name} among those {@code p} sees (the short {@code /download/NAME} form). */
    public Optional<Target> targetNamed(Principal p, String name) {
        return catalog.targets().list(null, dev.cairn.core.catalog.Usage.ANY, p.scope()).stream()
                .filter(t -> t.name().equals(name)).findFirst();
    }
}
