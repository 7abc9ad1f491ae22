"""The real host's memory (`redline native`, as the extension runs it): resident and peak
(/proc VmRSS, VmHWM) once loaded, after one streamed check of a long text, once idle
(the host hands its spare memory back after engine.IDLE_RELEASE_S), and after a few
sentences. Linux only.

    python scripts/host_memory.py [--file FILE]    (default: long_text_bench's 4,255 words)
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from long_text_bench import Host, sample_text

IDLE_S = 3.0  # longer than engine.IDLE_RELEASE_S


def memory(pid: int) -> str:
    mb = {line.split(":")[0]: int(line.split()[1]) / 1024 for line in Path(f"/proc/{pid}/status").read_text().splitlines()
          if line.startswith(("VmRSS", "VmHWM"))}
    return f"resident {mb['VmRSS']:.0f} MB, peak {mb['VmHWM']:.0f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--file", type=Path)
    args = ap.parse_args()
    text = args.file.read_text(encoding="utf-8") if args.file else sample_text()
    host = Host()
    host.send({"id": 0, "type": "hello", "protocol": 2})
    host.receive()
    host.send({"id": 1, "type": "check", "text": "Warm up the model here."})  # returns once the model is loaded
    host.receive()
    time.sleep(IDLE_S)
    print(f"loaded, idle               {memory(host.p.pid)}")
    host.send({"id": 2, "type": "check", "text": text, "partial": True, "first": [[0, 0]]})
    while host.receive()["type"] == "partial":
        pass
    print(f"after {len(text.split()):,} words (streamed) {memory(host.p.pid)}")
    time.sleep(IDLE_S)
    print(f"idle {IDLE_S:.0f} s                   {memory(host.p.pid)}")
    for k in range(5):
        host.send({"id": 3 + k, "type": "check", "text": f"She go to the market on day {k} and buy two apple."})
        host.receive()
    print(f"after 5 sentences          {memory(host.p.pid)}")
    host.close()


if __name__ == "__main__":
    main()
