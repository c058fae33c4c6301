"""Render the site's pages on every core, with the same bytes as one process would write.

Rendering templates is most of a warm build, and Pelican does it one page at a time.
The writer here lets Pelican run exactly as usual (pagination, the overwrite rules,
the content_written signal), but each page's template is only *remembered*: Pelican
"writes" a one-line placeholder naming its render job, which the writer keeps in
memory as the file's current content (a file written for real, a feed, replaces it
on disk as it would any page; 1,900 placeholder files cost about 0.1 s to write and
remove). When every generator has written, `finish_writing()` takes the jobs whose
placeholder the file still holds (a skipped overwrite leaves the earlier one),
carries over those whose inputs did not change
since the previous build from the previous site (plugin_support.page_reuse), and
renders the rest, split across forked workers
(plugin_support.forked_workers) and this process. Workers' log records are logged
again here, where the build's problem collector sees them.

What a page's content does when first rendered (live prices, image copies, link
warnings) happens here, in this process, as the page is queued: workers only run
templates. A small site, or one worker, renders here, in order.
"""

import io
import logging
import os
import threading

from pelican.writers import FileOverwriteFailedError, Writer

from .forked_workers import can_fork, map_in_chunks, return_freed_memory, worker_count
from .page_reuse import PageReuse, start_early_digests
from .pelican_internals import forget_all_memoized_html
from .site_content import all_items

logger = logging.getLogger(__name__)
# Settings key: functions a plugin wants called, with (settings, output path), as soon
# as every page is written (site_search starts Pagefind then). In the settings, so
# they belong to one build.
PAGES_WRITTEN_KEY = "PAGES_WRITTEN_STEPS"
# Below this many pages a fork costs more than it saves.
SMALLEST_PARALLEL_JOB_COUNT = 64
# A page takes one to two milliseconds: chunks this small leave the processes at most a
# few milliseconds apart at the end, for one read of a pipe each.
RENDER_CHUNK_SIZE = 4
PLACEHOLDER = "<!-- page queued for rendering: {number} -->"
# Context values whose HTML a page shows: computed when the page is queued (see above).
ITEM_KEYS = ("article", "page")
# Pelican's writer gives a paginated page `<key>_page` for each list it paginates
# ("articles", "dates"); `<key>_previous_page` and `<key>_next_page` are the listing
# pages around it, whose items' summaries are computed when those are queued.
LISTING_SUFFIX = "_page"


class RenderJob:
    """One page: the template, its context, and where it goes.

    The context is kept as what the page adds to the context its generator shares
    (`own`, and the `missing` keys it lacks), not as the copy Pelican's writer made:
    a copy holds every setting, about 190 keys, and 1,900 of them were 11 MB of a
    1,000-post build, in this process and in every worker forked from it."""

    __slots__ = ("added", "missing", "number", "own", "path", "shared", "template")

    def __init__(self, number, template, context, shared):
        self.number = number
        self.template = template
        # The shared context as it was when the generator first wrote with it: what
        # the page differs in is measured against this copy, so a change to the
        # shared one later cannot change a page queued before it.
        self.shared = shared
        self.own = {
            key: value for key, value in context.items() if shared.get(key, _ABSENT) is not value
        }
        # How many keys the page has that the shared context has not.
        self.added = sum(1 for key in self.own if key not in shared)
        self.missing = (
            ()
            if len(context) == len(shared) + self.added
            else tuple(key for key in shared if key not in context)
        )
        self.path = None

    @property
    def context(self):
        """The page's whole context, as Pelican's writer gave it to the template."""
        context = {**self.shared, **self.own}
        for key in self.missing:
            del context[key]
        return context


_ABSENT = object()


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
        self._shared_source = self._shared_context = None
        self._listing_keys = ()
        # The job whose placeholder Pelican is about to write, and, by file, the job
        # whose placeholder the file holds (as Pelican's writer spells the path).
        self._unwritten_job = None
        self.placeholders = {}

    def _open_w(self, filename, encoding, override=False):
        """Pelican's checks and bookkeeping for a file about to be written (overwrite
        rules: a second write is an error, or skipped, or allowed once), then where the
        text goes: a queued page's placeholder into `placeholders`, anything else
        (a feed) into the file on disk."""
        job, self._unwritten_job = self._unwritten_job, None
        path = os.path.abspath(filename)
        if path in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{path}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', path)
            return _Discarded()  # the file keeps what it has
        if path in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{path}" as Pelican has already written to it '
                "previously (set `override=True` if intended)"
            )
        if override:
            if path in self._written_files:
                logger.info('Overwriting "%s"', path)
            self._overridden_files.add(path)
        self._written_files.add(path)
        # (A job whose write never came, Pelican having stopped between render and
        # write, is not this file's: the file is written for real.)
        if job is not None and job.path == path:
            self.placeholders[path] = job
            return _Discarded()
        self.placeholders.pop(path, None)
        return open(path, "w", encoding=encoding)

    def write_file(self, name, template, context, *args, **kwargs):
        if context is not self._shared_source:
            self._shared_source, self._shared_context = context, dict(context)
        # Pelican's signature: (name, template, context, relative_urls, paginated, ...).
        paginated = kwargs["paginated"] if "paginated" in kwargs else (args[1:2] or [None])[0]
        self._listing_keys = tuple(key + LISTING_SUFFIX for key in paginated or ())
        return super().write_file(name, _QueuedTemplate(template, self), context, *args, **kwargs)

    def queue(self, template, context):
        job = RenderJob(len(self.jobs), template, context, self._shared_context)
        self.jobs.append(job)
        # Spelled as Pelican's writer spells it (sanitised_join), so two jobs for one
        # file are grouped together even when their names differ ("a//b/./index.html").
        job.path = os.path.abspath(os.path.join(self.output_path, context["output_file"]))
        _compute_shown_html(context, self._listing_keys)
        self._unwritten_job = job
        return PLACEHOLDER.format(number=job.number)


