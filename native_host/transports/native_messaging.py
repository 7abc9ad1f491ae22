"""`redline native`: the browser's native messaging host (framing only).

Chrome and Firefox start this process and talk over stdin/stdout: each message
is a 32-bit length in native byte order, then that many bytes of UTF-8 JSON.
stdout carries frames and nothing else, so at start-up we keep a private copy
of it and point fd 1 (and sys.stdout) at stderr: a stray print, in our code or
in a C library, cannot corrupt the stream. A thread reads stdin, since a
blocking read is the one way to read a pipe that works on every OS; the event
loop answers, and checks run on the engine's threads (session.py).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import struct
import sys
import threading
from typing import BinaryIO

from .. import protocol
from ..engine import Engine
from ..session import Limits, Session
from .runner import run_engine, setup_logging

log = logging.getLogger("redline.native")

HEADER = struct.Struct("=I")   # "=": native byte order, standard size, as the browsers use
_DISCARD_CHUNK = 64 * 1024


class FrameTooLarge:
    """An inbound frame over the limit, already skipped so the stream stays in step."""

    def __init__(self, size: int):
        self.size = size


def _read_exact(stream: BinaryIO, n: int) -> bytes | None:
    """n bytes, or None at end of input (a truncated frame counts as the end)."""
    chunks, left = [], n
    while left:
        chunk = stream.read(left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_frame(stream: BinaryIO, max_bytes: int = protocol.MAX_FRAME_BYTES) -> bytes | FrameTooLarge | None:
    """The next frame's payload; FrameTooLarge for one over `max_bytes`
    (its bytes are read and dropped); None when the input ends."""
    header = _read_exact(stream, HEADER.size)
    if header is None:
        return None
    (size,) = HEADER.unpack(header)
    if size <= max_bytes:
        return _read_exact(stream, size)
    left = size
    while left:  # the browser sends the whole frame, so skip it rather than lose sync
        chunk = stream.read(min(left, _DISCARD_CHUNK))
        if not chunk:
            return None
        left -= len(chunk)
    return FrameTooLarge(size)


def encode_frame(payload: bytes) -> bytes:
    if len(payload) > protocol.MAX_REPLY_BYTES:
        raise ValueError("native messaging frames are limited to 1 MB")  # protocol.encode keeps replies under it
    return HEADER.pack(len(payload)) + payload


def claim_stdout() -> int:
    """Keep the real stdout for frames and send everything else written to fd 1 to stderr."""
    sys.stdout.flush()
    frames_fd = os.dup(1)
    if sys.platform == "win32":  # the CRT would turn \n into \r\n inside our frames
        import msvcrt
        msvcrt.setmode(frames_fd, os.O_BINARY)
        msvcrt.setmode(sys.stdin.fileno(), os.O_BINARY)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return frames_fd


async def serve(engine: Engine, stdin: BinaryIO, frames_fd: int, limits: Limits) -> None:
    """Answer frames from `stdin` until it closes."""
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue = asyncio.Queue()

    def read_loop() -> None:
        try:
            while (frame := read_frame(stdin)) is not None:
                loop.call_soon_threadsafe(inbox.put_nowait, frame)
        except (OSError, ValueError) as e:  # stdin closed under us
            log.debug("stdin: %s", e)
        finally:
            loop.call_soon_threadsafe(inbox.put_nowait, None)

    async def write(payload: bytes) -> None:
        data = memoryview(encode_frame(payload))
        while data:  # from the loop thread only, so frames never interleave
            data = data[os.write(frames_fd, data):]

    threading.Thread(target=read_loop, name="redline-stdin", daemon=True).start()
    session = Session(engine, write, transport="native", limits=limits)
    try:
        while (frame := await inbox.get()) is not None:
            if isinstance(frame, FrameTooLarge):
                await session.refuse("too_large", f"The message is larger than {protocol.MAX_FRAME_BYTES} bytes.")
            else:
                await session.receive(frame)
    finally:
        await session.close()


def _run(args: argparse.Namespace) -> int:
    frames_fd = claim_stdout()
    setup_logging("native", args.verbose)
    if args.caller:
        log.info("started by %s", " ".join(args.caller))
    limits = Limits(max_pending=args.max_pending, parallel=args.workers)

    async def main(engine: Engine) -> None:
        try:
            await serve(engine, sys.stdin.buffer, frames_fd, limits)
        except BrokenPipeError:  # the browser closed the port while we were replying
            pass

    # After claim_stdout, so nothing the checker imports can write into the frames. When
    # stdin ends, running checks stop and the process exits at once.
    return run_engine(args, main, workers=args.workers)



def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("native", help="native messaging host (started by the browser, not by hand)")
    p.add_argument("caller", nargs="*", help=argparse.SUPPRESS)  # Chrome: origin; Firefox: manifest path, id
    p.add_argument("--parent-window", help=argparse.SUPPRESS)    # Chrome on Windows adds this
    p.add_argument("--model-dir", default=None, help="model directory (default: the installed model)")
    p.add_argument("--threads", type=int, default=1, help="ONNX Runtime threads per check (default 1)")
    p.add_argument("--workers", type=int, default=1, help="checks run at once (default 1)")
    p.add_argument("--max-pending", type=int, default=32, help="checks queued or running at most (default 32)")
    p.add_argument("--verbose", action="store_true", help="log to stderr at debug level (never the text)")
    p.set_defaults(func=_run)
