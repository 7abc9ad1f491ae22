"""Time a long text through the real host as the extension sends it: `redline native`
(native-messaging frames), protocol 2, the whole text in one streamed check.

Prints, per run, the time to the first partial result (the paragraph in view) and to the
whole result, streamed with the top in view, streamed with the middle in view, and not
streamed. A fresh host per run, warmed on one sentence, so nothing is cached.

The text: 40 paragraphs of native prose (95-125 words each, ~4,200 words) from the end of
../shared's Wikipedia summaries, or any UTF-8 file given with --file.

    python scripts/long_text_bench.py [--file FILE] [--runs N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import struct
import subprocess
import sys
import time
from pathlib import Path

FRAME = struct.Struct("=I")
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus"


def sample_text() -> str:
    path = SHARED / "wikipedia_vital" / "wikipedia_vital_summaries.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        paragraphs = [line.strip() for line in f]
    chosen = [p for p in paragraphs[-600:] if 95 <= len(p.split()) <= 125][:40]
    return "\n\n".join(chosen) + "\n"


class Host:
    def __init__(self):
        self.p = subprocess.Popen([sys.executable, "-m", "native_host.cli", "native"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def send(self, msg: dict) -> None:
        data = json.dumps(msg).encode()
        self.p.stdin.write(FRAME.pack(len(data)) + data)
        self.p.stdin.flush()

    def receive(self) -> dict:
        (n,) = FRAME.unpack(self.p.stdout.read(4))
        return json.loads(self.p.stdout.read(n))

    def close(self) -> None:
        self.p.stdin.close()
        self.p.wait(10)


def one(text: str, partial: bool, first: list[int] | None) -> dict:
    host = Host()
    host.send({"id": 0, "type": "hello", "protocol": 2})
    host.receive()
    host.send({"id": 1, "type": "check", "text": "Warm up the model here."})  # returns once the model is loaded
    host.receive()
    msg = {"id": 2, "type": "check", "text": text, "partial": partial} | ({"first": [first]} if first else {})
    t0 = time.perf_counter()
    host.send(msg)
    first_ms, parts = None, 0
    while (reply := host.receive())["type"] == "partial":
        parts += 1
        first_ms = first_ms or round((time.perf_counter() - t0) * 1000)
    whole_ms = round((time.perf_counter() - t0) * 1000)
    host.close()
    if reply["type"] != "result":
        raise SystemExit(f"the host answered {reply}")
    return {"first_ms": first_ms, "result_ms": whole_ms, "partials": parts, "suggestions": len(reply["suggestions"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--file", type=Path)
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    text = args.file.read_text(encoding="utf-8") if args.file else sample_text()
    middle = text.index("\n", len(text) // 2) + 1
    print(f"{len(text.split())} words, {text.count(chr(10) * 2) + 1} paragraphs, {len(text)} characters")
    for _ in range(args.runs):
        print("load average", os.getloadavg()[0])
        print("top in view   ", json.dumps(one(text, True, [0, 0])))
        print("middle in view", json.dumps(one(text, True, [middle, middle + 200])))
        print("not streamed  ", json.dumps(one(text, False, None)))


if __name__ == "__main__":
    main()
