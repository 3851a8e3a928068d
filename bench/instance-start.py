#!/usr/bin/env python3
"""Times new instances of one image: from POST /v1/instances to the first query that succeeds on it.

    bench/instance-start.py IMAGE_ID ROUNDS MOUNT QUERY     (CAIRN_URL and CAIRN_TOKEN from the environment)

Each round POSTs {"image": IMAGE_ID}, then runs QUERY with psql against the instance's host, port, user,
database and password (the password through PGPASSWORD, never on a command line) until it succeeds,
and prints the seconds; then the disk the instance added: the file system's used bytes (statvfs of
MOUNT, after a sync) since before the POST, and the instance's own_bytes as Cairn reports them. The
instance is deleted before the next round. Prints one line per round and the median and worst at the end.
"""
import json
import os
import statistics
import subprocess
import sys
import time

from cairn_task import call

image, rounds, mount, query = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]


def used():
    subprocess.run(["sync"], check=True)
    subprocess.run(["btrfs", "filesystem", "sync", mount], check=False, capture_output=True)
    s = os.statvfs(mount)
    return (s.f_blocks - s.f_bfree) * s.f_frsize


times, added = [], []
for round_number in range(1, rounds + 1):
    before = used()
    start = time.monotonic()
    instance = call("POST", "/v1/instances", json.dumps({"image": image}))["instance"]
    env = dict(os.environ, PGPASSWORD=instance["password"], PGCONNECT_TIMEOUT="2")
    command = ["psql", "-h", instance["host"], "-p", str(instance["port"]), "-U", instance["user"],
               "-d", instance["database"], "-Atc", query]
    while True:
        answer = subprocess.run(command, env=env, capture_output=True, text=True)
        if answer.returncode == 0:
            break
        if time.monotonic() - start > 120:
            sys.exit(f"instance {instance['id']} did not answer in 120 s: {answer.stderr.strip()}")
        time.sleep(0.01)
    elapsed = time.monotonic() - start
    after = used()
    own = call("GET", f"/v1/instance/{instance['id']}")["own_bytes"]
    times.append(elapsed)
    added.append(after - before)
    print(f"round {round_number}: first query after {elapsed:.3f} s ({answer.stdout.strip()} rows), file system "
          f"used +{(after - before) / 2**20:.1f} MiB, own_bytes {own / 2**20:.1f} MiB, clone {instance['clone_backend']}",
          flush=True)
    call("DELETE", f"/v1/instance/{instance['id']}")
print(f"median {statistics.median(times):.3f} s, worst {max(times):.3f} s (target < 2 s); "
      f"disk added median {statistics.median(added) / 2**20:.1f} MiB, worst {max(added) / 2**20:.1f} MiB (target < 50 MB)")
