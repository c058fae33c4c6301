"""Render the site's pages on every core, with the same bytes as one process would write.

Rendering templates is most of a warm build, and Pelican does it one page at a time.
The writer here lets Pelican run exactly as usual (pagination, the overwrite rules,
the content_written signal), but each page's template is only *remembered*: the file
first gets a one-line placeholder naming its render job. When every generator has
written, `finish_writing()` renders the jobs whose placeholder is still in its file
(a skipped overwrite leaves the earlier one), split across forked worker processes.
A forked worker starts from this very process, so it renders from the same objects
and settings as the serial path would; its log records come back to this process,
where the build's problem collector sees them.

What a page's content does when first rendered (live prices, image copies, link
warnings) happens here, in this process, as the page is queued: workers only run
templates. One worker (SITE_BUILD_WORKERS=1, one core, a small site, or a process
with other threads, where fork is unsafe) renders in this process, in order.
"""

import gc
import logging
import os
import pickle
import threading
import traceback

from pelican.writers import Writer

logger = logging.getLogger(__name__)

WORKERS_VARIABLE = "SITE_BUILD_WORKERS"
# Below this many pages a fork costs more than it saves.
SMALLEST_PARALLEL_JOB_COUNT = 64
# tooling.progress's ticker only draws the progress line; workers never draw it.
FORK_SAFE_THREADS = frozenset({"build-progress"})
PLACEHOLDER = "<!-- page queued for rendering: {number} -->"
# Context values whose HTML a page shows: computed when the page is queued (see above).
ITEM_KEYS = ("article", "page")
LISTING_SUFFIX = "_page"


def worker_count():
    """SITE_BUILD_WORKERS if set (1 renders in this process), else one per usable core."""
    configured = os.environ.get(WORKERS_VARIABLE, "").strip()
    if configured.isdigit() and int(configured) >= 1:
        return int(configured)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class RenderJob:
    """One page: the template, its context, and where it goes."""

    __slots__ = ("context", "number", "path", "template")

    def __init__(self, number, template, context):
        self.number = number
        self.template = template
        self.context = context
        self.path = None

    def render_and_write(self):
        html = self.template.render(self.context)
        with open(self.path, "w", encoding="utf-8") as page:
            page.write(html)


class _QueuedTemplate:
    """Stands in for a template: render() queues the job and returns its placeholder."""

    def __init__(self, template, writer):
        self._template = template
        self._writer = writer

    def render(self, context):
        return self._writer.queue(self._template, context)


