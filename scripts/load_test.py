#!/usr/bin/env python3
"""Load test for `redline serve` (a script, not a timed test).

    .venv/bin/python scripts/load_test.py                  # 50 clients x 200 checks, own server
    .venv/bin/python scripts/load_test.py --clients 5 --checks 20
    .venv/bin/python scripts/load_test.py --texts repeat   # 10 texts over and over: the sentence cache answers
    .venv/bin/python scripts/load_test.py --url ws://127.0.0.1:8734/ws --token "$(redline token)"
    .venv/bin/python scripts/load_test.py --clients 10 --checks 50 --slow-clients 4 --idle-connections 200

Starts `redline serve` on a free loopback port (unless --url is given) and runs
every client at once, each keeping --window checks in flight. By default every
text is different (a numbered sentence), so the checker's sentence cache does
not hide the model's cost. Every reply is matched to its request by id; a reply
for an unknown or already-answered id, or whose suggestions do not index its
own request's text, counts as mismatched, and so does one that differs from
asking again one at a time afterwards (a --verify sample). A request never
answered counts as lost. Both must be 0. Prints p50/p99 latency (send to
reply, as a client sees it) and throughput.

The slow-input mix (--slow-clients) runs beside them: each slow client sends
pathological texts (SLOW_TEXTS) one after another; each must be answered, with a
result or `too_large` (its work budget ran out), within SLOW_BOUND_S. Silent and
half-sent connections (--idle-connections) must be closed by the server
(after 10 s) before the run ends.
Traffic goes to loopback only, and the run stops by itself (--timeout).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import websockets

from native_host.limits import BUDGET_BASE_S, BUDGET_PER_UNIT_S, MAX_CHECK_UTF16

ORIGIN = "chrome-extension://" + "abcdefghijklmnop" * 2
TEMPLATES = [
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
# Up to the longest check the transports accept (limits.MAX_CHECK_UTF16, 40,000 units).
SLOW_TEXTS = ["teh " * 60, "teh " * 600, "teh " * 5000, ("the cat sat on teh mat and " * 800)[:20000],
              ("the cat sat on teh mat and " * 1600)[:MAX_CHECK_UTF16], "I go. " * 2000]
SLOW_BOUND_S = BUDGET_BASE_S + BUDGET_PER_UNIT_S * MAX_CHECK_UTF16 + 1.5  # its work budget (17.5 s), the reply, a contended machine
NAMES = ["Ana", "Ben", "Chen", "Dara", "Emil", "Fatou", "Goran", "Hiro", "Ines", "Jonas"]


def make_text(client: int, i: int, unique: bool) -> str:
    template = TEMPLATES[(client + i) % len(TEMPLATES)]
    if not unique:
        return template
    # A different sentence for every request (the cache keys on sentences), of varying length.
    return f"{NAMES[client % len(NAMES)]} wrote note {client * 1000 + i} on page {i * 7 + 3}. {template}"


def spans_fit(text: str, suggestions: list[dict]) -> bool:
    """Each suggestion's UTF-16 span holds its `text`: a reply routed to the wrong request fails this."""
    units = text.encode("utf-16-le")
    return all(units[2 * s["start"]: 2 * s["end"]].decode("utf-16-le", "replace") == s["text"] for s in suggestions)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.elapsed: list[float] = []
        self.errors: Counter = Counter()
        self.mismatched = 0
        self.lost = 0
        self.sent = 0


