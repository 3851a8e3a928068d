package dev.cairn.plugins.postgres;

import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.util.List;

/**
 * The server-side steps of a staged restore of one database: check the role may stage and swap,
 * create the staging database like the live one, swap it in, and put right what a stopped restore
 * left. Each step is one psql script in a maintenance database (never the live or staged one,
 * which are renamed).
 *
 * <p>The swap is one transaction: ALTER DATABASE ... RENAME is transactional, so the live database
 * is renamed away and the restored one renamed into its place at the same commit, and a psql
 * killed before COMMIT leaves both as they were. Renaming takes the database's exclusive lock,
 * which makes new connections to it wait for the commit; sessions already connected are ended.
 */
final class DatabaseSwap {
    /** Prints one line starting with {@code refused: } when the role cannot stage and swap. */
    private static final PsqlScript CHECK = new PsqlScript("""
            \\set ON_ERROR_STOP on
            SELECT CASE
                WHEN r.rolsuper THEN NULL
                WHEN NOT r.rolcreatedb THEN format('refused: role %s lacks CREATEDB, which a restore of database %s'
                    || ' needs: it is loaded into a new database %s beside it and swapped in at the end'
                    || ' (ALTER ROLE %s CREATEDB, or restore as a superuser); nothing was changed',
                    r.rolname, :'live', :'staged', quote_ident(r.rolname))
                WHEN d.datname IS NOT NULL AND NOT pg_has_role(r.oid, d.datdba, 'USAGE') THEN format('refused: role %s'
                    || ' cannot swap a restored copy in for database %s, which role %s owns: it must be that owner,'
                    || ' a member of it, or a superuser; nothing was changed', r.rolname, :'live', pg_get_userbyid(d.datdba))
                END
              FROM pg_roles r LEFT JOIN pg_database d ON d.datname = :'live'
             WHERE r.rolname = current_user;
            """);

    /** Creates the staging database with the live one's owner, encoding, locale and tablespace. */
    private static final PsqlScript CREATE = new PsqlScript("""
            \\set ON_ERROR_STOP on
            SELECT format('creating database %s beside %s (owner %s, encoding %s, locale %s/%s)', :'staged', :'live',
                   pg_get_userbyid(datdba), pg_encoding_to_char(encoding), datcollate, datctype)
              FROM pg_database WHERE datname = :'live';
            SELECT format('CREATE DATABASE %I WITH TEMPLATE template0 OWNER %I ENCODING %L LC_COLLATE %L LC_CTYPE %L',
                   :'staged', pg_get_userbyid(d.datdba), pg_encoding_to_char(d.encoding), d.datcollate, d.datctype)
                   -- naming pg_default would need CREATE on it, which a non-superuser lacks
                   || CASE WHEN t.spcname <> 'pg_default' THEN format(' TABLESPACE %I', t.spcname) ELSE '' END
                   || CASE j ->> 'datlocprovider'
                        WHEN 'c' THEN ' LOCALE_PROVIDER libc'
                        WHEN 'i' THEN format(' LOCALE_PROVIDER icu ICU_LOCALE %L',
                                             coalesce(j ->> 'datlocale', j ->> 'daticulocale'))
                                      || CASE WHEN j ->> 'daticurules' IS NOT NULL
                                             THEN format(' ICU_RULES %L', j ->> 'daticurules') ELSE '' END
                        WHEN 'b' THEN format(' LOCALE_PROVIDER builtin BUILTIN_LOCALE %L', j ->> 'datlocale')
                        ELSE '' END
              FROM pg_database d JOIN pg_tablespace t ON t.oid = d.dattablespace, LATERAL to_jsonb(d) j
             WHERE d.datname = :'live' \\gexec
            SELECT format('database %s does not exist: creating it as %s, renamed to %s at the end', :'live', :'staged', :'live')
             WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'live');
            SELECT format('CREATE DATABASE %I WITH TEMPLATE template0', :'staged')
             WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'live') \\gexec
            """);

