package dev.cairn.server.service;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.instances.Image;
import dev.cairn.core.instances.Images;
import dev.cairn.core.instances.Instance;
import dev.cairn.core.instances.Instances;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Images and instances as a person asks for them, the same for the API, the Draupnir facade and the
 * web UI: each checked against the principal and written to the audit log. Making or deleting
 * images and instances needs {@code manage-instances} in their team; an image of a whole
 * (unsanitised) archive also needs {@code download-full}, since it hands out the data as it is, and
 * an image of a sanitised variant {@code download-sanitised}.
 * Another team's image or instance is answered as not found.
 */
public final class InstanceActions {
    private final Cairn cairn;
    private final Access access;
    private final Audited audited;
    private final Images images;
    private final Instances instances;

    public InstanceActions(Cairn cairn) {
        this.cairn = cairn;
        this.access = cairn.access();
        this.audited = new Audited(access);
        this.images = cairn.instances().images();
        this.instances = cairn.instances().instances();
    }

    /**
     * Where an image is made from: an archive, or the latest good full archive of a target, or with
     * {@code variant} the latest good variant of that name of the target.
     */
    public record Source(UUID archive, UUID target, String variant) {
        public Source(UUID archive, UUID target) {
            this(archive, target, null);
        }

        public Source {
            variant = variant == null || variant.isBlank() ? null : variant.strip();
            if ((archive == null) == (target == null)) {
                throw new CairnException.InvalidInput("give either archive or target, the archive uuid or the target "
                        + "whose latest archive to use", archive == null ? List.of("archive") : List.of());
            }
        }
    }

    /** The archive {@code source} names, visible to {@code p}. */
    public Archive archive(Principal p, Source source) {
        if (source.archive() != null) {
            return access.archive(p, source.archive(), Permission.VIEW);
        }
        Target target = access.target(p, source.target(), Permission.VIEW);
        if (source.variant() != null) {
            return cairn.catalog().archives().latestVariant(target.uuid(), source.variant(), null, cairn.clock().instant())
                    .orElseThrow(() -> new CairnException.Conflict("target " + target.name() + " has no good variant '"
                            + source.variant() + "' to make an image of; name it in a job's variants first"));
        }
        return cairn.catalog().archives().list(new ArchiveFilter(target.uuid(), null, null, null, false)).stream()
                .filter(a -> !a.isVariant() && a.status() == Archive.Status.VALID).findFirst()
                .orElseThrow(() -> new CairnException.Conflict("target " + target.name() + " has no good archive to make an "
                        + "image of; run one of its jobs first"));
    }

    /** Queues an image of {@code source} named {@code name} ("" for a default), anonymised by {@code script}. */
    public Images.Requested createImage(Principal p, Source source, String name, String script) {
        return createImage(p, source, name, script, false);
    }

    /** As {@link #createImage(Principal, Source, String, String)}; with {@code rules}, sanitised as it is built. */
    public Images.Requested createImage(Principal p, Source source, String name, String script, boolean rules) {
        Archive archive = archive(p, source);
        Images.Requested[] made = new Images.Requested[1];
        audited.run(p, "image.create", AuditObject.of(archive), () -> {
            p.require(Permission.MANAGE_INSTANCES, archive.team(), "archive", archive.uuid());
            // a variant, or an image with the rules applied, hands out sanitised data only; else the data as it is
            p.require(archive.isVariant() || rules ? Permission.DOWNLOAD_SANITISED : Permission.DOWNLOAD_FULL, archive.team(),
                    "archive", archive.uuid());
            made[0] = images.request(archive, name, script, rules, p.user().uuid(), p.name());
            return made[0].task();
        });
        return made[0];
    }

    /** The images {@code p} may see. */
    public List<Image> images(Principal p) {
        return images.list(p.scope());
    }

    /** Image {@code id}, when {@code p} may see it. */
    public Image image(Principal p, long id) {
        Image image = images.find(id).filter(i -> p.sees(i.team()))
                .orElseThrow(() -> new CairnException.NotFound("image", id));
        p.require(Permission.VIEW, image.team(), "image", id);
        return image;
    }

