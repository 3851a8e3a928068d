#!/usr/bin/env python3
"""Runs a Cairn job once through the API and prints how long it took, in seconds.

    bench/run-job.py JOB_UUID [QUIET_SECONDS] [--archive]    (CAIRN_URL and CAIRN_TOKEN from the environment)

Asks for a run, waits QUIET_SECONDS (default 0) without asking anything, then polls the task over
one kept-alive connection every 20 ms until it ends. The measurement itself thus costs next to no
CPU: a poll loop of curl and python processes would take a good part of a core away from the
backup it measures, and even these polls cost the server a little, which the quiet start (a
fraction of a run's known length) avoids. With --archive it prints the new archive's uuid after
the seconds. Exits 1 if the task did not end done.
"""
import http.client
import json
import os
import sys
import time
import urllib.parse

url = urllib.parse.urlparse(os.environ["CAIRN_URL"])
headers = {"Authorization": "Bearer " + os.environ["CAIRN_TOKEN"], "Content-Type": "application/json"}
connection = http.client.HTTPConnection(url.hostname, url.port)


def call(method, path, body=None):
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    if response.status >= 300:
        sys.exit(f"{method} {path}: HTTP {response.status} {payload.decode(errors='replace')}")
    return json.loads(payload)


arguments = [a for a in sys.argv[1:] if a != "--archive"]
job = arguments[0]
quiet = float(arguments[1]) if len(arguments) > 1 else 0
start = time.monotonic()
task = call("POST", f"/v1/job/{job}/run", json.dumps({"owner": "bench"}))["task_uuid"]
time.sleep(quiet)
while True:
    reply = call("GET", f"/v1/task/{task}?log_offset=100000000")
    if reply["status"] in ("done", "failed", "canceled"):
        break
    time.sleep(0.02)
elapsed = time.monotonic() - start
if reply["status"] != "done":
    print(json.dumps(call("GET", f"/v1/task/{task}"), indent=1), file=sys.stderr)
    sys.exit(f"task {task} ended {reply['status']}")
print(f"{elapsed:.3f}" + (f" {reply['archive_uuid']}" if "--archive" in sys.argv else ""))
