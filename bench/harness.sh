# Sourced by the benchmarks, after they set root (the repository) and work (a temporary directory):
#
#   free_port                         a free TCP port on 127.0.0.1
#   json_field NAME                   field NAME of the JSON object on stdin
#   start_cairn [JVM_OPTION...]       a Cairn server (./cairn server, the launcher) on a free port, data in
#                                     $data_dir (default $work/data); sets CAIRN_URL, CAIRN_TOKEN and server_pid
#   cli ARG...                        the Cairn CLI (./cairn);  api CURL_ARG...: curl with the token
#   api_post PATH                     POSTs the JSON on stdin (secrets stay off command lines)
#   create_backup_job                 a paused job of the target whose JSON (named bench-db) is on
#                                     stdin into an fs store; prints the job's uuid
#   compare_backups ROUNDS JOB_UUID SHELL_FUNCTION OUTPUT_FILE
#   report_peak_rss PID LIMIT_MB
#
# compare_backups times a Cairn job against the equivalent shell pipe.
# Runs one warm-up round of each first, not counted (the server's JIT compiles the pipeline on its
# first backups; a long-running server pays that once), then ROUNDS rounds alternating shell and
# Cairn, and prints every time, the best and the median of each side, and the ratios cairn/shell.
# Cairn's task is first polled after 70% of its best time so far, so that polling does not take
# CPU from the backup it times.
# SHELL_FUNCTION must write its archive to OUTPUT_FILE. Needs CAIRN_URL and CAIRN_TOKEN.

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
cli() { "$root/cairn" "$@"; }
api() { curl -sf -H "Authorization: Bearer $CAIRN_TOKEN" "$@"; }
api_post() { api -X POST -H 'Content-Type: application/json' --data-binary @- "$CAIRN_URL$1"; }

start_cairn() {
  local port waited=0
  port="$(free_port)"
  export CAIRN_TOKEN="bench-token" CAIRN_URL="http://127.0.0.1:$port"
  # through the launcher, with the JVM options users get (JVM_OPTIONs go after them); it builds
  # the jar first when it is missing or older than the sources
  CAIRN_JAVA_OPTS="$* ${CAIRN_JAVA_OPTS:-}" "$root/cairn" server --data "${data_dir:-$work/data}" --listen "127.0.0.1:$port" \
    > "$work/server.log" 2>&1 &
  server_pid=$!
  until curl -sf "$CAIRN_URL/healthz" >/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null || [ "$waited" -ge 3000 ]; then
      echo "the Cairn server did not start; its log:" >&2
      tail -20 "$work/server.log" >&2
      return 1
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
}

create_backup_job() {
  api_post /v1/targets >/dev/null
  cli create store --name bench-store --plugin fs --endpoint "{\"path\":\"$work/store\"}" >/dev/null
  cli create schedule --name bench-schedule --when "daily 4am" >/dev/null
  cli create retention policy --name bench-retention --expires 1d >/dev/null
  cli create job --name bench-job --target bench-db --store bench-store --schedule bench-schedule \
    --retention bench-retention --paused >/dev/null
  cli --json show job bench-job | json_field uuid
}

# seconds, with milliseconds, that a command takes
time_of() {
  local start end
  start="$(date +%s%N)"
  "$@"
  end="$(date +%s%N)"
  echo "scale=3; ($end - $start) / 1000000000" | bc
}

compare_backups() {
  local rounds="$1" job="$2" shell_backup="$3" output="$4" shell cairn best quiet
  local -a shells=() cairns=()
  shell="$(time_of "$shell_backup")"
  best="$("$bench_dir/run-job.py" "$job")"
  echo "warm-up (not counted): shell pipe $shell s, cairn $best s"
  for round in $(seq 1 "$rounds"); do
    # each side starts with nothing dirty in the page cache to write back
    sync
    shell="$(time_of "$shell_backup")"
    sync
    quiet="$(echo "scale=3; $best * 0.7" | bc)"
    cairn="$("$bench_dir/run-job.py" "$job" "$quiet")"
    if [ "$(echo "$cairn < $best" | bc)" -eq 1 ]; then best="$cairn"; fi
    printf 'round %d: shell pipe %.2f s (%s bytes), cairn %.2f s\n' "$round" "$shell" "$(stat -c %s "$output")" "$cairn"
    shells+=("$shell"); cairns+=("$cairn")
    rm -f "$output"
  done
  python3 - "${shells[*]}" "${cairns[*]}" <<'PY'
import statistics, sys
shell = [float(x) for x in sys.argv[1].split()]
cairn = [float(x) for x in sys.argv[2].split()]
n = len(shell)
print(f"best of {n}: shell pipe {min(shell):.2f} s, cairn {min(cairn):.2f} s, ratio cairn/shell {min(cairn) / min(shell):.3f} (target <= 1.10)")
print(f"median of {n}: shell pipe {statistics.median(shell):.2f} s, cairn {statistics.median(cairn):.2f} s, "
      f"ratio cairn/shell {statistics.median(cairn) / statistics.median(shell):.3f}")
PY
}

# the Cairn server's peak resident memory, against a limit in MB
report_peak_rss() {
  local pid="$1" limit_mb="$2" rss_kb
  rss_kb="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
  printf 'cairn server peak RSS: %d MB (target < %d MB)\n' "$((rss_kb / 1024))" "$limit_mb"
}

# A throw-away PostgreSQL (fsync off) in $work/pg on a free port, listening on 127.0.0.1, with
# pgbench's tables at scale $1 in database "bench" (an archive of the database named postgres would
# clash with an engine's own when it is loaded). Sets pg_port; needs $pgbin, $work, root (runuser).
start_pgbench_source() {
  pg_port="$(free_port)"
  mkdir -p "$work/pg" "$work/sock" && chown postgres "$work/pg" "$work/sock"
  runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" \
    -o "-p $pg_port -k $work/sock -c listen_addresses=127.0.0.1 -c fsync=off" -w start >/dev/null
  "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres bench
  echo "pgbench scale $1: loading…"
  "$pgbin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -i -q -s "$1" bench >/dev/null 2>&1
}