async def run_client(url: str, origin: str, n: int, args: argparse.Namespace,
                     tally: Tally, answers: dict[str, list], deadline: float) -> None:
    pending: dict[str, tuple[float, str]] = {}
    slots = asyncio.Semaphore(args.window)
    sent = 0
    async with websockets.connect(url, origin=origin, open_timeout=60, max_size=None) as ws:

        async def receive() -> None:
            while pending or sent < args.checks:
                reply = json.loads(await asyncio.wait_for(ws.recv(), max(1.0, deadline - time.monotonic())))
                rid = reply.get("id")
                if rid not in pending:  # an id we never sent, or one answered twice
                    tally.mismatched += 1
                    continue
                sent_at, text = pending.pop(rid)
                slots.release()
                if reply.get("type") == "result":
                    tally.latencies.append((time.monotonic() - sent_at) * 1000)
                    tally.elapsed.append(reply["elapsed_ms"])
                    answers[text] = reply["suggestions"]
                    if not spans_fit(text, reply["suggestions"]):
                        tally.mismatched += 1
                else:
                    tally.errors[reply.get("code", reply.get("type"))] += 1

        receiver = asyncio.create_task(receive())
        try:
            for i in range(args.checks):
                await slots.acquire()
                if receiver.done():
                    break
                rid = f"c{n}-{i}"
                text = make_text(n, i, args.texts == "unique")
                pending[rid] = (time.monotonic(), text)
                await ws.send(json.dumps({"id": rid, "type": "check", "text": text}))
                sent += 1
                tally.sent += 1
            await receiver
        except (TimeoutError, websockets.ConnectionClosed) as e:
            print(f"client {n}: {type(e).__name__}", file=sys.stderr)
        finally:
            receiver.cancel()
            tally.lost += len(pending)


async def run_slow_client(url: str, origin: str, n: int, args: argparse.Namespace, slow: Tally) -> None:
    """Pathological texts, one at a time: each answered (result or too_large) within SLOW_BOUND_S."""
    async with websockets.connect(url, origin=origin, open_timeout=60, max_size=None) as ws:
        for i in range(args.slow_checks):
            text = SLOW_TEXTS[(n + i) % len(SLOW_TEXTS)]
            sent_at = time.monotonic()
            slow.sent += 1
            await ws.send(json.dumps({"id": i, "type": "check", "text": text}))
            try:
                reply = json.loads(await asyncio.wait_for(ws.recv(), 120))
            except (TimeoutError, websockets.ConnectionClosed):
                slow.lost += 1
                return
            took = time.monotonic() - sent_at
            slow.latencies.append(took * 1000)
            if reply.get("id") != i:
                slow.mismatched += 1
            code = "result" if reply.get("type") == "result" else reply.get("code")
            slow.errors[code if took < SLOW_BOUND_S else f"{code} (late)"] += 1


