package dev.cairn.core.notify;

import dev.cairn.core.CairnException;
import dev.cairn.core.keys.SecretBox;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The notification channels table; secret configuration fields are sealed as endpoint secrets are. */
public final class Channels {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private final Jdbi jdbi;
    private final SecretBox box;

    public Channels(Jdbi jdbi, SecretBox box) {
        this.jdbi = jdbi;
        this.box = box;
    }

    public List<Channel> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM notification_channels ORDER BY name")
                .map((rs, ctx) -> channel(rs)).list());
    }

    public Optional<Channel> find(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM notification_channels WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).map((rs, ctx) -> channel(rs)).findOne());
    }

    public Channel get(UUID uuid) {
        return find(uuid).orElseThrow(() -> new CairnException.NotFound("notification channel", uuid));
    }

    /** Saves a new channel; a name another channel has is a conflict. */
    public void insert(Channel c) {
        save(c, "INSERT INTO notification_channels (uuid, name, summary, kind, config, events, jobs, missed_after) "
                + "VALUES (:uuid, :name, :summary, :kind, :config, :events, :jobs, :missed)");
    }

    public void update(Channel c) {
        if (save(c, "UPDATE notification_channels SET name = :name, summary = :summary, kind = :kind, config = :config, "
                + "events = :events, jobs = :jobs, missed_after = :missed WHERE uuid = :uuid") == 0) {
            throw new CairnException.NotFound("notification channel", c.uuid());
        }
    }

    /** Deletes a channel, its alarms and its deliveries. */
    public void delete(UUID uuid) {
        jdbi.useTransaction(h -> {
            if (h.createUpdate("DELETE FROM notification_channels WHERE uuid = :uuid").bind("uuid", uuid.toString()).execute() == 0) {
                throw new CairnException.NotFound("notification channel", uuid);
            }
            h.createUpdate("DELETE FROM notification_alarms WHERE channel_uuid = :uuid").bind("uuid", uuid.toString()).execute();
            h.createUpdate("DELETE FROM notification_deliveries WHERE channel_uuid = :uuid").bind("uuid", uuid.toString()).execute();
        });
    }

    private int save(Channel c, String sql) {
        return jdbi.inTransaction(h -> {
            refuseTakenName(h, c);
            try {
                return bind(h.createUpdate(sql), c).execute();
            } catch (RuntimeException e) {
                if (String.valueOf(e.getMessage()).contains("notification_channels")) {
                    throw new CairnException.Conflict("a notification channel named '" + c.name() + "' already exists");
                }
                throw e;
            }
        });
    }

    private static void refuseTakenName(Handle h, Channel c) {
        h.createQuery("SELECT uuid FROM notification_channels WHERE name = :name AND uuid <> :uuid")
                .bind("name", c.name()).bind("uuid", c.uuid().toString()).mapTo(String.class).findFirst()
                .ifPresent(existing -> {
                    throw new CairnException.Conflict("a notification channel named '" + c.name() + "' already exists ("
                            + existing + "); names are unique per kind");
                });
    }

    private Update bind(Update update, Channel c) {
        Map<String, Object> sealed = new LinkedHashMap<>(c.config());
        sealed.replaceAll((field, value) -> c.kind().secret(field) && value != null && !value.toString().isEmpty()
                ? box.seal(value.toString()) : value);
        return update.bind("uuid", c.uuid().toString()).bind("name", c.name()).bind("summary", c.summary())
                .bind("kind", c.kind().wire()).bind("config", JSON.writeValueAsString(sealed))
                .bind("events", c.events().stream().sorted().map(Event::wire).collect(Collectors.joining(",")))
                .bind("jobs", c.jobs().stream().map(UUID::toString).collect(Collectors.joining(",")))
                .bind("missed", c.missedAfter() == null ? null : c.missedAfter().toSeconds());
    }

    private Channel channel(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> config = JSON.readValue(rs.getString("config"), MAP);
        config.replaceAll((field, value) -> value instanceof String s && SecretBox.isSealed(s) ? box.open(s) : value);
        Set<Event> events = EnumSet.noneOf(Event.class);
        Arrays.stream(rs.getString("events").split(",")).filter(s -> !s.isBlank()).map(Event::parse).forEach(events::add);
        List<UUID> jobs = Arrays.stream(rs.getString("jobs").split(",")).filter(s -> !s.isBlank()).map(UUID::fromString).toList();
        long seconds = rs.getLong("missed_after");
        Duration missed = rs.wasNull() ? null : Duration.ofSeconds(seconds);
        return new Channel(UUID.fromString(rs.getString("uuid")), rs.getString("name"), rs.getString("summary"),
                ChannelKind.parse(rs.getString("kind")), config, events, jobs, missed);
    }
}
