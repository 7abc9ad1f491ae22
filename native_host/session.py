"""What a connection does with the protocol, for either transport.

A `Session` is one connection (the browser's native port, or one websocket). It
answers hello/ping/cancel at once, queues checks and runs them on the engine's
threads (engine.py), so a slow check never blocks the reading loop; a cancel, or
the connection closing, stops the check it names. A check that asks for `partial`
results gets them a paragraph at a time while it runs (engine.py), and a newer check of
its field supersedes it even while it runs: what it found so far has been sent.
Transports only move bytes: they feed `Session.receive` and supply a `write(bytes)` coroutine.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from . import __version__, protocol
from .engine import Engine, ModelUnavailable, OverBudget, budget_s
from .errors import CheckCancelled, TextTooLarge, UnsupportedLanguage
from .protocol import ProtocolError, RequestId

log = logging.getLogger("redline.session")


@dataclass(frozen=True)
class Limits:
    max_pending: int = 16          # checks queued or running on one connection
    parallel: int = 1              # checks of one connection running at once
    rate: float | None = None      # requests per second per connection; None: unlimited
    burst: int = 50                # requests allowed at once before `rate` applies
    max_reply_bytes: int = protocol.MAX_REPLY_BYTES


class _RateLimit:
    """Token bucket: `burst` requests at once, refilled at `rate` per second."""

    def __init__(self, rate: float, burst: int):
        self.rate, self.burst = rate, burst
        self.tokens, self.stamp = float(burst), time.monotonic()

    def allow(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


@dataclass
class _Pending:
    request: protocol.Check
    received: float
    cancelled: bool = False


def _key(rid: RequestId) -> tuple[bool, Any]:
    return (isinstance(rid, str), rid)  # 1 and "1" are different ids


class Session:
    def __init__(self, engine: Engine, write: Callable[[bytes], Awaitable[None]], *,
                 transport: str, limits: Limits = Limits()):
        self.engine, self._write, self.transport, self.limits = engine, write, transport, limits
        self._rate = _RateLimit(limits.rate, limits.burst) if limits.rate else None
        self._queued: OrderedDict[tuple, _Pending] = OrderedDict()
        self._running: dict[tuple, _Pending] = {}
        self._wake = asyncio.Event()
        self._closed = False
        self._workers = [asyncio.create_task(self._work()) for _ in range(max(1, limits.parallel))]

    async def send(self, msg: dict) -> None:
        if self._closed:
            return
        try:
            await self._write(protocol.encode(msg, self.limits.max_reply_bytes))
        except (ConnectionError, OSError, RuntimeError) as e:  # peer went away mid-reply
            log.debug("reply dropped: %s", type(e).__name__)

    async def receive(self, data: bytes | str) -> None:
        """Handle one inbound message. Never raises for bad input: every
        problem becomes an `error` reply and the connection carries on."""
        try:
            request = protocol.parse_request(data)
            if self._rate and not self._rate.allow():
                raise ProtocolError("busy", "Too many requests; slow down.", request.id)
            await self._dispatch(request)
        except ProtocolError as e:
            await self.send(protocol.error(e.request_id, e.code, e.message))
        except Exception:
            log.exception("internal error handling a request")
            await self.send(protocol.error(None, "internal", "The host hit an internal error."))

    async def refuse(self, code: str, message: str) -> None:
        await self.send(protocol.error(None, code, message))

    async def _dispatch(self, req: protocol.Request) -> None:
        if isinstance(req, protocol.Ping):
            await self.send(protocol.pong(req.id))
        elif isinstance(req, protocol.Hello):
            self.engine.start_loading()
            await self.send(protocol.hello(req.id, host_version=__version__, model=self.engine.model_name,
                                           transport=self.transport, version=protocol.negotiate(req.protocol)))
        elif isinstance(req, protocol.Cancel):
            found = await self._cancel(req.target)
            await self.send(protocol.cancelled(req.id, req.target, found))
        else:
            await self._enqueue(req)

    async def _enqueue(self, req: protocol.Check) -> None:
        key = _key(req.id)
        if key in self._queued or key in self._running:
            raise ProtocolError("bad_request", "A check with this id is still pending.", req.id)
        if req.field is not None:  # the newer text of a field makes its queued check pointless
            for old_key, old in list(self._queued.items()):
                if old.request.field == req.field:
                    del self._queued[old_key]
                    await self._supersede(old)
            for old in list(self._running.values()):  # a streamed one has sent what it found so far
                if old.request.field == req.field and old.request.partial and not old.cancelled:
                    old.cancelled = True  # it stops at once (engine.py); its result is dropped
                    await self._supersede(old)
        if len(self._queued) + len(self._running) >= self.limits.max_pending:
            raise ProtocolError("busy", f"Too many checks pending (at most {self.limits.max_pending}).", req.id)
        self._queued[key] = _Pending(req, time.monotonic())
        self._wake.set()

    async def _supersede(self, old: _Pending) -> None:
        await self.send(protocol.error(old.request.id, "superseded", "A newer check of the same field replaced this one."))

    async def _cancel(self, target: RequestId) -> bool:
        key = _key(target)
        pending = self._queued.pop(key, None) or self._running.get(key)
        if pending is None or pending.cancelled:
            return False
        pending.cancelled = True  # a running check stops at once (engine.py); its result is dropped
        await self.send(protocol.error(target, "cancelled", "The check was cancelled."))
        return True

    async def _work(self) -> None:
        while True:
            while not self._queued:
                self._wake.clear()
                await self._wake.wait()
            key, pending = self._queued.popitem(last=False)
            self._running[key] = pending
            try:
                reply = await self._run(pending)
            finally:
                del self._running[key]
            if not pending.cancelled:
                await self.send(reply)

    async def _run(self, pending: _Pending) -> dict:
        req = pending.request

        async def send_part(part: dict) -> None:
            if not pending.cancelled:  # nothing after `cancelled` or `superseded`
                await self.send(protocol.partial(req.id, part["start"], part["end"], part["suggestions"],
                                                 part["elapsed_ms"]))

        try:
            suggestions, elapsed_ms = await self.engine.check(req.text, lambda: pending.cancelled or self._closed,
                                                              language=req.language, first=req.first,
                                                              on_part=send_part if req.partial else None)
            return protocol.result(req.id, suggestions, elapsed_ms)
        except UnsupportedLanguage as e:
            return protocol.error(req.id, "unsupported_language", str(e))
        except ModelUnavailable as e:
            return protocol.error(req.id, "unavailable", str(e))
        except TextTooLarge:  # the checker's own length limit
            return protocol.error(req.id, "too_large", "The text is too long to check.")
        except OverBudget:
            return protocol.error(req.id, "too_large", f"The text took longer than {budget_s(req.text):.0f} s "
                                                       "to check; check a shorter part.")
        except CheckCancelled:  # by a `cancel` (its reply is already sent) or the host shutting down
            return protocol.error(req.id, "cancelled", "The check was cancelled.")
        except Exception:  # engine.py logged it, without the text
            return protocol.error(req.id, "internal", "The check failed inside the host.")

    async def close(self) -> None:
        """Stop answering; drop what is queued and stop what runs. Nothing is sent after this."""
        self._closed = True
        for task in self._workers:
            task.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._queued.clear()


def checker_from_args(args):
    """The checker a transport's command line asks for (`--model-dir`, `--threads`); imported
    late: onnxruntime and the model load only once the host is running."""
    from .checker import Checker
    from .config import CheckerConfig

    # Every suggestion, each with its level: the extension shows those its sensitivity
    # setting asks for (a change needs no new check), the LanguageTool API those of `level`.
    return Checker(args.model_dir, CheckerConfig(threads=args.threads, sensitivity="thorough").with_env())

