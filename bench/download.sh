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
# about a quarter of it), backed up once into an fs store.
#
# The age | zstd pipe writes to /dev/null and checks nothing; Cairn also checks the stored bytes'
# SHA-256 as they pass and sends the result over a socket to curl. So three more sides do that
# work in shell, and their ratios are printed too:
#   shell + sha256    tee >(openssl dgst -sha256) < OBJECT | age -d | zstd -d  (openssl uses the
#                     CPU's SHA instructions, as the JDK does)
#   shell over http   age -d | zstd -d as the body of an HTTP response (socat -b 256 KiB) to the
#                     same curl -o /dev/null on loopback
#   shell + sha256 over http   both
#
# Needs: a JDK 25, age, zstd, curl, openssl, socat, python3, bc, ss, and about twice SIZE_MB of
# free space under /tmp.
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

key="$work/data/cairn.key"
shell_pipe() { age -d -i "$key" "$object" | zstd -q -d > /dev/null; }
shell_sha_pipe() { tee < "$object" >(openssl dgst -sha256 > /dev/null) | age -d -i "$key" | zstd -q -d > /dev/null; }
cairn_download() { curl -fsS -H "Authorization: Bearer $CAIRN_TOKEN" -o /dev/null "$CAIRN_URL/v1/archive/$archive/download"; }

# an HTTP server on a free port whose every response is the shell pipe $2 (socat runs it for each
# connection); sets http_port_$1
serve_pipe() {
  local name="$1" script="$work/respond-$1.sh" port
  port="$(free_port)"
  {
    cat <<'SH'
#!/usr/bin/env bash
read -r _request
printf 'HTTP/1.1 200 OK\r\nContent-Length: %s\r\nConnection: close\r\n\r\n' "$RAW_SIZE"
SH
    echo "$2"
  } > "$script"
  chmod +x "$script"
  socat -b 262144 "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" "SYSTEM:$script" 2>>"$work/socat.log" &
  socat_pids+=("$!")
  until ss -ltn | grep -q "127.0.0.1:$port "; do sleep 0.05; done
  printf -v "http_port_$name" '%s' "$port"
}
socat_pids=()
export RAW_SIZE="$raw"
trap 'kill "${socat_pids[@]}" 2>/dev/null || true; cleanup' EXIT
serve_pipe plain "age -d -i '$key' '$object' | zstd -q -d"
serve_pipe sha "tee < '$object' >(openssl dgst -sha256 > /dev/null) | age -d -i '$key' | zstd -q -d"
shell_http() { curl -fsS -o /dev/null "http://127.0.0.1:$http_port_plain/"; }
shell_sha_http() { curl -fsS -o /dev/null "http://127.0.0.1:$http_port_sha/"; }

echo "warm-up (not counted): shell $(time_of shell_pipe) s, shell over http $(time_of shell_http) s, cairn $(time_of cairn_download) s"
sides=(shell_pipe shell_sha_pipe shell_http shell_sha_http cairn_download)
declare -A times
for round in $(seq 1 "$rounds"); do
  line="round $round:"
  for side in "${sides[@]}"; do
    t="$(time_of "$side")"
    times[$side]+="$t "
    line+=" $side $t s,"
  done
  echo "${line%,}"
done
python3 - "$raw" "${times[shell_pipe]}" "${times[shell_sha_pipe]}" "${times[shell_http]}" "${times[shell_sha_http]}" \
    "${times[cairn_download]}" <<'PY'
import statistics, sys
mib = int(sys.argv[1]) / 2**20
names = ("shell", "shell + sha256", "shell over http", "shell + sha256 over http", "cairn")
sides = dict(zip(names, ([float(x) for x in a.split()] for a in sys.argv[2:])))
for label, f in (("median", statistics.median), ("best", min)):
    t = {n: f(v) for n, v in sides.items()}
    print(f"{label} of {len(sides['cairn'])}: " + ", ".join(f"{n} {t[n]:.2f} s" for n in names)
          + f" (cairn {mib / t['cairn']:.0f} MiB/s raw)")
    print(f"  ratio cairn/shell {t['cairn'] / t['shell']:.3f} (target <= 1.10); cairn/(shell + sha256) "
          f"{t['cairn'] / t['shell + sha256']:.3f}, cairn/(shell over http) {t['cairn'] / t['shell over http']:.3f}, "
          f"cairn/(shell + sha256 over http) {t['cairn'] / t['shell + sha256 over http']:.3f}")
PY
report_peak_rss "$server_pid" 400
