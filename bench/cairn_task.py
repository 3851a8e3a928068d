"""What bench/run-job.py and bench/run-restore.py share: one kept-alive API connection, and asking
for a task and following it to its end without costing the server it measures any CPU.

The task is asked for, then nothing is asked for QUIET seconds (a fraction of a run's known length),
then it is polled every 20 ms: a poll loop of curl and python processes would take a good part of a
core away from the work it times. CAIRN_URL and CAIRN_TOKEN come from the environment.
"""
import http.client
import json
import os
import sys
import time
import urllib.parse

_url = urllib.parse.urlparse(os.environ["CAIRN_URL"])
_headers = {"Authorization": "Bearer " + os.environ["CAIRN_TOKEN"], "Content-Type": "application/json"}
_connection = http.client.HTTPConnection(_url.hostname, _url.port)


def call(method, path, body=None):
    """The JSON reply to one request; exits naming the request when it is refused."""
    _connection.request(method, path, body=body, headers=_headers)
    response = _connection.getresponse()
    payload = response.read()
    if response.status >= 300:
        sys.exit(f"{method} {path}: HTTP {response.status} {payload.decode(errors='replace')}")
    return json.loads(payload)


def follow(path, quiet):
    """POSTs to PATH (which answers a task_uuid), follows the task; returns (task uuid, seconds, last poll reply)."""
    start = time.monotonic()
    task = call("POST", path, json.dumps({"owner": "bench"}))["task_uuid"]
    time.sleep(quiet)
    while True:
        reply = call("GET", f"/v1/task/{task}?log_offset=100000000")
        if reply["status"] in ("done", "failed", "canceled"):
            return task, time.monotonic() - start, reply
        time.sleep(0.02)