    /**
     * Gives the staged database the live one's privileges, settings, comment and connection
     * limit (a restore without --create never changed those), then swaps the two in one transaction.
     */
    private static final PsqlScript SWAP = new PsqlScript("""
            \\set ON_ERROR_STOP on
            BEGIN;
            SELECT set_config('cairn.live', :'live', true) AS live, set_config('cairn.staged', :'staged', true) AS staged,
                   set_config('cairn.old', :'old', true) AS old \\gset cairn_
            SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'staged') FROM pg_database
             WHERE datname = :'live' AND datacl IS NOT NULL \\gexec
            SELECT format('REVOKE ALL ON DATABASE %I FROM %I', :'staged', pg_get_userbyid(datdba)) FROM pg_database
             WHERE datname = :'live' AND datacl IS NOT NULL \\gexec
            SELECT format('GRANT %s ON DATABASE %I TO %s%s', a.privilege_type, :'staged',
                   CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
                   CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
              FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = :'live' \\gexec
            -- list settings (pg_dump's GUC_LIST_QUOTE ones) are stored as SQL already; others are one literal
            SELECT CASE WHEN s.setrole = 0 THEN format('ALTER DATABASE %I SET %s = %s', :'staged', c.name, c.value)
                        ELSE format('ALTER ROLE %I IN DATABASE %I SET %s = %s', pg_get_userbyid(s.setrole), :'staged',
                                    c.name, c.value) END
              FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase,
                   LATERAL unnest(s.setconfig) AS setting(config),
                   LATERAL (SELECT split_part(config, '=', 1) AS name,
                                   CASE WHEN lower(split_part(config, '=', 1)) IN ('local_preload_libraries', 'search_path',
                                             'session_preload_libraries', 'shared_preload_libraries', 'temp_tablespaces',
                                             'unix_socket_directories')
                                        THEN substr(config, strpos(config, '=') + 1)
                                        ELSE quote_literal(substr(config, strpos(config, '=') + 1)) END AS value) c
             WHERE d.datname = :'live' AND c.name ~ '^[A-Za-z_][A-Za-z0-9_.]*$' \\gexec
            SELECT format('COMMENT ON DATABASE %I IS %L', :'staged', shobj_description(oid, 'pg_database'))
              FROM pg_database WHERE datname = :'live' AND shobj_description(oid, 'pg_database') IS NOT NULL \\gexec
            SELECT format('ALTER DATABASE %I CONNECTION LIMIT %s', :'staged', datconnlimit)
              FROM pg_database WHERE datname = :'live' AND datconnlimit <> -1 \\gexec
            DO $swap$
            DECLARE
                live text := current_setting('cairn.live');
                staged text := current_setting('cairn.staged');
                old text := current_setting('cairn.old');
                live_exists boolean := EXISTS (SELECT FROM pg_database WHERE datname = live);
                ended int[] := '{}';
                other int;
            BEGIN
                FOR attempt IN 1..6 LOOP
                    -- ending a session is best effort: a non-superuser cannot end a superuser's
                    FOR other IN SELECT pid FROM pg_stat_activity
                                  WHERE datname IN (live, staged) AND pid <> pg_backend_pid() LOOP
                        BEGIN
                            IF pg_terminate_backend(other) AND NOT other = ANY (ended) THEN
                                ended := ended || other;
                            END IF;
                        EXCEPTION WHEN insufficient_privilege THEN
                            NULL;
                        END;
                    END LOOP;
                    BEGIN
                        -- each rename waits up to 5 s for the ended sessions to go
                        IF live_exists THEN
                            EXECUTE format('ALTER DATABASE %I RENAME TO %I', live, old);
                        END IF;
                        EXECUTE format('ALTER DATABASE %I RENAME TO %I', staged, live);
                        PERFORM set_config('cairn.swapped', format('ended %s other session(s) connected to database %s;'
                            || ' swapped the restored copy %s in as %s', cardinality(ended), live, staged, live), true);
                        RETURN;
                    EXCEPTION WHEN object_in_use THEN
                        IF attempt = 6 THEN
                            RAISE EXCEPTION 'cannot swap the restored copy in: database % or % is still used by sessions'
                                ' that role % cannot end', live, staged, current_user;
                        END IF;
                    END;
                END LOOP;
            END
            $swap$;
            SELECT current_setting('cairn.swapped');
            COMMIT;
            """);

