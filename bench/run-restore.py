#!/usr/bin/env python3
"""Restores a Cairn archive once through the API and prints how long it took, in seconds, and how
long of that the check before the restore took (read the object to its end, SHA-256, manifest,
decrypt and decompress), from the task log.

    bench/run-restore.py ARCHIVE_UUID [QUIET_SECONDS]    (CAIRN_URL and CAIRN_TOKEN from the environment)

Polls as bench/run-job.py does (one kept-alive connection, every 20 ms after a quiet start).
BENCH_SHOW_LOG=1 prints the task's log to stderr.
Exits 1 if the task did not end done.
"""
import os
import re
import sys

from cairn_task import call, follow

archive = sys.argv[1]
quiet = float(sys.argv[2]) if len(sys.argv) > 2 else 0
task, elapsed, reply = follow(f"/v1/archive/{archive}/restore", quiet)
log = call("GET", f"/v1/task/{task}")["log"]
if reply["status"] != "done":
    print(log, file=sys.stderr)
    sys.exit(f"task {task} ended {reply['status']}")
if os.environ.get("BENCH_SHOW_LOG"):
    print(log, file=sys.stderr)
check = re.search(r"decrypted and decompressed in ([0-9.]+) s", log)
print(f"{elapsed:.3f} {check.group(1) if check else 'nan'}")
