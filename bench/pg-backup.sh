#!/usr/bin/env bash
# Benchmark: back up a pgbench database through Cairn and through the equivalent shell pipe
#   pg_dump -Fc -Z0 | zstd -3 | age -r KEY > file
# in the same run, and print both times, their ratio and the Cairn server's peak RSS.
#
#   bench/pg-backup.sh [SCALE] [ROUNDS]     (default scale 50 ≈ 750 MB of table data, 5 rounds)
#   BENCH_PG_PORT=5432 bench/pg-backup.sh   reuse a running server already loaded by pgbench -i
#
# Needs: PostgreSQL server and client (initdb, pg_ctl, pgbench, pg_dump), zstd, age, a JDK 25.
set -euo pipefail
scale="${1:-50}"
rounds="${2:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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
  # reuse a running server that already holds the pgbench tables (trust auth on 127.0.0.1)
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

start_cairn
pubkey="$(api "$CAIRN_URL/v1/meta/pubkey")"
job_uuid="$(create_backup_job <<EOF
{"name": "bench-db", "plugin": "postgres",
 "endpoint": {"host": "127.0.0.1", "port": $pg_port, "user": "postgres", "database": "postgres"}}
EOF
)"
shell_backup() {
  "$pgbin/pg_dump" -h 127.0.0.1 -p "$pg_port" -U postgres -Fc -Z0 postgres | zstd -3 -q | age -r "$pubkey" > "$work/shell.age"
}
compare_backups "$rounds" "$job_uuid" shell_backup "$work/shell.age"
stored="$(cli --json list archives | python3 -c 'import json,sys; a=json.load(sys.stdin)[0]; print(a["size"], a["stored_size"])')"
echo "archive: raw and stored bytes: $stored"
report_peak_rss "$server_pid" 400