    /** Drops the live database's previous copy once the swap has committed. */
    private static final PsqlScript DROP_OLD = new PsqlScript("""
            \\set ON_ERROR_STOP on
            SELECT format('DROP DATABASE %I WITH (FORCE)', :'old')
             WHERE EXISTS (SELECT FROM pg_database WHERE datname = :'old') \\gexec
            SELECT format('dropped %s, the copy of database %s from before the restore', :'old', :'live');
            """);

    /** Puts right whatever state a stopped restore left, saying what it finds; does nothing when all is clean. */
    private static final PsqlScript RECOVER = new PsqlScript("""
            \\set ON_ERROR_STOP on
            SELECT format('database %s is missing and %s holds it from a restore stopped between its renames:'
                   || ' renaming it back, so that %s is as it was before that restore', :'live', :'old', :'live')
             WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'live')
               AND EXISTS (SELECT FROM pg_database WHERE datname = :'old');
            SELECT format('ALTER DATABASE %I RENAME TO %I', :'old', :'live')
             WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'live')
               AND EXISTS (SELECT FROM pg_database WHERE datname = :'old') \\gexec
            SELECT format('dropping database %s, which a restore staged and never swapped in;'
                   || ' database %s was not changed by that restore', :'staged', :'live')
             WHERE EXISTS (SELECT FROM pg_database WHERE datname = :'staged');
            SELECT format('DROP DATABASE %I WITH (FORCE)', :'staged')
             WHERE EXISTS (SELECT FROM pg_database WHERE datname = :'staged') \\gexec
            SELECT format('dropping database %s, the copy of %s from before a restore that had been swapped in:'
                   || ' %s holds the restored data', :'old', :'live', :'live')
             WHERE EXISTS (SELECT FROM pg_database WHERE datname = :'old');
            SELECT format('DROP DATABASE %I WITH (FORCE)', :'old')
             WHERE EXISTS (SELECT FROM pg_database WHERE datname = :'old') \\gexec
            """);

    private final PgConnection pg;
    private final StagingNames names;
    private final String maintenance;

    DatabaseSwap(PgConnection pg) {
        this.pg = pg;
        this.names = StagingNames.of(pg.database());
        // the renamed databases cannot be the one psql is connected to
        this.maintenance = List.of(names.live(), names.staged(), names.old()).contains("postgres") ? "template1" : "postgres";
    }

    StagingNames names() {
        return names;
    }

    /** Fails, before anything changes, when the role cannot create the staging database or rename the live one. */
    void requirePrivileges(TaskContext context) throws IOException {
        for (String line : CHECK.output(pg, maintenance, names.variables(), context)) {
            if (line.startsWith("refused: ")) {
                throw new PluginException(line.substring("refused: ".length()));
            }
            context.log(line);
        }
    }

    void createStaged(TaskContext context) throws IOException {
        CREATE.run(pg, maintenance, names.variables(), context);
    }

    void swap(TaskContext context) throws IOException {
        SWAP.run(pg, maintenance, names.variables(), context);
    }

    /** Drops the previous copy; a failure is logged, not thrown, as the restore is already in place. */
    void dropOld(TaskContext context) {
        try {
            DROP_OLD.run(pg, maintenance, names.variables(), context);
        } catch (IOException | RuntimeException e) {
            context.log("the restore is in place, but the previous copy " + names.old() + " could not be dropped ("
                    + e.getMessage() + "): the next restore of " + names.live() + " drops it, or drop it by hand");
        }
    }

    /** Puts right what an earlier restore left (see {@link #RECOVER}). */
    void recover(TaskContext context) throws IOException {
        RECOVER.run(pg, maintenance, names.variables(), context);
    }

    /** Like {@link #recover}, after a failure or a cancel of this restore: runs even in a cancelled task. */
    void recoverAfterStop(TaskContext context) throws IOException {
        RECOVER.runAfterStop(pg, maintenance, names.variables(), context);
    }
}
