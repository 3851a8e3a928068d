#!/usr/bin/env bash
# Benchmark: time from POST /v1/instances to the first successful query on the new instance, and
# the disk each instance adds, for an image of a pgbench database on a loop-mounted btrfs (the
# server's data directory is that file system, so images are subvolumes and instances snapshots).
#
#   bench/instances.sh [SCALE] [ROUNDS]     (default scale 7 ≈ 100 MB of table data, 5 instances;
#                                            scale 70 ≈ 1 GB)
#
# Targets (issue 16): under 2 s whatever the image's size, under 50 MB added per instance.
# Needs: root (mount, loop devices), btrfs-progs, PostgreSQL server and client (initdb, pg_ctl,
# pgbench, psql), curl, bc, python3, a JDK 25.
set -euo pipefail
scale="${1:-7}"
rounds="${2:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "$(id -u)" -eq 0 ] || { echo "bench/instances.sh mounts a loop btrfs: run it as root" >&2; exit 2; }
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
work="$(mktemp -d /tmp/cairn-bench.XXXXXX)"
chmod 755 "$work"
server_pid=""
as_pg() { runuser -u postgres -- "$@"; }
cleanup() {
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/harness.sh
. "$root/bench/harness.sh"

# the source: a throw-away PostgreSQL with pgbench's tables in database "bench"
start_pgbench_source "$scale"
"$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -Atc "SELECT 'database size: ' || pg_size_pretty(pg_database_size('bench'))"

# the data directory is a btrfs of its own
truncate -s $((scale * 400 + 4096))M "$work/btrfs.img"
mkfs.btrfs -q -f "$work/btrfs.img" >/dev/null 2>&1
mkdir -p "$work/data"
mount -o loop "$work/btrfs.img" "$work/data"
stop_all() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
  # instances outlive the server: stop what still runs from the loop file system, then unmount it
  for pid in $(pgrep -f "$work/data/" || true); do kill -9 "$pid" 2>/dev/null || true; done
  sleep 1
  umount "$work/data" 2>/dev/null || umount -l "$work/data" 2>/dev/null || true
  cleanup
}
trap stop_all EXIT

start_cairn
create_backup_job >/dev/null <<JSON
{"name": "bench-db", "plugin": "postgres",
 "endpoint": {"host": "127.0.0.1", "port": $pg_port, "user": "postgres", "database": "bench"}}
JSON
cli run job bench-job --wait >/dev/null
echo "image of pgbench scale $scale: building…"
build_start="$(date +%s%N)"
cli create image --from bench-db --name bench-image --wait > "$work/image.log" || { cat "$work/image.log" >&2; exit 1; }
build_end="$(date +%s%N)"
read -r image_id image_size backend <<<"$(api "$CAIRN_URL/v1/images" \
  | python3 -c 'import json,sys; i=json.load(sys.stdin)[0]; print(i["id"], i["size"], i["clone_backend"])')"
echo "image $image_id: $((image_size / 1048576)) MiB, clone backend $backend, built in" \
  "$(echo "scale=1; ($build_end - $build_start) / 1000000000" | bc) s"

used() { sync; btrfs filesystem sync "$work/data" >/dev/null; df --output=used -B1 "$work/data" | tail -1 | tr -d ' '; }
instance_fields() {
  python3 -c 'import json,sys; i=json.load(sys.stdin)["instance"]; print(i["port"], i["user"], i["password"], i["database"])'
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
times=()
adds=()
for round in $(seq 1 "$rounds"); do
  before="$(used)"
  start="$(date +%s%N)"
  reply="$(echo "{\"image\": $image_id}" | api_post /v1/instances)"
  read -r port user password database <<<"$(instance_fields <<<"$reply")"
  until PGPASSWORD="$password" "$pgbin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d "$database" -Atqc \
      'SELECT aid FROM pgbench_accounts LIMIT 1' >/dev/null 2>&1; do
    sleep 0.01
  done
  end="$(date +%s%N)"
  after="$(used)"
  times+=("$(echo "scale=3; ($end - $start) / 1000000000" | bc)")
  adds+=("$(( (after - before) / 1048576 ))")
  echo "instance $round: first query after ${times[-1]} s, disk added ${adds[-1]} MiB"
done
echo "scale $scale ($((image_size / 1048576)) MiB image): POST /v1/instances to first query: median" \
  "$(median "${times[@]}") s, best $(printf '%s\n' "${times[@]}" | sort -n | head -1) s;" \
  "disk added per instance: median $(median "${adds[@]}") MiB (targets: under 2 s, under 50 MB)"
for id in $(api "$CAIRN_URL/v1/instances" | python3 -c 'import json,sys; print(" ".join(str(i["id"]) for i in json.load(sys.stdin)))'); do
  api -X DELETE "$CAIRN_URL/v1/instance/$id" >/dev/null
done
api -X DELETE "$CAIRN_URL/v1/image/$image_id" >/dev/null
