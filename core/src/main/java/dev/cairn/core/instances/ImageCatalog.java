package dev.cairn.core.instances;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.TeamScope;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The images table. */
public final class ImageCatalog {
    private static final RowMapper<Image> MAPPER = (rs, ctx) -> new Image(rs.getLong("id"), CatalogRows.uuid(rs, "uuid"),
            rs.getString("name"), CatalogRows.uuid(rs, "team_uuid"), CatalogRows.uuid(rs, "owner_uuid"),
            rs.getString("owner_name"), CatalogRows.uuid(rs, "archive_uuid"), CatalogRows.uuid(rs, "target_uuid"),
            rs.getString("plugin"), rs.getString("script"), CatalogRows.uuid(rs, "task_uuid"), rs.getString("server"),
            Image.State.fromWire(rs.getString("state")), rs.getString("error"), rs.getString("clone_backend"),
            rs.getLong("size_bytes"), databases(rs.getString("databases")), CatalogRows.instant(rs, "backed_up_at"),
            CatalogRows.instant(rs, "created_at"), CatalogRows.instant(rs, "updated_at"), rs.getInt("rules_version"));
    private final Jdbi jdbi;

    public ImageCatalog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static List<String> databases(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }

    /** Saves {@code image} (its id is ignored) under the next free id, and returns it as saved. */
    Image insert(Image i) {
        long id = CatalogRows.insertWithNextId(attempt -> jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO images (id, uuid, name, team_uuid, owner_uuid, owner_name, archive_uuid, target_uuid, "
                            + "plugin, script, task_uuid, server, state, backed_up_at, created_at, updated_at, rules_version) "
                            + "SELECT COALESCE(MAX(id), 0) + 1, :uuid, :name, :team, :owner, :ownerName, :archive, :target, "
                            + ":plugin, :script, :task, :server, :state, :backedUp, :now, :now, :rules FROM images")
                    .bind("uuid", i.uuid().toString()).bind("name", i.name()).bind("team", CatalogRows.text(i.team()))
                    .bind("owner", CatalogRows.text(i.owner())).bind("ownerName", i.ownerName())
                    .bind("archive", i.archive().toString()).bind("target", i.target().toString())
                    .bind("plugin", i.plugin()).bind("script", i.script()).bind("task", i.task().toString())
                    .bind("server", i.server()).bind("state", i.state().wire())
                    .bind("backedUp", i.backedUpAt().getEpochSecond()).bind("now", i.createdAt().getEpochSecond())
                    .bind("rules", i.rulesVersion())
                    .execute();
            return h.createQuery("SELECT id FROM images WHERE uuid = :uuid").bind("uuid", i.uuid().toString())
                    .mapTo(Long.class).one();
        }));
        return get(id);
    }

    public Optional<Image> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM images WHERE id = :id").bind("id", id).map(MAPPER).findOne());
    }

    public Image get(long id) {
        return find(id).orElseThrow(() -> new CairnException.NotFound("image", id));
    }

    public Optional<Image> byTask(UUID task) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM images WHERE task_uuid = :task")
                .bind("task", task.toString()).map(MAPPER).findOne());
    }

    /** The images of the teams in {@code scope}, newest first. */
    public List<Image> list(TeamScope scope) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM images WHERE 1 = 1" + scope.condition("team_uuid")
                + " ORDER BY id DESC").map(MAPPER).list());
    }

    /** The images whose files are (or are being made) on {@code server}. */
    List<Image> onServer(String server) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM images WHERE server = :server ORDER BY id")
                .bind("server", server).map(MAPPER).list());
    }

    /** Records that {@code server} builds image {@code id} with {@code backend}. */
    void building(long id, String server, String backend, Instant now) {
        update("UPDATE images SET server = :server, clone_backend = :backend, updated_at = :now WHERE id = :id",
                id, now, "server", server, "backend", backend);
    }

    void ready(long id, long size, List<String> databases, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE images SET state = 'ready', size_bytes = :size, databases = :databases, "
                        + "error = '', updated_at = :now WHERE id = :id")
                .bind("id", id).bind("size", size).bind("databases", String.join(",", databases))
                .bind("now", now.getEpochSecond()).execute());
    }

    /** Marks a building image failed with {@code error}; a ready one is left as it is. */
    boolean failed(long id, String error, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE images SET state = 'failed', error = :error, updated_at = :now "
                        + "WHERE id = :id AND state = 'building'")
                .bind("id", id).bind("error", error).bind("now", now.getEpochSecond()).execute()) == 1;
    }

    void delete(long id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM images WHERE id = :id").bind("id", id).execute());
    }

    private void update(String sql, long id, Instant now, String name1, Object value1, String name2, Object value2) {
        jdbi.useHandle(h -> h.createUpdate(sql).bind("id", id).bind("now", now.getEpochSecond())
                .bind(name1, value1).bind(name2, value2).execute());
    }
}