class _Discarded(io.StringIO):
    """A file Pelican writes that never reaches the disk: a queued page's placeholder
    (kept by the writer) or a skipped overwrite."""


def _compute_shown_html(context, listing_keys):
    """Compute, in this process and in page order, the HTML the page will show."""
    for key in ITEM_KEYS:
        item = context.get(key)
        if item is not None and hasattr(item, "get_content"):
            _ = item.content, item.summary
    for key in listing_keys:
        for item in getattr(context.get(key), "object_list", ()):
            if hasattr(item, "get_summary"):
                _ = item.summary


LAST_RENDER = {"pages": 0, "rendered": 0, "carried_over": 0, "processes": 0, "early_digests": 0}

# The writer of the build running in this process, so finish_writing() needs no argument.
_current = threading.local()


def remember_items(generators):
    """all_generators_finalized handler: the build's items, for the writer to come."""
    statics = [item for generator in generators for item in getattr(generator, "staticfiles", ())]
    _current.items = all_items(generators) + statics
    _current.context = generators[0].context if generators else {}
    if _kept["wanted"]:
        _kept["generators"] = generators


# A live preview's build keeps its generators after it ends, to render a page again
# when its source is saved (tooling.quick_preview); no other build keeps anything.
_kept = {"wanted": False, "generators": None}


def keep_generators_after_build():
    """Builds in this process keep their generators (the live preview's build child)."""
    _kept["wanted"] = True


def kept_generators():
    """The generators of the last build in this process, if it was asked to keep them."""
    return _kept["generators"]


def provide_writer(pelican):
    """get_writer handler: Pelican builds with the ParallelWriter. Every item is final
    now, and nothing is queued yet: their digests can start (page_reuse)."""
    start_early_digests(
        pelican.settings, getattr(_current, "items", []), getattr(_current, "context", {})
    )

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
    items, _current.items, _current.context = getattr(_current, "items", ()), (), {}
    _render_or_carry_over(writer, items)
    # Every page is written: the HTML Pelican memoized for them (every post's body,
    # about 9 MB at 1,000 posts) is needed again only by a live preview's re-render,
    # which works it out again. The jobs, their contexts and the decisions are freed
    # now too: give their memory back before the search index's runs start beside
    # this process.
    forget_all_memoized_html()
    return_freed_memory()
    for step in writer.settings.get(PAGES_WRITTEN_KEY, ()):
        step(writer.settings, writer.output_path)


def _render_or_carry_over(writer, items):
    jobs = _winning_jobs(writer.jobs, writer.placeholders)
    writer.jobs, writer.placeholders = [], {}
    reuse = PageReuse(writer.settings, writer.output_path, items)
    to_render = reuse.carry_over(jobs)
    workers = min(worker_count(), max(1, len(to_render) // (SMALLEST_PARALLEL_JOB_COUNT // 2)))
    if len(to_render) < SMALLEST_PARALLEL_JOB_COUNT or not can_fork():
        workers = 1
    reuse.remember(_render(to_render, workers, reuse.render))
    reuse.save()
    # How the last build in this process rendered (the tests and the bench report it).
    LAST_RENDER.update(
        pages=len(jobs),
        rendered=len(to_render),
        carried_over=len(jobs) - len(to_render),
        processes=workers,
        undigestable=sorted(set(reuse.undigestable)),
        early_digests=sum(len(names) for _, names in reuse.early.values()),
    )


def _winning_jobs(jobs, placeholders):
    """The jobs whose placeholder their file still holds: Pelican skipped the others, or
    wrote the file again for real."""
    return [job for job in jobs if placeholders.get(job.path) is job]


def _render(jobs, workers, render):
    """render(job) for every job, its results in a list, in the jobs' order.

    With more than one worker, forked workers and this process take the jobs a chunk
    at a time, each as soon as it is free."""
    if workers <= 1:
        return [render(job) for job in jobs]
    return map_in_chunks(render, jobs, workers, RENDER_CHUNK_SIZE)
