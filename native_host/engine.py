"""The one checker of a host process and the threads its checks run on, for every transport.

Each check gets a work budget that grows with its length (`budget_s`), counted in the CPU
time of its thread where the OS tells it (so a busy machine does not refuse ordinary checks),
with a wall-clock cap of WALL_CAP times the budget; and it stops early when
its caller cancels it, goes away, or the host shuts down. The checker asks `cancelled()`
before each sentence; a check still inside a sentence `STOP_GRACE_S` after it was told to
stop is interrupted there (a CheckCancelled raised in its thread), so a pathological
sentence cannot hold a thread, or the host's exit, for minutes. The caller's await ends as
soon as the stop is seen, not when the thread gets there.

A check may stream: the checker answers it a paragraph at a time (Checker.check_parts), each
part handed to the caller's `on_part` as it comes, in order, before the final answer.

Checks run in lanes, each with threads of its own: a caller that adds a lane (the
LanguageTool API does) never makes the others' checks wait behind its own.

The threads are daemons: the process exits on SIGTERM or stdin EOF without waiting for
them (ThreadPoolExecutor's threads are joined at exit).
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import queue
import threading
import time
import traceback
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from typing import Any

from .errors import CheckCancelled, RedlineError
from .limits import BUDGET_BASE_S, BUDGET_PER_UNIT_S, WALL_CAP
from .offsets import utf16_len

log = logging.getLogger("redline.engine")

STOP_GRACE_S = 0.05          # between "stop" and interrupting the thread inside a sentence
IDLE_RELEASE_S = 2.0         # a check thread idle this long after a check hands the checker's spare memory back
_WATCH_S = 0.02              # how often running checks are looked at


def budget_s(text: str) -> float:
    return BUDGET_BASE_S + BUDGET_PER_UNIT_S * utf16_len(text)


class OverBudget(CheckCancelled):
    """The check ran past its work budget."""


class ModelUnavailable(RedlineError):
    """The model could not be loaded (no model installed, a broken file)."""


class _Interrupted(CheckCancelled):
    """Raised inside a check's thread to stop it mid-sentence."""


def _interrupt(thread_id: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(_Interrupted))


def _forget_interrupt(thread_id: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)


_END = object()  # after a streamed check's last part: its answer is in the future


class _Job:
    def __init__(self, text: str, cancelled: Callable[[], bool] | None, owner: str,
                 loop: asyncio.AbstractEventLoop, future: asyncio.Future, language: str | None = None,
                 first: tuple[tuple[int, int], ...] | None = None):
        self.text, self.owner, self._cancelled, self.language = text, owner, cancelled, language
        self.loop, self.future = loop, future
        self.first = first                    # streamed (None: not): the ranges to check first
        self.parts: asyncio.Queue | None = asyncio.Queue() if first is not None else None
        self.budget_s = budget_s(text)
        self.deadline: float | None = None   # wall clock, set when a thread starts it
        self.clock: int | None = None         # the CPU clock of that thread, where there is one
        self.cpu_start = 0.0
        self.why: type[CheckCancelled] | None = None
        self.stop_seen: float | None = None
        self.interrupted = False

    def should_stop(self) -> bool:
        """The checker's `cancelled` hook; also asked by the watchdog."""
        if self.why is None:
            if self._cancelled is not None and self._cancelled():
                self.why = CheckCancelled
            elif self.deadline is not None and (time.monotonic() > self.deadline or self._cpu() > self.budget_s):
                self.why = OverBudget
        return self.why is not None

    def start(self) -> None:
        """Called on the thread that runs the check."""
        self.deadline = time.monotonic() + WALL_CAP * self.budget_s
        try:
            self.clock = time.pthread_getcpuclockid(threading.get_ident())
            self.cpu_start = time.clock_gettime(self.clock)
        except (AttributeError, OSError):  # no per-thread CPU clock here (macOS, Windows): wall clock only
            self.deadline = time.monotonic() + self.budget_s

    def _cpu(self) -> float:
        """CPU seconds the check's thread has spent on it (0 where the OS cannot say)."""
        return 0.0 if self.clock is None else time.clock_gettime(self.clock) - self.cpu_start

    def stop(self, why: type[CheckCancelled] = CheckCancelled) -> None:
        if self.why is None:
            self.why = why

    def resolve(self, result: Any = None, error: BaseException | None = None) -> None:
        """Hand the answer to the awaiting coroutine (from any thread; the first answer wins)."""
        def settle() -> None:
            if not self.future.done():
                self.future.set_exception(error) if error is not None else self.future.set_result(result)
                if self.parts is not None:
                    self.parts.put_nowait(_END)
        self._call(settle)

    def part(self, item: dict) -> None:
        """Hand one part of a streamed answer over (from the check's thread); none after the answer."""
        def deliver() -> None:
            if not self.future.done():
                self.parts.put_nowait(item)
        self._call(deliver)

    def _call(self, fn: Callable[[], None]) -> None:
        try:
            self.loop.call_soon_threadsafe(fn)  # in order: every part reaches the loop before the answer
        except RuntimeError:  # the loop is closed: nobody is waiting
            pass


