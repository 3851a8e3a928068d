#!/usr/bin/env bash
# Benchmark: back up the same stream through Cairn to the fs store, to S3Proxy and to an Apache MINA
# SFTP server in one run, and print each time, the ratios s3/fs and sftp/fs, and the Cairn server's
# peak RSS. Targets on loopback: S3 and SFTP within 1.5x of fs, peak RSS under 500 MB.
#
#   bench/store-backup.sh [SIZE_MB] [ROUNDS]     (default 2048 MB, 1 round)
#   BENCH_INPUT=DIR bench/store-backup.sh        back up directory DIR rather than a generated file
#   BENCH_KEEP=1 bench/store-backup.sh           keep the work directory (input, stores, logs) afterwards
#   BENCH_STORES="s3 sftp" bench/store-backup.sh  only these of fs, s3 and sftp (ratios need fs)
#   BENCH_WARMUP_MB=0 bench/store-backup.sh      no warm-up (default: one untimed 512 MB backup to each store first)
#   BENCH_S3_TLS=0 bench/store-backup.sh         S3 over plain HTTP (default: HTTPS, as S3 is used; see below)
#   BENCH_PIN=1 bench/store-backup.sh            Cairn on CPU 0, the S3 and SFTP servers on CPU 1 (see below)
#
# The stream is an fs target over one file of SIZE_MB of base64 text of random bytes, made once in
# the work directory: every store gets the identical input, and zstd has something to do (it
# saves about a quarter). S3Proxy and the SFTP server run in a JVM of their own (the plugins
# module's test class dev.cairn.plugins.StoreServers), keeping what they receive in files, so
# the Cairn server's RSS is Cairn's alone. Each archive is deleted once timed, to bound disk use.
# A smaller backup to each store first warms up the JIT of both sides, which would otherwise be
# timed in the first run to each store.
#
# S3Proxy serves HTTPS by default, with a self-signed certificate (made here with keytool) that both
# JVMs trust: S3 is used over TLS, and SFTP is encrypted too. Over plain HTTP the AWS SDK must sign
# every chunk of the payload with SHA-256 (and S3Proxy check each signature), work that an HTTPS
# upload does not do; BENCH_S3_TLS=0 measures that case.
#
# On a machine with few cores the store servers compete with Cairn for CPU: S3Proxy hashes every
# byte with MD5 (its ETags) and decrypts TLS, about as much CPU as Cairn's whole pipeline, which an
# S3 service elsewhere would spend on its own machines. BENCH_PIN=1 models that on two cores: every
# backup, to fs as well, gets the same one core of Cairn's, and the servers have the other core.
#
# Needs: a JDK 25, taskset for BENCH_PIN, python3, curl, bc, and about twice SIZE_MB of free space under /tmp.
set -euo pipefail
size_mb="${1:-2048}"
rounds="${2:-1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/cairn-store-bench.XXXXXX)"
server_pid=""
stores_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$stores_pid" ] && kill "$stores_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ -n "${BENCH_KEEP:-}" ]; then echo "kept $work (logs: server.log; the s3/sftp servers' in servers.env and servers.log)"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# shellcheck source=bench/harness.sh
. "$root/bench/harness.sh"
# CPU seconds (user + system) a process has used so far
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }

java_home="$("$root/bin/jdk25")"
mvn() { (cd "$root" && JAVA_HOME="$java_home" ./mvnw -q -B "$@"); }
[ -f "$root/plugins/target/test-classes/dev/cairn/plugins/StoreServers.class" ] || mvn -DskipTests install -pl plugins -am
mvn -pl plugins dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath"

# The input: a directory the fs target reads, by default holding one generated file.
input="${BENCH_INPUT:-$work/input}"
if [ -z "${BENCH_INPUT:-}" ]; then
  mkdir -p "$input"
  echo "making $size_mb MB of input…"
  head -c $((size_mb * 1024 * 1024 * 3 / 4)) /dev/urandom | base64 -w 76 > "$input/data"