class ParallelWriter(Writer):
    """Pelican's writer, with page rendering left for finish_writing()."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.jobs = []
        self.finished = False

    def write_file(self, name, template, context, *args, **kwargs):
        return super().write_file(name, _QueuedTemplate(template, self), context, *args, **kwargs)

    def queue(self, template, context):
        job = RenderJob(len(self.jobs), template, context)
        self.jobs.append(job)
        job.path = os.path.join(self.output_path, context["output_file"])
        _compute_shown_html(context)
        return PLACEHOLDER.format(number=job.number)


def _compute_shown_html(context):
    """Compute, in this process and in page order, the HTML the page will show."""
    for key in ITEM_KEYS:
        item = context.get(key)
        if item is not None and hasattr(item, "get_content"):
            _ = item.content, item.summary
    for key, value in context.items():
        if key.endswith(LISTING_SUFFIX) and hasattr(value, "object_list"):
            for item in value.object_list:
                if hasattr(item, "get_summary"):
                    _ = item.summary


LAST_RENDER = {"pages": 0, "processes": 0}

# The writer of the build running in this process, so finish_writing() needs no argument.
_current = threading.local()


def provide_writer(pelican):
    """get_writer handler: Pelican builds with the ParallelWriter."""

    class BuildWriter(ParallelWriter):
        def __init__(self, output_path, settings=None):
            super().__init__(output_path, settings=settings)
            _current.writer = self

    return BuildWriter


def finish_writing():
    """Render every queued page. Safe to call more than once; later calls do nothing.

    Everything that reads the written site (the link check, the search index, the
    build runner) calls this first: finalized's receivers run in no fixed order.
    """
    writer = getattr(_current, "writer", None)
    if writer is None or writer.finished:
        return
    writer.finished = True
    _current.writer = None
    jobs = _winning_jobs(writer.jobs)
    workers = min(worker_count(), max(1, len(jobs) // (SMALLEST_PARALLEL_JOB_COUNT // 2)))
    if workers <= 1 or len(jobs) < SMALLEST_PARALLEL_JOB_COUNT or not _safe_to_fork():
        workers = 1
        for job in jobs:
            job.render_and_write()
    else:
        _render_in_workers(jobs, workers)
    writer.jobs = []
    # How the last build in this process rendered (the tests and the bench report it).
    LAST_RENDER.update(pages=len(jobs), processes=workers)


def _safe_to_fork():
    """Only this thread, or threads known not to hold what a worker uses.

    A forked child gets a copy of every lock as it was; a lock held by another thread
    (a server's, a test runner's) would stay held in the child forever.
    """
    return all(
        thread is threading.current_thread() or thread.name in FORK_SAFE_THREADS
        for thread in threading.enumerate()
    )


def _winning_jobs(jobs):
    """The jobs whose placeholder is still in their file: Pelican skipped the others."""
    by_path = {}
    for job in jobs:
        by_path.setdefault(job.path, []).append(job)
    winners = []
    for path, candidates in by_path.items():
        if len(candidates) == 1:
            winners.extend(candidates)
            continue
        with open(path, encoding="utf-8") as placeholder:
            written = placeholder.read()
        winners.extend(
            job for job in candidates if PLACEHOLDER.format(number=job.number) == written
        )
    return sorted(winners, key=lambda job: job.number)


def _render_in_workers(jobs, workers):
    """Fork workers - 1 processes; each (this one too) renders every workers-th job."""
    children = []
    # Objects the collector never moves are never written to, so the workers share
    # this process's memory pages instead of copying them.
    gc.freeze()
    for worker in range(1, workers):
        reading_end, writing_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            os.close(reading_end)
            _work_and_exit(jobs[worker::workers], writing_end)
        os.close(writing_end)
        children.append((pid, reading_end))
    failure = None
    try:
        for job in jobs[0::workers]:
            job.render_and_write()
    except Exception as error:
        failure = error
    for pid, reading_end in children:
        outcome = _collect(pid, reading_end)
        failure = failure or outcome
    gc.unfreeze()
    if failure is not None:
        raise failure


class _RecordKeeper(logging.Handler):
    """In a worker: keep every record, to be logged again by the parent."""

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


def _work_and_exit(jobs, writing_end):
    keeper = _RecordKeeper()
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(keeper)
    error = None
    try:
        for job in jobs:
            job.render_and_write()
    except Exception as raised:  # the parent raises it, as the serial path would
        error = raised
    try:
        payload = pickle.dumps((keeper.records, error))
    except Exception:
        payload = pickle.dumps((keeper.records, RuntimeError(f"{type(error).__name__}: {error}")))
    with os.fdopen(writing_end, "wb") as pipe:
        pipe.write(payload)
    # Skip interpreter shutdown: atexit handlers and buffers belong to the parent.
    os._exit(0)


def _collect(pid, reading_end):
    """Wait for one worker; log its records here; return its error, if any."""
    with os.fdopen(reading_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not payload:
        return RuntimeError(f"a render worker stopped (exit status {status}) before it finished")
    records, error = pickle.loads(payload)  # noqa: S301 (our own forked child wrote it)
    for record in records:
        if record.levelno >= logging.getLogger(record.name).getEffectiveLevel():
            logging.getLogger(record.name).handle(record)
    return error
