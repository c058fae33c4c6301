"""Run parts of one build in forked copies of the build process, one per core.

A forked worker starts as an exact copy of this process: the same settings,
readers, templates and content objects, so it computes exactly what this process
would. Each worker does its share and sends back a result (pickled through a pipe)
with every log record it made; the caller decides what the records mean (logged
again here, or a sign that the share must be redone here, where the build's
problem collector can see it).

Forking is used only where it is safe: one worker configured (SITE_BUILD_WORKERS=1),
one usable core, or a thread other than the known-safe ones means "do it in this
process". A forked child gets every lock as it was; one held by another thread (a
server's, a test runner's) would stay held in the child forever.
"""

import contextlib
import ctypes
import functools
import gc
import logging
import mmap
import os
import pickle
import signal
import struct
import threading
import traceback
from dataclasses import dataclass, field

WORKERS_VARIABLE = "SITE_BUILD_WORKERS"
# Chunks of work are handed out through a pipe every process reads: a chunk's number is
# 4 bytes, and a read of 4 bytes from a pipe that holds only whole numbers takes exactly
# one (the kernel reads a pipe under a lock), so no chunk is taken twice or skipped.
CHUNK_NUMBER = struct.Struct("=I")
# The numbers are all written before the fork, so they must fit in the pipe's buffer
# or the write would wait forever: one page (4 kB), the least any system gives a pipe.
MOST_CHUNKS = 4096 // CHUNK_NUMBER.size
# tooling.progress's ticker only draws the progress line, which workers never draw.
FORK_SAFE_THREADS = frozenset({"build-progress"})


def worker_count():
    """SITE_BUILD_WORKERS if set (1: everything in this process), else the usable cores."""
    configured = os.environ.get(WORKERS_VARIABLE, "").strip()
    if configured.isdigit() and int(configured) >= 1:
        return int(configured)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def return_freed_memory():
    """Hand the memory this process has freed back to the system, where the C library
    allows it (glibc's malloc_trim); elsewhere, do nothing.

    glibc keeps freed memory for the process's next allocations: after rendering,
    about 20 MB of a 1,000-post build that nothing uses again, held while Pagefind and
    the link check run beside it (the build's peak)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    # The symbols already loaded into this process (no library search, which would
    # start `ldconfig`): glibc's malloc_trim where it is there, else None.
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except (OSError, TypeError):  # TypeError: Windows loads no library without a name
        return None


def can_fork():
    return hasattr(os, "fork") and all(
        thread is threading.current_thread() or thread.name in FORK_SAFE_THREADS
        for thread in threading.enumerate()
    )


@dataclass
class WorkerOutcome:
    """What one worker sent back: its result, its log records, and the error it stopped on."""

    result: object = None
    records: list = field(default_factory=list)
    error: BaseException | None = None


def fork_map(work, shares, work_here=None):
    """work(share) in a forked worker for each share; a WorkerOutcome per share, in order.

    `work_here`, if given, runs in this process while the workers run (so this process
    takes a share of its own). Objects allocated before the fork are frozen for the
    garbage collector, so the workers share this process's memory pages rather than
    copying them.
    """
    gc.freeze()
    try:
        children = [_start(work, share) for share in shares]
        here_error = None
        if work_here is not None:
            try:
                work_here()
            except Exception as error:
                here_error = error
        outcomes = [_collect(pid, reading_end) for pid, reading_end in children]
    finally:
        gc.unfreeze()
    if here_error is not None:
        raise here_error
    return outcomes


def map_in_chunks(work, items, workers, chunk_size, work_here=True, meanwhile=None):
    """[work(item) for item in items], in item order, on `workers` processes: forked
    workers, and this process too when `work_here`. When this process takes no chunks,
    `meanwhile` (if given) runs in it while the workers work.

    Each process takes the next chunk of items as soon as it is free (not a share fixed
    beforehand), so a process slowed by the machine or given the longer items takes
    fewer, and all finish together. The records each item logs are logged here
    afterwards, in item order, and the first item that raised (in item order) raises
    here once the items before it are logged: what a serial loop would report, whoever
    did the work.
    """
    chunk_size = max(chunk_size, -(-len(items) // MOST_CHUNKS))
    chunks = [items[start : start + chunk_size] for start in range(0, len(items), chunk_size)]
    queue = _queue_of_chunks(len(chunks))
    try:
        take = functools.partial(_work_on_chunks, work, chunks, queue)
        here = []
        outcomes = fork_map(
            take,
            [None] * (workers - 1 if work_here else workers),
            work_here=(lambda: here.extend(take(None))) if work_here else meanwhile,
        )
    finally:
        os.close(queue)
    return _in_item_order(len(chunks), here, outcomes)


def _queue_of_chunks(count):
    """A pipe holding the numbers 0 to count - 1; its reading end."""
    queue, queue_end = os.pipe()
    try:
        numbers = b"".join(CHUNK_NUMBER.pack(number) for number in range(count))
        while numbers:
            numbers = numbers[os.write(queue_end, numbers) :]
    except BaseException:
        os.close(queue)
        raise
    finally:
        os.close(queue_end)  # every number is in: a read past the last one finds the end
    return queue


def _in_item_order(chunk_count, here, outcomes):
    """Every chunk's results, in order, each chunk's records logged before them; the
    first chunk's error raised where a serial loop would have stopped."""
    done = {number: (results, records, error) for number, results, records, error in here}
    for outcome in outcomes:
        done.update((entry[0], entry[1:]) for entry in outcome.result or ())
    results = []
    for number in range(chunk_count):
        if number not in done:  # a worker that stopped took it: its outcome says why
            raise next(
                (outcome.error for outcome in outcomes if outcome.error is not None),
                RuntimeError("a build worker stopped before it finished"),
            )
        chunk_results, records, error = done[number]
        log_again(records)
        if error is not None:
            raise error
        results.extend(chunk_results)
    return results