fi
input_bytes="$(du -sb "$input" | cut -f1)"

# S3Proxy's key and certificate for HTTPS, and a trust store holding the certificate for both JVMs.
tls_args=(); trust_opts=()
if [ "${BENCH_S3_TLS:-1}" = 1 ]; then
  "$java_home/bin/keytool" -genkeypair -alias s3proxy -keyalg EC -groupname secp256r1 -validity 2 \
    -dname "CN=127.0.0.1" -ext "SAN=IP:127.0.0.1" -keystore "$work/s3proxy.p12" -storetype PKCS12 \
    -storepass bench-tls -keypass bench-tls >/dev/null 2>&1
  "$java_home/bin/keytool" -exportcert -alias s3proxy -keystore "$work/s3proxy.p12" -storepass bench-tls \
    -file "$work/s3proxy.crt" >/dev/null 2>&1
  "$java_home/bin/keytool" -importcert -noprompt -alias s3proxy -file "$work/s3proxy.crt" \
    -keystore "$work/trust.p12" -storetype PKCS12 -storepass bench-trust >/dev/null 2>&1
  tls_args=("$work/s3proxy.p12" bench-tls)
  trust_opts=("-Djavax.net.ssl.trustStore=$work/trust.p12" -Djavax.net.ssl.trustStorePassword=bench-trust)
fi

# S3Proxy and the SFTP server, in their own JVM; they print shell assignments, then READY.
"$java_home/bin/java" "${trust_opts[@]}" ${BENCH_SERVERS_JAVA_OPTS:-} \
  -cp "$root/plugins/target/test-classes:$root/plugins/target/classes:$(cat "$work/classpath")" \
  dev.cairn.plugins.StoreServers "$work/remote" "${tls_args[@]}" > "$work/servers.env" 2> "$work/servers.log" &
stores_pid=$!
for _ in $(seq 1 150); do grep -q '^READY$' "$work/servers.env" 2>/dev/null && break; sleep 0.2; done
grep -q '^READY$' "$work/servers.env" || { echo "the store servers did not start:" >&2; cat "$work/servers.log" >&2; exit 1; }
# (their log lines go to the same output: only the assignments are taken)
# shellcheck disable=SC1091
source <(grep -E "^[A-Z0-9_]+='[^']*'$" "$work/servers.env")

start_cairn "${trust_opts[@]}"
if [ -n "${BENCH_PIN:-}" ]; then
  taskset -a -p -c 0 "$server_pid" >/dev/null
  taskset -a -p -c 1 "$stores_pid" >/dev/null
fi

# Stores are created through the API with the body on stdin: their secrets stay off command lines.
create_store() { api_post /v1/stores >/dev/null; }
create_store <<EOF
{"name": "bench-fs", "plugin": "fs", "endpoint": {"path": "$work/fs-store"}}
EOF
create_store <<EOF
{"name": "bench-s3", "plugin": "s3", "endpoint": {"endpoint": "$S3_ENDPOINT", "bucket": "$S3_BUCKET",
 "access_key_id": "$S3_ACCESS_KEY", "secret_access_key": "$S3_SECRET_KEY", "path_style": true}}
EOF
create_store <<EOF
{"name": "bench-sftp", "plugin": "sftp", "endpoint": {"host": "127.0.0.1", "port": $SFTP_PORT, "user": "$SFTP_USER",
 "password": "$SFTP_PASSWORD", "path": "/backups", "host_key": "$SFTP_HOST_KEY"}}
EOF
cli create target --name bench-input --plugin fs --endpoint "{\"path\":\"$(realpath "$input")\"}" >/dev/null
warmup_mb="${BENCH_WARMUP_MB:-512}"
if [ "$warmup_mb" -gt 0 ]; then
  mkdir -p "$work/warmup"
  head -c $((warmup_mb * 1024 * 1024 * 3 / 4)) /dev/urandom | base64 -w 76 > "$work/warmup/data"
  cli create target --name bench-warmup --plugin fs --endpoint "{\"path\":\"$work/warmup\"}" >/dev/null
