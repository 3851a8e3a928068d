#!/usr/bin/env bash
# Benchmark: back up a MariaDB database through Cairn and through the equivalent shell pipe
#   mariadb-dump --single-transaction DB | zstd -3 | age -r KEY > file
# in the same run, and print both times, their ratio and the Cairn server's peak RSS.
#
#   bench/mariadb-backup.sh [SIZE_MB] [ROUNDS]   (default 500 MB of dump, 5 rounds)
#   BENCH_MARIADB_PORT=3306 BENCH_MARIADB_PASSWORD=pw bench/mariadb-backup.sh
#       reuse a running server (user root, or BENCH_MARIADB_USER) whose database BENCH_MARIADB_DATABASE
#       (default bench) is already loaded
#
# Needs: MariaDB server and client (mariadb-install-db, mariadbd, mariadb, mariadb-dump), zstd, age, a JDK 25.
set -euo pipefail
size_mb="${1:-500}"
rounds="${2:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/cairn-bench.XXXXXX)"
chmod 755 "$work"
db_user="${BENCH_MARIADB_USER:-root}"
db_password="${BENCH_MARIADB_PASSWORD:-bench-pw}"
database="${BENCH_MARIADB_DATABASE:-bench}"
server_pid=""
mariadbd_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  if [ -n "$mariadbd_pid" ]; then
    mariadb-admin --no-defaults --socket="$work/sock/mariadbd.sock" --user=root shutdown >/dev/null 2>&1 \
      || kill "$mariadbd_pid" 2>/dev/null || true
    wait "$mariadbd_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/harness.sh
. "$root/bench/harness.sh"
mariadbd="$(command -v mariadbd || echo /usr/sbin/mariadbd)"

# The password goes in a 0600 option file, for the shell pipe as for Cairn.
umask 077
printf '[client]\npassword="%s"\n' "$db_password" > "$work/client.cnf"
umask 022
sql() { mariadb --defaults-extra-file="$work/client.cnf" -h 127.0.0.1 -P "$db_port" -u "$db_user" -N -B "$@"; }

if [ -n "${BENCH_MARIADB_PORT:-}" ]; then
  db_port="$BENCH_MARIADB_PORT"
else
  db_port="$(free_port)"
  mkdir -p "$work/db" "$work/sock"
  # mariadbd refuses to run as root unless told which user to become
  as_user=(); [ "$(id -u)" -eq 0 ] && { chown mysql "$work/db" "$work/sock"; as_user=(--user=mysql); }
  mariadb-install-db --no-defaults "${as_user[@]}" --datadir="$work/db" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve >/dev/null
  "$mariadbd" --no-defaults "${as_user[@]}" --datadir="$work/db" --socket="$work/sock/mariadbd.sock" \
    --port="$db_port" --bind-address=127.0.0.1 --skip-name-resolve --skip-log-bin \
    --character-set-server=utf8mb4 --innodb-buffer-pool-size=256M --innodb-log-file-size=256M \
    --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --log-error="$work/sock/mariadbd.log" &
  mariadbd_pid=$!
  for _ in $(seq 1 150); do
    mariadb-admin --no-defaults --socket="$work/sock/mariadbd.sock" --user=root ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  mariadb --no-defaults --socket="$work/sock/mariadbd.sock" --user=root -e \
    "CREATE OR REPLACE USER 'root'@'127.0.0.1' IDENTIFIED BY '$db_password';
     GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
     CREATE DATABASE $database;"
  # about 165 bytes of dump per row: ids, numbers, an e-mail address and a line of text
  rows=$((size_mb * 1000000 / 165))
  echo "loading $rows rows (about $size_mb MB of dump)…"
  sql "$database" -e "CREATE TABLE accounts (id INT PRIMARY KEY, branch INT NOT NULL, balance INT NOT NULL,
                        email VARCHAR(64) NOT NULL, note VARCHAR(255) NOT NULL) ENGINE=InnoDB"
  batch=500000
  for ((start = 1; start <= rows; start += batch)); do
    end=$((start + batch - 1)); [ "$end" -gt "$rows" ] && end="$rows"
    sql "$database" -e "INSERT INTO accounts SELECT seq, seq % 1000, FLOOR(RAND(seq) * 1000000),
        CONCAT(MD5(seq), '@example.com'), CONCAT(SHA2(seq, 256), ' lorem ipsum dolor sit amet ', seq % 977)
        FROM seq_${start}_to_${end}"
  done
fi
sql "$database" -e "ANALYZE TABLE accounts" >/dev/null 2>&1 || true
sql -e "SELECT CONCAT('database size: ', ROUND(SUM(data_length + index_length) / 1048576), ' MB')
        FROM information_schema.tables WHERE table_schema = '$database'"

start_cairn
pubkey="$(api "$CAIRN_URL/v1/meta/pubkey")"
job_uuid="$(create_backup_job <<EOF
{"name": "bench-db", "plugin": "mysql", "endpoint": {"host": "127.0.0.1", "port": $db_port,
 "user": "$db_user", "password": "$db_password", "database": "$database"}}
EOF
)"
shell_backup() {
  mariadb-dump --defaults-extra-file="$work/client.cnf" -h 127.0.0.1 -P "$db_port" -u "$db_user" --single-transaction \
    "$database" | zstd -3 -q | age -r "$pubkey" > "$work/shell.age"
}
compare_backups "$rounds" "$job_uuid" shell_backup "$work/shell.age"
stored="$(cli --json list archives | python3 -c 'import json,sys; a=json.load(sys.stdin)[0]; print(a["size"], a["stored_size"])')"
echo "archive: raw and stored bytes: $stored"
report_peak_rss "$server_pid" 500
