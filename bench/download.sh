#!/usr/bin/env bash
# Benchmark: download one archive through Cairn (curl -o /dev/null on /v1/archive/UUID/download)
# against the equivalent shell pipe on the same stored object (age -d -i cairn.key OBJECT | zstd -d),
# alternating, several rounds, and print every time, the medians and best of each side, the ratio
# cairn/shell, and the Cairn server's peak RSS. Targets: ratio at most 1.10, peak RSS under 400 MB.
#
#   bench/download.sh [SIZE_MB] [ROUNDS]     (default 2048 MB of raw archive, 5 rounds)
#   BENCH_KEEP=1 bench/download.sh           keep the work directory afterwards
#   BENCH_SERVER_OPTS='-XX:StartFlightRecording=filename=/tmp/dl.jfr' bench/download.sh   JVM options of the server only
#
# The archive is an fs target's tar of one file of SIZE_MB of base64 text of random bytes (zstd saves
# about a quarter of it), backed up once into an fs store. Cairn checks the stored bytes' SHA-256 as
# they pass, which the age | zstd pipe does not: a third side, "shell + sha256sum" (tee >(sha256sum)),
# does the same work as Cairn, and its ratio is printed too.
#
# Needs: a JDK 25, age, zstd, curl, python3, bc, and about twice SIZE_MB of free space under /tmp.
set -euo pipefail
size_mb="${1:-2048}"
rounds="${2:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/cairn-download-bench.XXXXXX)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ -n "${BENCH_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
# shellcheck source=bench/harness.sh
. "$root/bench/harness.sh"

mkdir -p "$work/input" "$work/store"
echo "making $size_mb MB of input…"
head -c $((size_mb * 1024 * 1024 * 3 / 4)) /dev/urandom | base64 -w 76 > "$work/input/data"
start_cairn ${BENCH_SERVER_OPTS:-}
printf '{"name":"bench-db","plugin":"fs","endpoint":{"path":"%s"}}' "$work/input" | create_backup_job > "$work/job"
job="$(cat "$work/job")"
echo "backing it up once…"
read -r _ archive < <("$bench_dir/run-job.py" "$job" 0 --archive)
rm -f "$work/input/data"
object="$(find "$work/store" -type f ! -name '*.manifest.json' | head -1)"
raw="$(api "$CAIRN_URL/v1/archive/$archive" | python3 -c 'import json,sys; a=json.load(sys.stdin); print(a["size"])')"
echo "archive $archive: $(stat -c %s "$object") stored bytes, $raw raw bytes"

shell_pipe() { age -d -i "$work/data/cairn.key" "$object" | zstd -q -d > /dev/null; }
shell_sha_pipe() { tee < "$object" >(sha256sum > /dev/null) | age -d -i "$work/data/cairn.key" | zstd -q -d > /dev/null; }
cairn_download() { curl -fsS -H "Authorization: Bearer $CAIRN_TOKEN" -o /dev/null "$CAIRN_URL/v1/archive/$archive/download"; }

echo "warm-up (not counted): shell $(time_of shell_pipe) s, cairn $(time_of cairn_download) s"
shells=(); shas=(); cairns=()
for round in $(seq 1 "$rounds"); do
  s="$(time_of shell_pipe)"; h="$(time_of shell_sha_pipe)"; c="$(time_of cairn_download)"
  printf 'round %d: shell %.2f s, shell + sha256sum %.2f s, cairn %.2f s\n' "$round" "$s" "$h" "$c"
  shells+=("$s"); shas+=("$h"); cairns+=("$c")
done
python3 - "${shells[*]}" "${shas[*]}" "${cairns[*]}" "$raw" <<'PY'
import statistics, sys
shell, sha, cairn = ([float(x) for x in sys.argv[i].split()] for i in (1, 2, 3))
mib = int(sys.argv[4]) / 2**20
for name, f in (("median", statistics.median), ("best", min)):
    print(f"{name} of {len(shell)}: shell {f(shell):.2f} s, shell + sha256sum {f(sha):.2f} s, cairn {f(cairn):.2f} s "
          f"({mib / f(cairn):.0f} MiB/s raw); ratio cairn/shell {f(cairn) / f(shell):.3f} (target <= 1.10), "
          f"cairn/(shell + sha256sum) {f(cairn) / f(sha):.3f}")
PY
report_peak_rss "$server_pid" 400
