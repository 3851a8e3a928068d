# Sourced by the backup benchmarks: times a Cairn job against the equivalent shell pipe.
#
#   compare_backups ROUNDS JOB_UUID SHELL_FUNCTION OUTPUT_FILE
#
# Runs one warm-up round of each first, not counted (the server's JIT compiles the pipeline on its
# first backups; a long-running server pays that once), then ROUNDS rounds alternating shell and
# Cairn, and prints every time, the best and the median of each side, and the ratios cairn/shell.
# Cairn's task is first polled after 70% of its best time so far, so that polling does not take
# CPU from the backup it times.
# SHELL_FUNCTION must write its archive to OUTPUT_FILE. Needs CAIRN_URL and CAIRN_TOKEN.

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

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