def _work_on_chunks(work, chunks, queue, _share=None):
    """In each process of map_in_chunks: take chunks until none is left; for each, its
    number, its results, its log records and the error that stopped it (or None)."""
    done = []
    while taken := os.read(queue, CHUNK_NUMBER.size):
        (number,) = CHUNK_NUMBER.unpack(taken)
        results, error = [], None
        with kept_records() as records:
            try:
                for item in chunks[number]:
                    results.append(work(item))
            except Exception as raised:
                error = _fit_to_travel(raised)
        done.append((number, results, records, error))
        if error is not None:
            break  # the build stops at this item: the others need not go on with this one
    return done


def _fit_to_travel(error):
    """The error, or its words if it cannot be pickled back."""
    try:
        pickle.dumps(error)
    except Exception:
        return _error_in_words(error)
    return error


def _error_in_words(error):
    return RuntimeError(f"{type(error).__name__}: {error}")


@contextlib.contextmanager
def kept_records():
    """Within the block, the records logged anywhere are kept in the list it gives (made
    fit to travel to the parent) instead of reaching the handlers."""
    keeper = _RecordKeeper()
    root = logging.getLogger()
    handlers = list(root.handlers)
    for handler in handlers:
        root.removeHandler(handler)
    root.addHandler(keeper)
    try:
        yield keeper.records
    finally:
        root.removeHandler(keeper)
        for handler in handlers:
            root.addHandler(handler)


class StartedWorker:
    """A worker started now and collected later: work that overlaps what this process
    does meanwhile. One never collected (a build that stopped early) is stopped by
    stop_started_workers(), so no worker outlives its build."""

    def __init__(self, work, share):
        gc.freeze()  # as in fork_map: the worker shares this process's pages
        try:
            self.pid, self._reading_end = _start(work, share)
        finally:
            gc.unfreeze()
        self._outcome = None
        _started.append(self)

    def outcome(self):
        """Wait for the worker; its WorkerOutcome."""
        if self._outcome is None:
            self._outcome = _collect(self.pid, self._reading_end)
            _started.remove(self)
        return self._outcome

    def stop(self):
        if self._outcome is not None:
            return
        os.kill(self.pid, signal.SIGKILL)
        os.close(self._reading_end)
        os.waitpid(self.pid, 0)
        self._outcome = WorkerOutcome(error=RuntimeError("stopped before it was collected"))
        _started.remove(self)


_started = []


