package dev.cairn.core.stores;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Usage;
import dev.cairn.core.pipeline.Manifest;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.StorePlugin;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rebuilds the archive records of a lost catalog from the manifests a store keeps beside its
 * objects, so that every archive in the store can be listed and restored again.
 *
 * <p>The operator creates the store anew (same plugin and endpoint) and asks for a recovery. Each
 * manifest whose object is still in the store and whose archive the catalog does not know becomes
 * an archive row again. Its target is the catalog's target of the same uuid, else of the same name
 * and plugin, else a new target of that name and plugin with an empty endpoint, which the operator
 * fills in (or restores with {@code --to} into another target) — a manifest never holds endpoints
 * or secrets.
 */
public final class CatalogRecovery {
    private static final int MAX_MANIFEST_BYTES = 1024 * 1024;
    private final Repositories catalog;
    private final PluginRegistry plugins;

    public CatalogRecovery(Repositories catalog, PluginRegistry plugins) {
        this.catalog = catalog;
        this.plugins = plugins;
    }

    /**
     * What a recovery found: archives recorded again, manifests skipped because the catalog
     * already had them, manifests whose object is gone, manifests that could not be read (with
     * why), and the targets it had to create.
     */
    public record Outcome(List<UUID> recovered, int known, List<String> missingObjects, List<String> unreadable,
                          List<String> createdTargets) {
    }

    /** Reads every manifest in store {@code storeUuid} and records the archives the catalog lacks. */
    public Outcome recover(UUID storeUuid) {
        Store store = catalog.stores().get(storeUuid);
        Endpoint endpoint = plugins.endpoint(store.plugin(), store.endpoint());
        StorePlugin plugin = plugins.store(store.plugin());
        List<String> keys;
        try {
            keys = plugin.list(endpoint, "");
        } catch (IOException | RuntimeException e) {
            throw new CairnException.Failure("cannot list store " + store.name() + ": " + e.getMessage(), e);
        }
        List<UUID> recovered = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<String> created = new ArrayList<>();
        int known = 0;
        // Many archives share a target: look each one up (or create it) once per recovery.
        Map<String, Target> targets = new HashMap<>();
        for (String key : keys.stream().filter(k -> k.endsWith(Manifest.nameFor(""))).sorted().toList()) {
            Manifest manifest;
            try {
                manifest = read(plugin, endpoint, key);
            } catch (IOException | RuntimeException e) {
                unreadable.add(key + ": " + e.getMessage());
                continue;
            }
            UUID archiveUuid = UUID.fromString(manifest.archiveUuid());
            if (catalog.archives().find(archiveUuid).isPresent()) {
                known++;
                continue;
            }
            String objectKey = manifest.objectKey();
            try {
                if (!plugin.exists(endpoint, objectKey)) {
                    missing.add(objectKey);
                    continue;
                }
            } catch (IOException | RuntimeException e) {
                unreadable.add(key + ": cannot check its object " + objectKey + ": " + e.getMessage());
                continue;
            }
            Target target = targets.computeIfAbsent(manifest.targetPlugin() + "/" + manifest.targetUuid() + "/"
                    + manifest.targetName(), unused -> targetFor(manifest, store, created));
            UUID job = manifest.jobUuid() == null ? null : UUID.fromString(manifest.jobUuid());
            if (job != null && catalog.jobs().find(job).isEmpty()) {
                job = null;
            }
            catalog.archives().insert(new Archive(archiveUuid, target.uuid(), manifest.targetPlugin(), store.uuid(), job,
                    objectKey, key, manifest.takenAt(), manifest.expiresAt(),
                    "recovered from store " + store.name() + " manifest", Archive.Status.VALID, manifest.rawSize(),
                    manifest.storedSize(), manifest.sha256(), manifest.compression(), manifest.encryption(), null,
                    manifest.describesVariant() ? manifest.variant() : "",
                    manifest.sourceArchive() == null ? null : UUID.fromString(manifest.sourceArchive()),
                    manifest.rulesVersion() == null ? 0 : manifest.rulesVersion()));
            recovered.add(archiveUuid);
        }
        return new Outcome(recovered, known, missing, unreadable, created);
    }

    private static Manifest read(StorePlugin plugin, Endpoint endpoint, String key) throws IOException {
        try (InputStream in = plugin.retrieve(endpoint, key)) {
            byte[] json = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (json.length > MAX_MANIFEST_BYTES) {
                throw new IOException("larger than " + MAX_MANIFEST_BYTES + " bytes; not a Cairn manifest");
            }
            Manifest manifest = Manifest.fromJson(json);
            if (manifest.archiveUuid() == null || manifest.objectKey() == null || manifest.sha256() == null
                    || manifest.targetPlugin() == null || manifest.takenAt() == null || manifest.expiresAt() == null) {
                throw new IOException("not a Cairn manifest: archive_uuid, object_key, sha256, target_plugin, "
                        + "taken_at and expires_at are required");
            }
            return manifest;
        }
    }

    private Target targetFor(Manifest manifest, Store store, List<String> created) {
        UUID uuid = manifest.targetUuid() == null ? null : UUID.fromString(manifest.targetUuid());
        if (uuid != null) {
            var same = catalog.targets().find(uuid);
            if (same.isPresent()) {
                return same.get();
            }
        }
        var byName = catalog.targets().list(manifest.targetPlugin(), Usage.ANY).stream()
                .filter(t -> t.name().equals(manifest.targetName())).findFirst();
        if (byName.isPresent()) {
            return byName.get();
        }
        Target target = new Target(uuid == null ? UUID.randomUUID() : uuid, freeName(manifest.targetName()),
                "recovered from store " + store.name() + "; set its endpoint before restoring into it",
                manifest.targetPlugin(), Map.of(), "");
        catalog.targets().insert(target);
        created.add(target.name());
        return target;
    }

    /** {@code name}, or {@code name (2)}, {@code (3)}, … when a target of another plugin has it: names are unique. */
    private String freeName(String name) {
        var names = catalog.targets().list(null, Usage.ANY).stream().map(Target::name).collect(java.util.stream.Collectors.toSet());
        String free = name;
        for (int n = 2; names.contains(free); n++) {
            free = name + " (" + n + ")";
        }
        return free;
    }
}
