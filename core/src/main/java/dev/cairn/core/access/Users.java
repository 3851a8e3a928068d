package dev.cairn.core.access;

import dev.cairn.core.CairnException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The users table. User names are unique and safe in a URL, a Basic credential and a log line. */
public final class Users {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}");
    static final RowMapper<User> MAPPER = (rs, ctx) -> new User(UUID.fromString(rs.getString("uuid")),
            rs.getString("name"), rs.getString("display_name"), rs.getString("password_hash"), rs.getBoolean("admin"),
            rs.getString("source"), instant(rs, "created_at"));
    private final Jdbi jdbi;

    public Users(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Refuses a user name that is empty, too long, or holds anything but letters, digits and {@code . _ @ + -}. */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new CairnException.InvalidInput("user name must be 1 to 64 letters, digits or . _ @ + - "
                    + "(starting with a letter or digit), got '" + dev.cairn.core.catalog.Names.printable(String.valueOf(name)) + "'");
        }
    }

    public List<User> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users ORDER BY name").map(MAPPER).list());
    }

    public Optional<User> find(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).map(MAPPER).findOne());
    }

    public Optional<User> findByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE name = :name")
                .bind("name", name).map(MAPPER).findOne());
    }

    public User get(UUID uuid) {
        return find(uuid).orElseThrow(() -> new CairnException.NotFound("user", uuid));
    }

    /** Saves a new user; a name another user has is a conflict. */
    public void insert(User u) {
        checkName(u.name());
        dev.cairn.core.catalog.Names.checkName("display_name", u.displayName());
        Unique.saving("user", u.name(), () -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (uuid, name, "
                        + "display_name, password_hash, admin, source, created_at) VALUES (:uuid, :name, :display, :hash, "
                        + ":admin, :source, :created)")
                .bind("uuid", u.uuid().toString()).bind("name", u.name()).bind("display", u.displayName())
                .bind("hash", u.passwordHash()).bind("admin", u.admin()).bind("source", u.source())
                .bind("created", u.createdAt().getEpochSecond()).execute()));
    }

    /** Saves a user's display name, password hash and admin flag (the name and uuid stay). */
    public void update(User u) {
        dev.cairn.core.catalog.Names.checkName("display_name", u.displayName());
        int rows = jdbi.withHandle(h -> h.createUpdate("UPDATE users SET display_name = :display, "
                        + "password_hash = :hash, admin = :admin, source = :source WHERE uuid = :uuid")
                .bind("uuid", u.uuid().toString()).bind("display", u.displayName()).bind("hash", u.passwordHash())
                .bind("admin", u.admin()).bind("source", u.source()).execute());
        if (rows == 0) {
            throw new CairnException.NotFound("user", u.uuid());
        }
    }

    /** Deletes a user with their tokens, sessions and memberships; the last admin stays (a conflict). */
    public void delete(UUID uuid) {
        jdbi.useTransaction(h -> {
            User user = h.createQuery("SELECT * FROM users WHERE uuid = :uuid").bind("uuid", uuid.toString())
                    .map(MAPPER).findOne().orElseThrow(() -> new CairnException.NotFound("user", uuid));
            long admins = h.createQuery("SELECT count(*) FROM users WHERE admin").mapTo(Long.class).one();
            if (user.admin() && admins <= 1) {
                throw new CairnException.Conflict("user '" + user.name() + "' is the last admin; make another admin first");
            }
            h.createUpdate("DELETE FROM users WHERE uuid = :uuid").bind("uuid", uuid.toString()).execute();
        });
    }

    /** How many admins there are. */
    public long admins() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE admin").mapTo(Long.class).one());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochSecond(rs.getLong(column));
    }
}
