package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;
import static dev.cairn.cli.Fields.time;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Commands on archives: the backups jobs have taken, kept in a store until they expire. */
final class ArchiveCommands {

    private ArchiveCommands() {
    }

    @Command(name = "archives", aliases = "archive", description = "List archives, newest first as the server orders them.")
    static final class ListArchives extends ApiCommand {

        @Option(names = "--target", paramLabel = "TARGET", description = "Only archives of this target.")
        String target;

        @Option(names = "--store", paramLabel = "STORE", description = "Only archives kept in this store.")
        String store;

        @Option(names = "--job", paramLabel = "JOB", description = "Only archives this job took.")
        String job;

        @Option(names = "--limit", paramLabel = "N", description = "At most N archives, the newest.")
        Integer limit;

        @Option(names = "--after", paramLabel = "YYYYMMDD", converter = Converters.Day.class,
                description = "Only archives taken after this day.")
        String after;

        @Option(names = "--before", paramLabel = "YYYYMMDD", converter = Converters.Day.class,
                description = "Only archives taken before this day.")
        String before;

        @Override
        public Integer call() {
            return list(Kind.ARCHIVE, Kind.ARCHIVE.listPath()
                    .with("target", uuidOf(Kind.TARGET, target))
                    .with("store", uuidOf(Kind.STORE, store))
                    .with("job", uuidOf(Kind.JOB, job))
                    .with("after", after)
                    .with("before", before)
                    .with("limit", limit == null ? null : String.valueOf(limit)), ArchiveCommands::table);
        }
    }

    @Command(name = "archive", aliases = "archives", description = "Show an archive.")
    static final class ShowArchive extends ApiCommand {

        @Parameters(paramLabel = "ARCHIVE", description = "The archive's uuid, a unique prefix of it, or 'latest'.")
        String archive;

        @Override
        public Integer call() {
            return show(Kind.ARCHIVE, archive, ArchiveCommands::details);
        }
    }

    @Command(name = "archive", aliases = "archives", description = "Change an archive's notes.")
    static final class EditArchive extends ApiCommand {

        @Parameters(paramLabel = "ARCHIVE", description = "The archive's uuid, a unique prefix of it, or 'latest'.")
        String archive;

        @Option(names = "--notes", required = true, paramLabel = "TEXT",
                description = "Why this archive matters, e.g. 'before change #422'.")
        String notes;

        @Override
        public Integer call() {
            return update(Kind.ARCHIVE, resolve(Kind.ARCHIVE, archive), body().put("notes", notes));
        }
    }

    @Command(name = "archive", aliases = "archives", description = "Delete an archive now, before it expires.")
    static final class DeleteArchive extends ApiCommand {

        @Parameters(paramLabel = "ARCHIVE", description = "The archive's uuid, a unique prefix of it, or 'latest'.")
        String archive;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation at a terminal.")
        boolean yes;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.ARCHIVE, archive);
            confirm(yes, "Delete archive " + item.uuid() + " now? Its stored object is removed from its store for good.");
            return delete(Kind.ARCHIVE, item.uuid());
        }
    }

    @Command(name = "archive", aliases = "archives",
            description = "Restore an archive into the target it was taken from, or into another target of the same plugin.")
    static final class RestoreArchive extends ApiCommand {

        @Parameters(paramLabel = "ARCHIVE", description = "The archive's uuid, a unique prefix of it, or 'latest'.")
        String archive;

        @Option(names = "--to", paramLabel = "TARGET", description = "Restore into this target instead.")
        String target;

        @Option(names = "--target", paramLabel = "TARGET",
                description = "With 'latest': the newest valid archive of this target.")
        String source;

        @Option(names = "--owner", paramLabel = "OWNER", description = "Who asks for the restore (default: anon).")
        String owner;

        @Option(names = "--wait", description = "Follow the restore, printing its log; exit 0 only if it succeeds.")
        boolean waitForTask;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation at a terminal.")
        boolean yes;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.ARCHIVE, archive,
                    Kind.ARCHIVE.listPath().with("target", uuidOf(Kind.TARGET, source)));
            confirm(yes, "Restore archive " + item.uuid() + " into "
                    + (target == null ? "the target it was taken from" : "target " + target)
                    + "? The target's current data is replaced.");
            ObjectNode body = body();
            Fields.putIfGiven(body, "target", uuidOf(Kind.TARGET, target));
            Fields.putIfGiven(body, "owner", owner);
            JsonNode reply = api().post(Kind.ARCHIVE.itemPath(item.uuid()) + "/restore", body);
            String into = target == null ? "" : " into target " + target;
            return scheduled(reply, "a restore of archive " + item.uuid() + into, waitForTask);
        }
    }

    @Command(name = "archive", aliases = "archives",
            description = "Verify an archive: read it back from its store, check its SHA-256, decrypt and "
                    + "decompress it to the end, without restoring it.")
    static final class VerifyArchive extends ApiCommand {

        @Parameters(paramLabel = "ARCHIVE", description = "The archive's uuid, a unique prefix of it, or 'latest'.")
        String archive;

        @Option(names = "--owner", paramLabel = "OWNER", description = "Who asks for the verify (default: anon).")
        String owner;

        @Option(names = "--wait", description = "Follow the verify, printing its log; exit 0 only if it succeeds.")
        boolean waitForTask;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.ARCHIVE, archive);
            ObjectNode body = body();
            Fields.putIfGiven(body, "owner", owner);
            JsonNode reply = api().post(Kind.ARCHIVE.itemPath(item.uuid()) + "/verify", body);
            return scheduled(reply, "a verify of archive " + item.uuid(), waitForTask);
        }
    }

    static Table table(List<JsonNode> archives) {
        Table table = Table.withColumns("UUID", "TAKEN AT", "EXPIRES AT", "JOB", "TARGET", "STORE", "STATUS", "SIZE", "NOTES");
        archives.forEach(archive -> table.row(text(archive, "uuid"), time(archive, "taken_at"),
                time(archive, "expires_at"), text(archive, "job_name"), text(archive, "target_name"),
                text(archive, "store_name"), text(archive, "status"), Fields.size(archive, "size"), text(archive, "notes")));
        return table;
    }

    static Details details(JsonNode archive) {
        Details details = new Details()
                .field("UUID", text(archive, "uuid"))
                .field("Status", text(archive, "status"));
        if (text(archive, "damage") != null) {
            details.field("Damage", text(archive, "damage") + " (restores refuse it until a verify succeeds)");
        }
        return details
                .field("Taken at", time(archive, "taken_at"))
                .field("Expires at", time(archive, "expires_at"))
                .field("Target", withPlugin(Fields.nameAndUuid(archive, "target_name", "target_uuid"),
                        text(archive, "target_plugin")))
                .field("Store", withPlugin(Fields.nameAndUuid(archive, "store_name", "store_uuid"),
                        text(archive, "store_plugin")))
                .field("Job", Fields.nameAndUuid(archive, "job_name", "job_uuid"))
                .field("Store key", text(archive, "store_key"))
                .field("Size", Fields.size(archive, "size"))
                .field("Stored size", Fields.size(archive, "stored_size"))
                .field("SHA-256", text(archive, "sha256"))
                .field("Compression", text(archive, "compression"))
                .field("Encryption", text(archive, "encryption"))
                .field("Notes", text(archive, "notes"));
    }

    private static String withPlugin(String item, String plugin) {
        return item == null || plugin == null ? item : item + ", plugin " + plugin;
    }
}