class Engine:
    """A checker (see checker.Checker: `model_name`, `load()`, `check(text, cancelled)`)
    plus the threads it runs on. Loading starts in the background so `hello` never waits
    for the model, and a missing model does not stop the host: `hello` still answers and
    checks get `unavailable`."""

    def __init__(self, make_checker: Callable[[], Any], workers: int = 1):
        self._loaded: Future | None = None
        try:
            self.checker = make_checker()
        except Exception as e:
            log.error("no checker: %s", e)
            self.checker = None
            self._loaded = Future()
            self._loaded.set_exception(e)
        self._lanes: dict[str, tuple[queue.SimpleQueue[_Job | None], int]] = {}
        self._lock = threading.Lock()
        self._jobs: set[_Job] = set()                  # queued or running, until their thread lets go
        self._running: dict[int, _Job | None] = {}     # thread id -> the job it runs
        self._watch = threading.Event()
        self._closing = False
        self.add_lane("", workers)
        threading.Thread(target=self._watchdog, name="redline-watchdog", daemon=True).start()

    def add_lane(self, owner: str, workers: int) -> None:
        """Run `owner`'s checks on `workers` threads of their own (the default lane is "")."""
        jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._lanes[owner] = (jobs, max(1, workers))
        for i in range(max(1, workers)):
            threading.Thread(target=self._work, args=(jobs,), name=f"redline-check{owner and '-' + owner}-{i}",
                             daemon=True).start()

    # -- model ---------------------------------------------------------------------
    def start_loading(self) -> None:
        with self._lock:
            if self._loaded is not None:
                return
            self._loaded = Future()
        threading.Thread(target=self._load, name="redline-load", daemon=True).start()

    def _load(self) -> None:
        try:
            self.checker.load()
            self._loaded.set_result(None)
        except Exception as e:
            self._loaded.set_exception(e)

    @property
    def state(self) -> str:
        if self._loaded is None or not self._loaded.done():
            return "loading"
        return "failed" if self._loaded.exception() else "ready"

    @property
    def model_name(self) -> str:
        try:
            return str(self.checker.model_name)
        except Exception:  # no model installed: hello still answers; checks say `unavailable`
            return "unknown"

    async def _ready(self) -> None:
        self.start_loading()
        try:
            await asyncio.wrap_future(self._loaded)
        except Exception as e:
            log.error("model failed to load: %s", e)
            raise ModelUnavailable("The grammar model could not be loaded; run `redline doctor`.") from None

    # -- checks --------------------------------------------------------------------
    def live(self, owner: str) -> int:
        """Checks of `owner` queued or still running on a thread (abandoned ones included)."""
        with self._lock:
            return sum(job.owner == owner for job in self._jobs)

    async def check(self, text: str, cancelled: Callable[[], bool] | None = None,
                    owner: str = "", language: str | None = None,
                    on_part: Callable[[dict], Awaitable[None]] | None = None,
                    first: tuple[tuple[int, int], ...] = ()) -> tuple[list[dict], float]:
        """(suggestions as dicts, milliseconds). Raises CheckCancelled when `cancelled()` says
        yes or the host shuts down, OverBudget past budget_s(text), ModelUnavailable without a
        model; an await that is itself cancelled (the caller went away) stops the check too.
        With `on_part`, the text is checked a paragraph at a time, those overlapping the UTF-16
        ranges `first` first, and each part ({start, end, suggestions, elapsed_ms}) is awaited
        in `on_part` as it comes; none comes after the check stops."""
        await self._ready()
        loop = asyncio.get_running_loop()
        job = _Job(text, cancelled, owner, loop, loop.create_future(), language,
                   None if on_part is None else first)
        with self._lock:
            if self._closing:
                raise CheckCancelled("the host is shutting down")
            self._jobs.add(job)
        self._lanes.get(owner, self._lanes[""])[0].put(job)
        try:
            if job.parts is not None:
                while (item := await job.parts.get()) is not _END:
                    await on_part(item)
            return await job.future
        except asyncio.CancelledError:
            job.stop()
            raise

    def _work(self, jobs: queue.SimpleQueue) -> None:
        me = threading.get_ident()
        job, checked = None, False
        while True:
            try:
                if job is not None:
                    self._let_go(me, job)
                    job = None
                try:
                    job = jobs.get(timeout=IDLE_RELEASE_S) if checked else jobs.get()
                except queue.Empty:  # idle since its last check: hand back what the checks left
                    checked = False
                    self._release_memory()
                    continue
                if job is None:
                    return
                checked = True
                self._run(me, job)
            except CheckCancelled:  # an interrupt that landed just after its check ended
                continue

    def _release_memory(self) -> None:
        """The checker's release_memory(), where it has one (the model's arena, native_host/memory.py)."""
        release = getattr(self.checker, "release_memory", None)
        if release is None or self.state != "ready":
            return
        try:
            release()
        except Exception as e:  # memory stays held; checks go on
            log.error("could not release memory: %s", type(e).__name__)

    def _run(self, me: int, job: _Job) -> None:
        with self._lock:
            if self._closing or job.should_stop():
                job.resolve(error=(job.why or CheckCancelled)("stopped before it started"))
                return
            job.start()
            self._running[me] = job
        self._watch.set()
        started = time.perf_counter()
        try:
            if job.first is None:
                suggestions = [s.to_dict() for s in self.checker.check(job.text, cancelled=job.should_stop,
                                                                       language=job.language)]
            else:
                parts = []
                for part in self.checker.check_parts(job.text, cancelled=job.should_stop, language=job.language,
                                                     first=job.first):
                    found = [s.to_dict() for s in part.found]
                    parts.append((part.start, found))
                    job.part({"start": part.start, "end": part.end, "suggestions": found,
                              "elapsed_ms": (time.perf_counter() - started) * 1000})
                suggestions = [s for _, found in sorted(parts, key=lambda p: p[0]) for s in found]
        except CheckCancelled:
            job.resolve(error=(job.why or CheckCancelled)("the check was stopped"))
        except Exception as e:
            log.error("check failed: %s", type(e).__name__)  # the exception's text may quote the user's text
            log.debug("check failed at:\n%s", "".join(traceback.format_tb(e.__traceback__)))
            job.resolve(error=e)
        else:
            job.resolve((suggestions, (time.perf_counter() - started) * 1000))

    def _let_go(self, me: int, job: _Job) -> None:
        with self._lock:
            self._running[me] = None
            self._jobs.discard(job)
        _forget_interrupt(me)  # one sent as the check ended must not reach the next check

    def _watchdog(self) -> None:
        """Answer stopped checks at once, and interrupt those still running STOP_GRACE_S later."""
        while True:
            self._watch.wait()
            time.sleep(_WATCH_S)
            now = time.monotonic()
            with self._lock:
                running = [(tid, job) for tid, job in self._running.items() if job is not None]
                if not running:
                    self._watch.clear()
                for tid, job in running:
                    if not job.should_stop():
                        continue
                    if job.stop_seen is None:
                        job.stop_seen = now
                        job.resolve(error=job.why(f"the check was stopped ({job.why.__name__})"))
                    elif now - job.stop_seen >= STOP_GRACE_S and not job.interrupted:
                        job.interrupted = True
                        _interrupt(tid)

    def wait_idle(self, timeout: float) -> bool:
        """True once no thread is inside the checker (loading or checking), False after `timeout`."""
        end = time.monotonic() + timeout
        while True:
            with self._lock:
                busy = any(self._running.values()) or (self._loaded is not None and not self._loaded.done())
            if not busy:
                return True
            if time.monotonic() > end:
                return False
            time.sleep(0.01)

    def close(self) -> None:
        """Stop every check now and let the threads go; returns at once."""
        with self._lock:
            self._closing = True
            for job in self._jobs:
                job.stop()
        self._watch.set()
        for jobs, workers in self._lanes.values():
            for _ in range(workers):
                jobs.put(None)
