# Sourced by the PostgreSQL benches after they set `root` and `scale`: a work directory removed at
# exit, a throw-away PostgreSQL server loaded by pgbench (or the one BENCH_PG_PORT names, which
# already holds the pgbench tables, trust auth on 127.0.0.1), and bench/harness.sh.
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
work="$(mktemp -d /tmp/cairn-bench.XXXXXX)"
chmod 755 "$work"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL refuses to run as root: run it as the postgres user when we are root.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# shellcheck source=bench/harness.sh
. "$root/bench/harness.sh"

if [ -n "${BENCH_PG_PORT:-}" ]; then
  pg_port="$BENCH_PG_PORT"
else
  pg_port="$(free_port)"
  mkdir -p "$work/pg" "$work/sock" && [ "$(id -u)" -eq 0 ] && chown postgres "$work/pg" "$work/sock"
  as_pg "$pgbin/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -o "-p $pg_port -k $work/sock -c listen_addresses=127.0.0.1 -c fsync=off" -w start >/dev/null
  echo "pgbench scale $scale: loading…"
  "$pgbin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -i -q -s "$scale" postgres >/dev/null 2>&1
fi
"$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -Atc "SELECT 'database size: ' || pg_size_pretty(pg_database_size('postgres'))"
