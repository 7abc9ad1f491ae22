#!/usr/bin/env python3
"""Load test for `redline serve` (a script, not a timed test).

    .venv/bin/python scripts/load_test.py                  # 50 clients x 200 checks, own server
    .venv/bin/python scripts/load_test.py --clients 5 --checks 20
    .venv/bin/python scripts/load_test.py --url ws://127.0.0.1:8734/ws --token "$(redline token)"

Starts `redline serve` on a free loopback port (unless --url is given), works
out each text's expected suggestions with one sequential pass, then runs every
client at once, each keeping --window checks in flight. Every reply is matched
to its request by id and compared with the expected suggestions: a reply for an
unknown or already-answered id, or with other suggestions, counts as
mismatched; a request never answered counts as lost. Both must be 0. Prints
p50/p99 latency (send to reply, as a client sees it) and throughput.
Traffic goes to loopback only, and the run stops by itself (--timeout).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import websockets

ORIGIN = "chrome-extension://" + "abcdefghijklmnop" * 2
TEXTS = [
    "She go to school every day.",
    "He have two cat and a dog.",
    "I seen that movie yesterday, it were great.",
    "Their going to the park tomorrow.",
    "The results was better then we expected.",
    "This sentence is already correct.",
    "We discussed about the problem for a hour.",
    "Can you send me the informations before monday?",
    "Ça va? 😀 My freind dont like it.",
    "The team have been working hard, and they deserves a break.",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.elapsed: list[float] = []
        self.errors: Counter = Counter()
        self.mismatched = 0
        self.lost = 0
        self.sent = 0


async def run_client(url: str, origin: str, n: int, checks: int, window: int,
                     expected: dict[str, list], tally: Tally, deadline: float) -> None:
    pending: dict[str, tuple[float, str]] = {}
    answered: set[str] = set()
    slots = asyncio.Semaphore(window)
    async with websockets.connect(url, origin=origin, open_timeout=60, max_size=None) as ws:

        async def receive() -> None:
            while pending or tally_sent < checks:
                raw = await asyncio.wait_for(ws.recv(), max(1.0, deadline - time.monotonic()))
                reply = json.loads(raw)
                rid = reply.get("id")
                if rid not in pending:  # an id we never sent, or one answered twice
                    tally.mismatched += 1
                    continue
                sent_at, text = pending.pop(rid)
                answered.add(rid)
                slots.release()
                if reply.get("type") == "result":
                    tally.latencies.append((time.monotonic() - sent_at) * 1000)
                    tally.elapsed.append(reply["elapsed_ms"])
                    if reply["suggestions"] != expected[text]:
                        tally.mismatched += 1
                else:
                    tally.errors[reply.get("code", reply.get("type"))] += 1

        tally_sent = 0
        receiver = asyncio.create_task(receive())
        try:
            for i in range(checks):
                await slots.acquire()
                if receiver.done():
                    break
                rid = f"c{n}-{i}"
                text = TEXTS[(n + i) % len(TEXTS)]
                pending[rid] = (time.monotonic(), text)
                await ws.send(json.dumps({"id": rid, "type": "check", "text": text}))
                tally.sent += 1
                tally_sent += 1
            await receiver
        except (asyncio.TimeoutError, websockets.ConnectionClosed) as e:
            print(f"client {n}: {type(e).__name__}", file=sys.stderr)
        finally:
            receiver.cancel()
            tally.lost += len(pending)


async def expected_results(url: str, origin: str) -> tuple[dict[str, list], float]:
    """Each text's suggestions, from one client asking one at a time (also warms the model)."""
    expected = {}
    async with websockets.connect(url, origin=origin, open_timeout=60) as ws:
        started = time.monotonic()
        for i, text in enumerate(TEXTS):
            await ws.send(json.dumps({"id": i, "type": "check", "text": text}))
            reply = json.loads(await asyncio.wait_for(ws.recv(), 300))
            if reply.get("type") != "result":
                raise SystemExit(f"warm-up check failed: {reply}")
            expected[text] = reply["suggestions"]
        return expected, time.monotonic() - started


async def main_async(args: argparse.Namespace, url: str) -> int:
    expected, warm_s = await expected_results(url, args.origin)
    print(f"warm-up: {len(TEXTS)} texts in {warm_s:.1f}s (includes model loading)")
    tally = Tally()
    deadline = time.monotonic() + args.timeout
    started = time.monotonic()
    await asyncio.gather(*(run_client(url, args.origin, n, args.checks, args.window, expected, tally, deadline)
                           for n in range(args.clients)))
    wall = time.monotonic() - started
    total = args.clients * args.checks
    lost = tally.lost + (total - tally.sent)
    print(f"clients: {args.clients}  checks each: {args.checks}  window: {args.window}  total: {total}")
    print(f"results: {len(tally.latencies)}  errors: {dict(tally.errors) or 0}  "
          f"lost: {lost}  mismatched: {tally.mismatched}")
    if tally.latencies:
        print(f"latency ms (client, send to reply): p50 {percentile(tally.latencies, .5):.0f}  "
              f"p99 {percentile(tally.latencies, .99):.0f}  max {max(tally.latencies):.0f}")
        print(f"check time ms (host, elapsed_ms): p50 {statistics.median(tally.elapsed):.1f}  "
              f"p99 {percentile(tally.elapsed, .99):.1f}")
    print(f"wall: {wall:.1f}s  throughput: {len(tally.latencies) / wall:.1f} checks/s")
    return 0 if lost == 0 and tally.mismatched == 0 and not tally.errors else 1


def start_server(args: argparse.Namespace) -> tuple[subprocess.Popen, str]:
    config = tempfile.mkdtemp(prefix="redline-load-")
    env = {**os.environ, "REDLINE_CONFIG_DIR": config, "REDLINE_TOKEN_STORE": "file"}
    cmd = [sys.executable, "-m", "native_host.cli", "serve", "--port", "0", "--allow-origin", args.origin,
           "--max-connections", str(args.clients + 4), "--max-pending", str(max(16, args.window)),
           "--rate", "1000", "--burst", "1000"]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
    line = proc.stderr.readline()
    match = re.search(r"ws://127\.0\.0\.1:(\d+)/ws", line)
    if not match:
        proc.kill()
        raise SystemExit(f"redline serve did not start: {line}{proc.stderr.read()}")
    token = subprocess.run([sys.executable, "-m", "native_host.cli", "token"], env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    return proc, f"ws://127.0.0.1:{match.group(1)}/ws?token={token}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--checks", type=int, default=200, help="checks per client")
    parser.add_argument("--window", type=int, default=4, help="checks each client keeps in flight")
    parser.add_argument("--workers", type=int, default=None, help="passed to `redline serve --workers`")
    parser.add_argument("--timeout", type=float, default=3600, help="give up after this many seconds")
    parser.add_argument("--url", help="an already running server (ws://127.0.0.1:PORT/ws); needs --token")
    parser.add_argument("--token", help="its pairing token")
    parser.add_argument("--origin", default=ORIGIN, help="Origin to send (must be on the server's allowlist)")
    args = parser.parse_args()
    if args.url:
        if not re.match(r"ws://(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+/", args.url):
            raise SystemExit("--url must be a loopback address")
        return asyncio.run(main_async(args, f"{args.url}?token={args.token}"))
    proc, url = start_server(args)
    try:
        return asyncio.run(main_async(args, url))
    finally:
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    sys.exit(main())
