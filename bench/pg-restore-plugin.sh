#!/usr/bin/env bash
# Benchmark: restore time of a pgbench database through the postgres plugin, before and after a change.
#   bench/pg-restore-plugin.sh PORT BEFORE_REV [SCALE] [ROUNDS]
# PORT is a running PostgreSQL server with trust auth on 127.0.0.1 for user postgres; BEFORE_REV is
# the git revision whose plugins/postgres is compared with the working tree's (built classes).
# Loads pgbench -i -s SCALE (default 50) into database 'bench', backs it up once, then restores it
# ROUNDS times (default 2) with each version, alternating, and prints the times and their ratio.
set -euo pipefail
port="$1"; before_rev="$2"; scale="${3:-50}"; rounds="${4:-2}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
java="$("$root/bin/jdk25")/bin/java"
javac="$("$root/bin/jdk25")/bin/javac"
work="$(mktemp -d /tmp/cairn-pg-restore.XXXXXX)"
trap 'rm -rf "$work"' EXIT
api="$root/plugin-api/target/classes"
after="$root/plugins/target/classes"
[ -d "$api" ] && [ -d "$after" ] || { echo "build first: ./mvnw -B -o -q -pl plugins -am compile" >&2; exit 1; }
mkdir -p "$work/src" "$work/before"
git -C "$root" archive "$before_rev" plugins/src/main/java/dev/cairn/plugins/postgres | tar -x -C "$work/src"
"$javac" -d "$work/before" -cp "$api" $(find "$work/src" -name '*.java')
psql=("$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -X -q)
"${psql[@]}" -c "DROP DATABASE IF EXISTS bench WITH (FORCE)" -c "CREATE DATABASE bench"
echo "pgbench scale $scale: loading…"
"$pgbin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -i -q -s "$scale" bench >/dev/null 2>&1
"${psql[@]}" -Atc "SELECT 'database size: ' || pg_size_pretty(pg_database_size('bench'))"
time_it() { "$java" -cp "$1:$api" "$root/bench/PgRestoreTiming.java" "$2" "$work/archive" "$port" bench 2>/dev/null | awk '{print $2}'; }
echo "backup: $(time_it "$after" backup) s, archive $(stat -c %s "$work/archive") bytes"
before_times=(); after_times=()
for ((i = 1; i <= rounds; i++)); do
  before_times+=("$(time_it "$work/before" restore)")
  after_times+=("$(time_it "$after" restore)")
  echo "round $i: before ${before_times[-1]} s, after ${after_times[-1]} s"
done
printf '%s\n' "${before_times[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; print "before median: " m}' > "$work/b"
printf '%s\n' "${after_times[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; print "after median: " m}' > "$work/a"
cat "$work/b" "$work/a"
awk 'NR==1{b=$3} NR==2{a=$3} END {printf "ratio after/before: %.3f\n", a/b}' "$work/b" "$work/a"
