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
# shellcheck source=bench/pgbench-server.sh
. "$root/bench/pgbench-server.sh"

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