fi
cli create schedule --name bench-schedule --when "daily 4am" >/dev/null
cli create retention policy --name bench-retention --expires 1d >/dev/null
read -r -a stores <<< "${BENCH_STORES:-fs s3 sftp}"
declare -A job warmup best
# a paused job of TARGET into store bench-STORE; prints its uuid
create_job() {
  cli create job --name "$1-$2" --target "$1" --store "bench-$2" --schedule bench-schedule \
    --retention bench-retention --paused >/dev/null
  cli --json show job "$1-$2" | json_field uuid
}
for store in "${stores[@]}"; do
  job[$store]="$(create_job bench-input "$store")"
  if [ "$warmup_mb" -gt 0 ]; then warmup[$store]="$(create_job bench-warmup "$store")"; fi
done

# One backup through the API (bench/run-job.py: polled quietly after 70% of the store's best time
# so far), then, untimed, the archive's stored size and its deletion (which purges it from the
# store, to bound disk use). Every backup starts with the page cache flushed (sync), so that no
# run pays for writing back what an earlier one (or making the input) left dirty.
# Prints "SECONDS STORED_BYTES".
backup() {
  local quiet="${2:-0}" result seconds archive
  sync
  result="$("$root/bench/run-job.py" "$1" "$quiet" --archive)" || return 1
  read -r seconds archive <<< "$result"
  echo "$seconds $(api "$CAIRN_URL/v1/archive/$archive" | json_field stored_size)"
  api -X DELETE "$CAIRN_URL/v1/archive/$archive" >/dev/null
}

if [ "$warmup_mb" -gt 0 ]; then
  printf 'warm-up, %d MB each, not counted:' "$warmup_mb"
  for store in "${stores[@]}"; do
    read -r seconds _ <<< "$(backup "${warmup[$store]}")"
    printf ' %s %.2f s' "$store" "$seconds"
  done
  echo
fi
echo "input: $input_bytes bytes; $rounds round(s) of ${stores[*]}"
for round in $(seq 1 "$rounds"); do
  for store in "${stores[@]}"; do
    cairn_cpu="$(cpu_seconds "$server_pid")"; servers_cpu="$(cpu_seconds "$stores_pid")"
    quiet="$(echo "scale=3; ${best[$store]:-0} * 0.7" | bc)"
    read -r seconds stored <<< "$(backup "${job[$store]}" "$quiet")"
    printf 'round %d: %-4s %7.2f s (%s bytes stored; cpu: cairn %.1f s, s3/sftp servers %.1f s)\n' "$round" "$store" \
      "$seconds" "$stored" "$(echo "$(cpu_seconds "$server_pid") - $cairn_cpu" | bc)" \
      "$(echo "$(cpu_seconds "$stores_pid") - $servers_cpu" | bc)"
    if [ -z "${best[$store]:-}" ] || [ "$(echo "$seconds < ${best[$store]}" | bc)" -eq 1 ]; then best[$store]="$seconds"; fi
    echo "$store $seconds" >> "$work/times"
  done
done
rss_kb="$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")"
# best and median of each store, and the ratios to fs of each
python3 - "$work/times" <<'PY'
import collections, statistics, sys
times = collections.defaultdict(list)
for line in open(sys.argv[1]):
    store, seconds = line.split()
    times[store].append(float(seconds))
for name, pick in (("best", min), ("median", statistics.median)):
    print(f"{name} of {len(next(iter(times.values())))}: " + ", ".join(f"{s} {pick(t):.2f} s" for s, t in times.items()))
    for store in ("s3", "sftp"):
        if "fs" in times and store in times:
            print(f"  ratio {store}/fs {pick(times[store]) / pick(times['fs']):.3f} (target <= 1.5)")
PY
printf 'cairn server peak RSS: %d MB (target < 500 MB)\n' "$((rss_kb / 1024))"
