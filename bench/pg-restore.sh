#!/usr/bin/env bash
# Benchmark: what checking the archive before a restore costs. Backs up a pgbench database through
# Cairn once, then restores it ROUNDS times (after an untimed warm-up) and prints for each the whole
# restore, the check before it (the object read to its end: SHA-256, manifest, age decryption and
# zstd decompression, timed by the task itself) and the restore without that check (the difference:
# the second read into the target, which is all a restore did before the check existed), with the
# best and median ratios.
#
#   bench/pg-restore.sh [SCALE] [ROUNDS]     (default scale 50 ≈ 750 MB of table data, 3 rounds)
#   BENCH_PG_PORT=5432 bench/pg-restore.sh   reuse a running server already loaded by pgbench -i
#
# Needs: PostgreSQL server and client (initdb, pg_ctl, pgbench, pg_dump, pg_restore), a JDK 25.
set -euo pipefail
scale="${1:-50}"
rounds="${2:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/pgbench-server.sh
. "$root/bench/pgbench-server.sh"

start_cairn
job_uuid="$(create_backup_job <<EOF
{"name": "bench-db", "plugin": "postgres",
 "endpoint": {"host": "127.0.0.1", "port": $pg_port, "user": "postgres", "database": "postgres"}}
EOF
)"
read -r backup_seconds archive < <("$bench_dir/run-job.py" "$job_uuid" 0 --archive)
stored="$(cli --json show archive "$archive" | python3 -c 'import json,sys; a=json.load(sys.stdin); print(a["size"], a["stored_size"])')"
echo "backup: $backup_seconds s; archive raw and stored bytes: $stored"
read -r total check < <("$bench_dir/run-restore.py" "$archive")
echo "warm-up (not counted): restore $total s, of which the check $check s"
totals=(); checks=()
for round in $(seq 1 "$rounds"); do
  sync
  read -r total check < <("$bench_dir/run-restore.py" "$archive" "$(echo "scale=3; $total * 0.7" | bc)")
  printf 'round %d: restore %.2f s, check before it %.2f s, restore without the check %.2f s\n' \
    "$round" "$total" "$check" "$(echo "$total - $check" | bc)"
  totals+=("$total"); checks+=("$check")
done
python3 - "${totals[*]}" "${checks[*]}" <<'PY'
import statistics, sys
total = [float(x) for x in sys.argv[1].split()]
check = [float(x) for x in sys.argv[2].split()]
without = [t - c for t, c in zip(total, check)]
print(f"best: restore {min(total):.2f} s, without the check {min(without):.2f} s, "
      f"ratio {min(total) / min(without):.3f} (target < 1.10)")
print(f"median: restore {statistics.median(total):.2f} s, check {statistics.median(check):.2f} s, "
      f"without the check {statistics.median(without):.2f} s, ratio {statistics.median(total) / statistics.median(without):.3f}")
PY
report_peak_rss "$server_pid" 400