async def idle_connections(url: str, k: int) -> tuple[int, int]:
    """Open k connections that send nothing or half a request; (opened, closed by the server) after 15 s."""
    host, port = re.match(r"ws://([^/]+):(\d+)/", url).groups()
    host = host.strip("[]")
    conns = []
    for i in range(k):
        reader, writer = await asyncio.open_connection(host, int(port))
        if i % 2:
            writer.write(b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # and never the rest
        conns.append((reader, writer))

    async def closed(reader) -> bool:
        try:
            while await asyncio.wait_for(reader.read(4096), 15):
                pass
            return True  # EOF: the server closed it
        except (TimeoutError, ConnectionError):
            return False

    results = await asyncio.gather(*(closed(r) for r, _ in conns))
    for _, writer in conns:
        writer.close()
    return k, sum(results)


async def ask_one_at_a_time(url: str, origin: str, texts: list[str]) -> dict[str, list]:
    """Each text's suggestions from a single client that waits for every reply."""
    out = {}
    async with websockets.connect(url, origin=origin, open_timeout=60, max_size=None) as ws:
        for i, text in enumerate(texts):
            await ws.send(json.dumps({"id": i, "type": "check", "text": text}))
            reply = json.loads(await asyncio.wait_for(ws.recv(), 300))
            if reply.get("type") != "result":
                raise SystemExit(f"a lone check failed: {reply}")
            out[text] = reply["suggestions"]
    return out


async def main_async(args: argparse.Namespace, url: str) -> int:
    started = time.monotonic()
    await ask_one_at_a_time(url, args.origin, TEMPLATES)
    print(f"warm-up: {len(TEMPLATES)} texts in {time.monotonic() - started:.1f}s (includes model loading)")
    tally, answers, slow = Tally(), {}, Tally()
    deadline = time.monotonic() + args.timeout
    started = time.monotonic()
    idle = asyncio.create_task(idle_connections(url, args.idle_connections)) if args.idle_connections else None
    await asyncio.gather(*(run_client(url, args.origin, n, args, tally, answers, deadline)
                           for n in range(args.clients)),
                         *(run_slow_client(url, args.origin, n, args, slow) for n in range(args.slow_clients)))
    wall = time.monotonic() - started
    opened, closed = await idle if idle else (0, 0)

    # Ask again, one at a time, and compare: the checker is deterministic, so a difference
    # is a reply that went to the wrong request (or a race inside the host).
    sample = random.Random(0).sample(sorted(answers), min(len(answers), args.verify))
    again = await ask_one_at_a_time(url, args.origin, sample)
    differing = sum(again[t] != answers[t] for t in sample)
    tally.mismatched += differing

    total = args.clients * args.checks
    lost = tally.lost + (total - tally.sent)
    print(f"clients: {args.clients}  checks each: {args.checks}  window: {args.window}  "
          f"texts: {args.texts}  total: {total}")
    print(f"results: {len(tally.latencies)}  errors: {dict(tally.errors) or 0}  lost: {lost}  "
          f"mismatched: {tally.mismatched} (re-asked {len(sample)}, {differing} differed)")
    if tally.latencies:
        print(f"latency ms (client, send to reply): p50 {percentile(tally.latencies, .5):.0f}  "
              f"p99 {percentile(tally.latencies, .99):.0f}  max {max(tally.latencies):.0f}")
        print(f"check time ms (host, elapsed_ms): p50 {statistics.median(tally.elapsed):.1f}  "
              f"p99 {percentile(tally.elapsed, .99):.1f}")
    print(f"wall: {wall:.1f}s  throughput: {len(tally.latencies) / wall:.1f} checks/s")
    ok = lost == 0 and tally.mismatched == 0 and not tally.errors
    if args.slow_clients:
        late = sum(n for code, n in slow.errors.items() if "late" in code)
        print(f"slow inputs: {slow.sent} sent  answers: {dict(slow.errors)}  lost: {slow.lost}  "
              f"mismatched: {slow.mismatched}  worst latency: {max(slow.latencies, default=0) / 1000:.1f}s")
        ok = ok and slow.lost == 0 and slow.mismatched == 0 and late == 0 and \
            set(slow.errors) <= {"result", "too_large"}
    if args.idle_connections:
        print(f"idle/half-sent connections: {opened} opened, {closed} closed by the server within 15 s")
        ok = ok and closed == opened
    return 0 if ok else 1


def start_server(args: argparse.Namespace) -> tuple[subprocess.Popen, str]:
    config = tempfile.mkdtemp(prefix="redline-load-")
    env = {**os.environ, "REDLINE_CONFIG_DIR": config, "REDLINE_TOKEN_STORE": "file"}
    cmd = [sys.executable, "-m", "native_host.cli", "serve", "--port", "0", "--no-lt-api",
           "--allow-origin", args.origin,
           "--max-connections", str(args.clients + args.slow_clients + 4), "--max-pending", str(max(16, args.window)),
           "--rate", "1000", "--burst", "1000"]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parent.parent)
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
    parser.add_argument("--texts", choices=["unique", "repeat"], default="unique",
                        help="unique: a different text every check (default); repeat: 10 texts, cache hits")
    parser.add_argument("--verify", type=int, default=500, help="replies re-asked one at a time and compared")
    parser.add_argument("--slow-clients", type=int, default=0, help="clients sending pathological texts (slow mix)")
    parser.add_argument("--slow-checks", type=int, default=5, help="pathological texts per slow client")
    parser.add_argument("--idle-connections", type=int, default=0,
                        help="silent or half-sent connections held open; the server must close them")
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
