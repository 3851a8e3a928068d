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
import json
import sys

from cairn_task import call, follow

arguments = [a for a in sys.argv[1:] if a != "--archive"]
job = arguments[0]
quiet = float(arguments[1]) if len(arguments) > 1 else 0
task, elapsed, reply = follow(f"/v1/job/{job}/run", quiet)
if reply["status"] != "done":
    print(json.dumps(call("GET", f"/v1/task/{task}"), indent=1), file=sys.stderr)
    sys.exit(f"task {task} ended {reply['status']}")
print(f"{elapsed:.3f}" + (f" {reply['archive_uuid']}" if "--archive" in sys.argv else ""))
