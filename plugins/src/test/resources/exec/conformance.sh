#!/bin/sh
# A plugin speaking Cairn's Plugin Calling Protocol, for the conformance tests: a target that
# backs up the directory 'path' as a tar, and a store that keeps blobs as files under 'path'.
# The endpoint arrives as JSON in $CAIRN_ENDPOINT; every command line is appended to .argv beside
# this script so that tests can check that no secret was ever on one.
set -u
here=$(cd "$(dirname "$0")" && pwd)
printf '%s\n' "$*" >> "$here/.argv"

action=${1:-}
[ $# -gt 0 ] && shift
key=
while [ $# -gt 0 ]; do
  case $1 in
    --key) key=$2; shift 2 ;;
    *) echo "conformance: unknown argument $1" >&2; exit 2 ;;
  esac
done

field() {
  printf '%s' "${CAIRN_ENDPOINT:-}" | sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p"
}

need_dir() {
  dir=$(field path)
  if [ ! -d "$dir" ]; then
    echo "conformance: no directory $dir" >&2
    exit 3
  fi
}

case $action in
  info)
    cat <<'JSON'
{
  "name": "Conformance test plugin",
  "author": "Cairn tests",
  "version": "1.2.3",
  "features": { "target": "yes", "store": "yes", "exists": "yes" },
  "help": "Backs up a directory as a tar; stores blobs as files.",
  "_private": "ignored",
  "fields": [
    { "name": "path", "type": "abspath", "required": true, "help": "the directory" },
    { "name": "user", "type": "string", "default": "backup", "mode": "target", "help": "who backs up" },
    { "name": "password", "type": "password", "mode": "target", "help": "a secret the script only prints to stderr" },
    { "name": "stall", "type": "bool", "default": "no", "mode": "target", "help": "hang after the first bytes" }
  ]
}
JSON
    ;;
  backup)
    need_dir
    echo "conformance: backing up $dir as $(field user) with password $(field password)" >&2
    if [ "$(field stall)" = "true" ]; then
      echo "conformance: stalling" >&2
      sleep 60
    fi
    exec tar -C "$dir" -cf - .
    ;;
  restore)
    need_dir
    exec tar -C "$dir" -xf -
    ;;
  store)
    need_dir
    name=${CAIRN_NAME:-blob-$$}
    mkdir -p "$(dirname "$dir/$name")" || exit 4
    cat > "$dir/$name.partial" || { rm -f "$dir/$name.partial"; exit 4; }
    mv "$dir/$name.partial" "$dir/$name" || exit 4
    printf '{"key": "%s", "_size": "%s"}\n' "$name" "$(wc -c < "$dir/$name")"
    ;;
  retrieve)
    need_dir
    if [ ! -f "$dir/$key" ]; then
      echo "conformance: no blob $key in $dir" >&2
      exit 5
    fi
    exec cat "$dir/$key"
    ;;
  purge)
    need_dir
    rm -f "$dir/$key" "$dir/$key.partial"
    ;;
  exists)
    need_dir
    if [ -f "$dir/$key" ]; then echo '{"exists": true}'; else echo '{"exists": false}'; fi
    ;;
  *)
    echo "conformance: unknown action '$action'" >&2
    exit 2
    ;;
esac
