#!/usr/bin/env bash
# Benchmark: time from POST /v1/instances to the first successful query on the new instance, for
# images of about 100 MB and about 1 GB, on a loop-mounted btrfs (the copy-on-write clone backend),
# and the disk each instance adds. Targets: under 2 s at both sizes (flat in size), under 50 MB added.
#
#   bench/instances.sh [SMALL_SCALE] [LARGE_SCALE] [ROUNDS]   (pgbench scales, default 7 ≈ 100 MB and
#                                                              70 ≈ 1 GB, 5 rounds)
#
# Loads two pgbench databases into a throw-away PostgreSQL, backs each up through Cairn, makes an image of
# each archive (the image task: restore, compact, seal), then creates and deletes ROUNDS instances of each.
# Needs root (mkfs.btrfs and mount -o loop), btrfs-progs, PostgreSQL (initdb, pg_ctl, pgbench, psql),
# a JDK 25, python3, and about 12 GB of free space under /tmp for the sparse btrfs file.
set -euo pipefail
small="${1:-7}"
large="${2:-70}"
rounds="${3:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "$(id -u)" -eq 0 ] || { echo "bench/instances.sh needs root, to make and mount a btrfs file system" >&2; exit 1; }
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
work="$(mktemp -d /tmp/cairn-instances-bench.XXXXXX)"
chmod 755 "$work"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  # the instances and images of a killed server still run as their own processes: stop them
  for pid in $(find "$work/btrfs" -name postmaster.pid 2>/dev/null); do
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$(dirname "$pid")" -m immediate stop >/dev/null 2>&1 || true
  done
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  umount "$work/btrfs" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/harness.sh
. "$root/bench/harness.sh"

truncate -s 12G "$work/btrfs.img"
mkfs.btrfs -q "$work/btrfs.img"
mkdir -p "$work/btrfs"
mount -o loop "$work/btrfs.img" "$work/btrfs"
chmod 755 "$work/btrfs"

pg_port="$(free_port)"
mkdir -p "$work/pg" "$work/sock" && chown postgres "$work/pg" "$work/sock"
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" \
  -o "-p $pg_port -k $work/sock -c listen_addresses=127.0.0.1 -c fsync=off" -w start >/dev/null
for db in small large; do
  scale="$small"; [ "$db" = large ] && scale="$large"
  "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$db"
  echo "pgbench scale $scale into database $db: loading…"
  "$pgbin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -i -q -s "$scale" "$db" >/dev/null 2>&1
  "$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -Atc "SELECT '$db: ' || pg_size_pretty(pg_database_size('$db'))"
done

# the server's data directory, and so its images and instances, on the btrfs
data_dir="$work/btrfs/data"
start_cairn
cli create store --name bench-store --plugin fs --endpoint "{\"path\":\"$work/store\"}" >/dev/null
cli create schedule --name bench-schedule --when "daily 4am" >/dev/null
cli create retention policy --name bench-retention --expires 1d >/dev/null
for db in small large; do
  printf '{"name":"bench-%s","plugin":"postgres","endpoint":{"host":"127.0.0.1","port":%s,"user":"postgres","database":"%s"}}' \
    "$db" "$pg_port" "$db" | api_post /v1/targets >/dev/null
  cli create job --name "bench-$db-job" --target "bench-$db" --store bench-store --schedule bench-schedule \
    --retention bench-retention --paused >/dev/null
  job="$(cli --json show job "bench-$db-job" | json_field uuid)"
  read -r took archive < <("$bench_dir/run-job.py" "$job" 0 --archive)
  echo "$db: backed up in $took s, archive $archive"
  image_reply="$(printf '{"archive":"%s","name":"bench-%s"}' "$archive" "$db" | api_post /v1/images)"
  image="$(echo "$image_reply" | python3 -c 'import json,sys; print(json.load(sys.stdin)["image"]["id"])')"
  task="$(echo "$image_reply" | json_field task_uuid)"
  start="$(date +%s%N)"
  until [ "$(api "$CAIRN_URL/v1/task/$task?log_offset=100000000" | json_field status)" != running ] \
        && [ "$(api "$CAIRN_URL/v1/task/$task?log_offset=100000000" | json_field status)" != pending ]; do sleep 0.5; done
  status="$(api "$CAIRN_URL/v1/task/$task?log_offset=100000000" | json_field status)"
  [ "$status" = done ] || { api "$CAIRN_URL/v1/task/$task" >&2; exit 1; }
  size="$(api "$CAIRN_URL/v1/image/$image" | python3 -c 'import json,sys; i=json.load(sys.stdin); print(i["size"], i["clone_backend"])')"
  echo "$db: image $image built in $(echo "scale=1; ($(date +%s%N) - $start) / 1000000000" | bc) s; size and clone backend: $size"
  echo "$db: $rounds instances of image $image:"
  "$bench_dir/instance-start.py" "$image" "$rounds" "$work/btrfs" "SELECT count(*) FROM pgbench_accounts"
done
report_peak_rss "$server_pid" 400
