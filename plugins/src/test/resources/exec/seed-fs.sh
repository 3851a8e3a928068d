#!/bin/sh
# A plugin speaking seed 004's Plugin Calling Protocol unchanged, as SHIELD's fs plugin does: it
# declares no endpoint fields, reads its endpoint only from -e/--endpoint JSON on its command line
# (never from $CAIRN_ENDPOINT), and offers validate. As a target it backs up the directory
# 'base_dir' as a tar; as a store it keeps blobs as files under 'base_dir', under keys of its own.
# Every command line is appended to .argv beside this script for the tests to check.
set -u
here=$(cd "$(dirname "$0")" && pwd)
printf '%s\n' "$*" >> "$here/.argv"

action=${1:-}
[ $# -gt 0 ] && shift
endpoint=
key=
while [ $# -gt 0 ]; do
  case $1 in
    -e|--endpoint) endpoint=$2; shift 2 ;;
    -k|--key) key=$2; shift 2 ;;
    *) echo "seed-fs: unknown argument $1" >&2; exit 2 ;;
  esac
done

field() {
  printf '%s' "$endpoint" | sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"
}

need_endpoint() {
  if [ -z "$endpoint" ]; then
    echo "Missing required --endpoint flag" >&2
    exit 1
  fi
  dir=$(field base_dir)
}

need_dir() {
  need_endpoint
  if [ ! -d "$dir" ]; then
    echo "seed-fs: base_dir '$dir' is not a directory" >&2
    exit 3
  fi
}

case $action in
  info)
    cat <<'JSON'
{
  "name": "SHIELD-style fs plugin",
  "author": "Cairn tests",
  "version": "0.10.9",
  "features": { "target": "yes", "store": "yes" }
}
JSON
    ;;
  validate)
    need_endpoint
    if [ -z "$dir" ]; then
      echo "base_dir: required but not set" >&2
      exit 1
    fi
    if [ ! -d "$dir" ]; then
      echo "base_dir: '$dir' is not a directory" >&2
      exit 1
    fi
    echo "base_dir: $dir"
    ;;
  backup)
    need_dir
    echo "seed-fs: backing up $dir with token $(field token); CAIRN_ENDPOINT is ${CAIRN_ENDPOINT:-unset}" >&2
    exec tar -C "$dir" -cf - .
    ;;
  restore)
    need_dir
    exec tar -C "$dir" -xf -
    ;;
  store)
    need_dir
    key=blob-$(date +%s)-$$
    cat > "$dir/$key" || { rm -f "$dir/$key"; exit 4; }
    printf '{\n    "key": "%s"\n}\n' "$key"
    ;;
  retrieve)
    need_dir
    if [ -z "$key" ] || [ ! -f "$dir/$key" ]; then
      echo "seed-fs: no blob '$key' in $dir" >&2
      exit 5
    fi
    exec cat "$dir/$key"
    ;;
  purge)
    need_dir
    rm -f "$dir/$key"
    ;;
  *)
    echo "seed-fs: unsupported action '$action'" >&2
    exit 2
    ;;
esac
