#!/usr/bin/env bash
# Benchmark: making a sanitised variant of a pgbench database (a rule on each table) through the
# API, POST /v1/archive/UUID/sanitise to its task's end (load into a scratch engine, sanitise, dump
# with the plugin's pg_dump through the archive pipeline into the store), against the plain
# equivalent in the same run: a fresh cluster (fsync off), pg_restore of the same archive streamed
# from Cairn's download, and pg_dump -Fc -Z0 of it.
#
#   bench/sanitise.sh [SCALE] [ROUNDS]     (default scale 50 ≈ 750 MB, 1 round)
#   BENCH_SERVER_OPTS=-XX:StartFlightRecording=filename=/tmp/san.jfr bench/sanitise.sh   JVM options of the server only
#
# Prints both times, the ratio and the peak RSS of the Cairn server (VmHWM) and of the largest
# scratch/plain PostgreSQL backend seen. Target (issue 17): at most 1.5x the plain restore and dump.
# Needs: root (runuser postgres), PostgreSQL server and client (initdb, pg_ctl, pgbench, pg_restore,
# pg_dump, psql), curl, bc, python3, a JDK 25.
set -euo pipefail
shopt -s inherit_errexit
scale="${1:-50}"
rounds="${2:-1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "$(id -u)" -eq 0 ] || { echo "bench/sanitise.sh runs PostgreSQL as user postgres: run it as root" >&2; exit 2; }
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
work="$(mktemp -d /tmp/cairn-sanitise-bench.XXXXXX)"
chmod 755 "$work"
server_pid=""
as_pg() { runuser -u postgres -- "$@"; }
cleanup() {
  [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  for d in "$work/pg" "$work/plain"; do as_pg "$pgbin/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1 || true; done
  for pid in $(pgrep -f "$work/data/" || true); do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/harness.sh
. "$root/bench/harness.sh"

start_pgbench_source "$scale"
# some history rows, so that the drop rule has something to drop
"$pgbin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -t 2000 bench >/dev/null 2>&1
"$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -Atc "SELECT 'database size: ' || pg_size_pretty(pg_database_size('bench'))"

start_cairn ${BENCH_SERVER_OPTS:-}
create_backup_job >/dev/null <<JSON
{"name": "bench-db", "plugin": "postgres",
 "endpoint": {"host": "127.0.0.1", "port": $pg_port, "user": "postgres", "database": "bench"}}
JSON
cli run job bench-job --wait >/dev/null
target="$(cli --json show target bench-db | json_field uuid)"
archive="$(api "$CAIRN_URL/v1/archives?target=$target" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"])')"
api -X PUT -H 'Content-Type: application/json' --data-binary @- "$CAIRN_URL/v1/target/$target/rules" >/dev/null <<'JSON'
{"tables": {
  "pgbench_accounts": {"columns": {"aid": "hash", "bid": "safe", "abalance": {"shift": 100}, "filler": {"mask": {"first": 2}}}},
  "pgbench_branches": {"columns": {"bid": "safe", "bbalance": {"shift": 100}, "filler": "null"}},
  "pgbench_tellers": {"columns": {"tid": "safe", "bid": "safe", "tbalance": {"shift": 100}, "filler": "null"}},
  "pgbench_history": "drop"
}}
JSON

peak_backend=0
watch_rss() { # the largest resident set of a postgres process under $1, in KiB, until killed
  local max=0 rss
  while true; do
    for pid in $(pgrep -f "$1" || true); do
      rss="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
      [ -n "$rss" ] && [ "$rss" -gt "$max" ] && { max="$rss"; echo "$max" > "$2"; }
    done
    sleep 0.5
  done
}

plain() {
  local port; port="$(free_port)"
  rm -rf "$work/plain" "$work/plain-log"; mkdir -p "$work/plain" "$work/plain-log" && chown postgres "$work/plain" "$work/plain-log"
  as_pg "$pgbin/initdb" -D "$work/plain" -U postgres -A trust --no-sync >/dev/null
  as_pg "$pgbin/pg_ctl" -D "$work/plain" -l "$work/plain-log/log" \
    -o "-p $port -k $work/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c wal_level=minimal -c max_wal_senders=0" \
    -w start >/dev/null
  "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres bench
  api "$CAIRN_URL/v1/archive/$archive/download" | "$pgbin/pg_restore" --no-owner -h 127.0.0.1 -p "$port" -U postgres -d bench
  "$pgbin/pg_dump" -Fc -Z0 -h 127.0.0.1 -p "$port" -U postgres bench > /dev/null
  as_pg "$pgbin/pg_ctl" -D "$work/plain" -m fast -w stop >/dev/null
}

variant() {
  local task status
  task="$(echo '{"variant": "sanitised"}' | api_post "/v1/archive/$archive/sanitise" | json_field task_uuid)"
  while true; do
    status="$(api "$CAIRN_URL/v1/task/$task" | json_field status)"
    case "$status" in
      done) return 0 ;;
      failed|canceled) api "$CAIRN_URL/v1/task/$task" | json_field log >&2; return 1 ;;
    esac
    sleep 0.1
  done
}

for round in $(seq 1 "$rounds"); do
  sync
  watch_rss "$work/plain" "$work/plain.rss" & watcher=$!
  plain_s="$(time_of plain)"
  kill "$watcher" 2>/dev/null || true
  sync
  watch_rss "$work/data/scratch" "$work/scratch.rss" & watcher=$!
  variant_s="$(time_of variant)"
  kill "$watcher" 2>/dev/null || true
  java_pid="$(pgrep -P "$server_pid" java || echo "$server_pid")"
  jvm_rss="$(awk '/VmHWM/ {print $2}' "/proc/$java_pid/status" 2>/dev/null || echo 0)"
  echo "round $round: plain pg_restore + pg_dump $plain_s s; variant $variant_s s;" \
    "ratio $(echo "scale=2; $variant_s / $plain_s" | bc);" \
    "peak RSS: Cairn server $((jvm_rss / 1024)) MiB, scratch postgres $(( $(cat "$work/scratch.rss" 2>/dev/null || echo 0) / 1024 )) MiB," \
    "plain postgres $(( $(cat "$work/plain.rss" 2>/dev/null || echo 0) / 1024 )) MiB (target ratio: at most 1.5)"
done
# where the variant's time went: the last sanitise task's log, one timestamped line per step
last="$(api "$CAIRN_URL/v1/tasks" | python3 -c '
import json,sys
print([t["uuid"] for t in json.load(sys.stdin) if t["type"] == "sanitise"][0])')"
echo "log of sanitise task $last:"
api "$CAIRN_URL/v1/task/$last" | json_field log | sed 's/^/  /'