    /** Deletes image {@code id}; one with live instances only with {@code force}, which destroys them. */
    public void deleteImage(Principal p, long id, boolean force) {
        Image image = image(p, id);
        audited.run(p, "image.delete", object(image), () -> {
            p.require(Permission.MANAGE_INSTANCES, image.team(), "image", id);
            images.delete(id, force, instances);
        });
    }

    /** Makes an instance of image {@code imageId}, living {@code ttl} (null: the default). */
    public Instance createInstance(Principal p, long imageId, Duration ttl) {
        Image image = image(p, imageId);
        return audited.run(p, "instance.create", object(image), () -> {
            p.require(Permission.MANAGE_INSTANCES, image.team(), "image", imageId);
            return instances.create(image, p.user().uuid(), p.name(), ttl);
        });
    }

    /** What an instance made from an archive or target got: the image being built for it, and the instance waiting. */
    public record Imported(Images.Requested image, Instance instance) {
    }

    /** Makes an image of {@code source} and an instance that starts once it is built (seed 003's import). */
    public Imported importInstance(Principal p, Source source, String name, String script, Duration ttl) {
        return importInstance(p, source, name, script, false, ttl);
    }

    /** As {@link #importInstance(Principal, Source, String, String, Duration)}; with {@code rules}, sanitised. */
    public Imported importInstance(Principal p, Source source, String name, String script, boolean rules, Duration ttl) {
        instances.ttl(ttl);
        Images.Requested image = createImage(p, source, name, script, rules);
        return new Imported(image, createInstance(p, image.image().id(), ttl));
    }

    /** The instances {@code p} may see. */
    public List<Instance> instances(Principal p) {
        return instances.list(p.scope());
    }

    /** Instance {@code id}, when {@code p} may see it. */
    public Instance instance(Principal p, long id) {
        Instance instance = instances.find(id).filter(i -> p.sees(i.team()))
                .orElseThrow(() -> new CairnException.NotFound("instance", id));
        p.require(Permission.VIEW, instance.team(), "instance", id);
        return instance;
    }

    /** Whether {@code p} made {@code instance}, and so may read its password. */
    public static boolean owner(Principal p, Instance instance) {
        return instance.owner() != null && instance.owner().equals(p.user().uuid());
    }

    /** Sets {@code id} to expire {@code ttl} from now. */
    public Instance extend(Principal p, long id, Duration ttl) {
        Instance instance = instance(p, id);
        return audited.run(p, "instance.extend", object(instance), () -> {
            p.require(Permission.MANAGE_INSTANCES, instance.team(), "instance", id);
            return instances.extend(instance, ttl);
        });
    }

    /** Puts {@code id} back to its image's state. */
    public Instance reset(Principal p, long id) {
        Instance instance = instance(p, id);
        return audited.run(p, "instance.reset", object(instance), () -> {
            p.require(Permission.MANAGE_INSTANCES, instance.team(), "instance", id);
            return instances.reset(instance);
        });
    }

    /** Stops and removes {@code id}. */
    public void deleteInstance(Principal p, long id) {
        Instance instance = instance(p, id);
        audited.run(p, "instance.delete", object(instance), () -> {
            p.require(Permission.MANAGE_INSTANCES, instance.team(), "instance", id);
            instances.delete(instance);
        });
    }

    /** Bytes {@code instance} wrote that it does not share with its image (-1: unknown). */
    public long ownBytes(Instance instance) {
        return instances.ownBytes(instance);
    }

    public static AuditObject object(Image image) {
        return new AuditObject("image", image.uuid(), "image " + image.id() + " " + image.name(), image.team());
    }

    public static AuditObject object(Instance instance) {
        return new AuditObject("instance", instance.uuid(), "instance " + instance.id() + " of image " + instance.image(),
                instance.team());
    }
}