class SplitFromBothEnds:
    """Numbered chunks of one piece of work, shared by a worker forked after this is made,
    which takes them from the first up, and this process, which takes them from the last
    down once it is free for them, until the two meet. Neither knows beforehand how soon
    the other gets to it.

    Each side publishes a chunk as taken before doing it (in memory shared with the
    worker), and stops at a chunk the other side has published. A side that reads the
    other's progress late only takes more: at worst both do one chunk (the same result
    twice), never neither."""

    NOBODY_FROM_THE_END = 2**62

    def __init__(self):
        self._memory = mmap.mmap(-1, 16)  # anonymous and shared: a forked child writes here too
        # [0]: chunks below it are the first side's; [1]: from it on, the second side's.
        self._taken = memoryview(self._memory).cast("q")
        self._taken[0], self._taken[1] = 0, self.NOBODY_FROM_THE_END

    def take_from_start(self, chunk):
        """The worker's side: whether it does `chunk` (it goes up from 0)."""
        if chunk >= self._taken[1]:
            return False
        self._taken[0] = chunk + 1
        return True

    def take_from_end(self, chunk):
        """This process's side: whether it does `chunk` (it goes down from the last)."""
        if chunk < self._taken[0]:
            return False
        self._taken[1] = chunk
        return True


def stop_started_workers():
    """Stop every StartedWorker not collected yet."""
    for worker in list(_started):
        worker.stop()


def log_again(records):
    """Log kept records in this process, where the build's handlers see them.

    A record made in this process (kept while it did its chunks) has passed its
    logger's filters once already, and Pelican's filter drops a warning it has seen:
    it goes straight to the handlers. A worker's record is filtered here, so a
    warning two processes made is reported once."""
    this_process = os.getpid()
    for record in records:
        logger = logging.getLogger(record.name)
        if record.levelno < logger.getEffectiveLevel():
            continue
        if record.process == this_process:
            logger.callHandlers(record)
        else:
            logger.handle(record)


def _start(work, share):
    reading_end, writing_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns, whatever happens (it must not go on
        try:  # running the build it was forked from)
            os.close(reading_end)
            _work_and_exit(work, share, writing_end)
        finally:
            os._exit(1)
    os.close(writing_end)
    return pid, reading_end


class _RecordKeeper(logging.Handler):
    """In a worker: keep every record, to be looked at by the parent."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        if record.exc_info:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_info = None
        record.args = _picklable(record.args)
        try:
            pickle.dumps(record)
        except Exception:  # an attribute a filter added cannot travel: keep the words
            record = logging.makeLogRecord(
                {
                    "name": record.name,
                    "levelno": record.levelno,
                    "levelname": record.levelname,
                    "msg": record.getMessage(),
                    "args": None,
                }
            )
        self.records.append(record)


def _picklable(args):
    """Record arguments that survive the trip to the parent, formatting as before."""
    if isinstance(args, tuple):
        return tuple(_picklable_value(value) for value in args)
    if isinstance(args, dict):
        return {key: _picklable_value(value) for key, value in args.items()}
    return args


def _picklable_value(value):
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def _work_and_exit(work, share, writing_end):
    with kept_records() as records:
        outcome = WorkerOutcome(records=records)
        try:
            outcome.result = work(share)
        except Exception as error:  # the parent raises it, as the serial path would
            outcome.error = error
    try:
        payload = pickle.dumps(outcome)
    except Exception:
        error = outcome.error or RuntimeError("a worker's result could not be sent back")
        payload = pickle.dumps(WorkerOutcome(records=records, error=_error_in_words(error)))
    with os.fdopen(writing_end, "wb") as pipe:
        pipe.write(payload)
    # Skip interpreter shutdown: atexit handlers and buffers belong to the parent.
    os._exit(0)


def _how_it_ended(wait_status):
    code = os.waitstatus_to_exitcode(wait_status)
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"


def _collect(pid, reading_end):
    with os.fdopen(reading_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not payload:
        return WorkerOutcome(
            error=RuntimeError(
                f"a build worker stopped ({_how_it_ended(status)}) before it finished"
            )
        )
    return pickle.loads(payload)  # noqa: S301 (our own forked worker wrote it)
