package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import dev.cairn.core.schedule.Timespec;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The schedules table. */
public final class Schedules {
    private static final RowMapper<Schedule> MAPPER = (rs, ctx) -> new Schedule(Rows.uuid(rs, "uuid"),
            rs.getString("name"), rs.getString("summary"), Timespec.parse(rs.getString("timespec")),
            ZoneId.of(rs.getString("timezone")));
    private final Jdbi jdbi;

    public Schedules(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Schedule> list(Usage usage) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM schedules WHERE 1 = 1"
                + usage.condition("schedule_uuid") + " ORDER BY name").map(MAPPER).list());
    }

    public Optional<Schedule> find(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM schedules WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).map(MAPPER).findOne());
    }

    public Schedule get(UUID uuid) {
        return find(uuid).orElseThrow(() -> new CairnException.NotFound("schedule", uuid));
    }

    /** Saves a new schedule; a name another schedule has is a conflict. */
    public void insert(Schedule s) {
        jdbi.useTransaction(h -> Names.checkItem(h, "schedules", "schedule", s.uuid(), s.name(), s.summary()));
        Names.saving("schedules", "schedule", s.name(), () -> jdbi.withHandle(h -> h
                .createUpdate("INSERT INTO schedules (uuid, name, summary, timespec, timezone) "
                        + "VALUES (:uuid, :name, :summary, :timespec, :timezone)")
                .bind("uuid", s.uuid().toString()).bind("name", s.name()).bind("summary", s.summary())
                .bind("timespec", s.when().text()).bind("timezone", s.timezone().getId()).execute()));
    }

    /** Updates a schedule and re-plans the jobs that use it. */
    public void update(Schedule s) {
        Names.saving("schedules", "schedule", s.name(), () -> jdbi.inTransaction(h -> {
            Names.checkItem(h, "schedules", "schedule", s.uuid(), s.name(), s.summary());
            int rows = h.createUpdate("UPDATE schedules SET name = :name, summary = :summary, timespec = :timespec, "
                            + "timezone = :timezone WHERE uuid = :uuid")
                    .bind("uuid", s.uuid().toString()).bind("name", s.name()).bind("summary", s.summary())
                    .bind("timespec", s.when().text()).bind("timezone", s.timezone().getId()).execute();
            if (rows == 0) {
                throw new CairnException.NotFound("schedule", s.uuid());
            }
            h.createUpdate("UPDATE jobs SET next_run = NULL WHERE schedule_uuid = :uuid")
                    .bind("uuid", s.uuid().toString()).execute();
            return null;
        }));
    }

    public void delete(UUID uuid) {
        jdbi.useTransaction(h -> {
            Schedule schedule = h.createQuery("SELECT * FROM schedules WHERE uuid = :uuid").bind("uuid", uuid.toString())
                    .map(MAPPER).findOne().orElseThrow(() -> new CairnException.NotFound("schedule", uuid));
            Rows.refuseIfReferenced(h, "SELECT name FROM jobs WHERE schedule_uuid = :uuid", uuid,
                    "schedule '" + schedule.name() + "' is used by job ");
            h.createUpdate("DELETE FROM schedules WHERE uuid = :uuid").bind("uuid", uuid.toString()).execute();
        });
    }
}
