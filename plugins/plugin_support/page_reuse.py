"""Carry a page over from the previous build when nothing it is made from has changed.

After one edit, a warm build rendered every page again: about 1,900 pages for a
thousand posts, most of a live-preview rebuild. Each page is a pure function of:
the template files and plugin code, the settings and the build's shared context,
the page's own context values, and the content items its template reads. So each
build records, per page, a digest of all of those (plugin_support.render_digests)
and the digest of the bytes written. The items read are not guessed: while a page
renders, every attribute read on a content item is recorded (the class's
__getattribute__ is swapped for a recording one for that time only), so a page
that shows a post's title counts that post, and one that shows nothing of it does not.

When a page's digests all match the record, and the previous site (the folder the
staged build replaces, plugin_support is told of it in PREVIOUS_OUTPUT_PATH) still
holds a file with the recorded bytes' digest, those bytes are written instead of
rendering. A file whose digest does not match, a value that cannot be digested,
or a missing record means "render". The record lives in the content cache's folder,
so a change to plugin code or keyed settings starts it afresh.

Digesting what the items hold is most of deciding (about 28,000 attributes for a
thousand posts). The items are final once every generator has finished, and then
this process spends about a second queueing pages on one core; so a forked worker
digests, meanwhile, every attribute the previous build's pages read
(start_early_digests), from the first in order up, and this process, once its pages
are queued, digests from the last down until the two meet; deciding mostly looks
them up. (1,000 posts, one edit: the wait for the worker went from about 0.3 s to
0.1 s.) Nothing changes an item
while pages are queued; SITE_BUILD_CHECK_EARLY_DIGESTS=1 makes the build digest
every attribute again when it decides and report any that differ (the tests do).
"""

import hashlib
import logging
import os
import shutil
import threading
from pathlib import Path

from .digest_memo import cache_file, read_versioned
from .forked_workers import (
    SplitFromBothEnds,
    StartedWorker,
    can_fork,
    fork_map,
    log_again,
    worker_count,
)
from .pelican_internals import content_attribute_reads_through, write_cache_file
from .render_digests import (
    RenderDigests,
    Undigestable,
    combine,
    reference,
    template_files_digest,
)

PREVIOUS_OUTPUT_KEY = "PREVIOUS_OUTPUT_PATH"
RECORD_FILE = "rendered_pages.pickle"
RECORD_VERSION = "5"
# A page's reads are kept as one string (see _encoded_reads): an item's reads are
# separated from the next item's by READ_SEPARATOR, its class, path and attribute
# names by FIELD_SEPARATOR.
READ_SEPARATOR, FIELD_SEPARATOR = "\x1e", "\x1f"
# Below this many recorded pages, deciding in one process is quicker than forking.
SMALLEST_PARALLEL_DECISIONS = 64
# What deciding a page costs for each value of its own context, in characters of its
# recorded reads (measured: a listing page with its paginators takes about twice as
# long as a post's page, with half again as many reads).
OWN_VALUE_COST = 400
# Set to 1: every early digest is checked against one made when deciding.
CHECK_EARLY_VARIABLE = "SITE_BUILD_CHECK_EARLY_DIGESTS"
# Early digests are shared out in chunks of whole items, of at least this many reads
# (about 2 ms of work).
EARLY_DIGEST_CHUNK = 64
# No early digests of an item: (an id no item has, no names).
NOTHING_EARLY = (None, {})

logger = logging.getLogger(__name__)
# The worker digesting this build's items early (start_early_digests), if any, and
# the work it shares with this process.
_early = threading.local()

# What the current page's render read, or None: {(id(item), attribute name): item}.
_reads = None
# How many attribute reads of content items are under way (see _recording_getattribute).
_reads_under_way = 0


def _recording_getattribute(item, name):
    # Only reads made by the page itself are recorded: what a property reads while it
    # works out its value (`url` reads the slug and the settings) is counted through
    # that value, which is what the page gets.
    global _reads_under_way
    if _reads is None or _reads_under_way:
        return object.__getattribute__(item, name)
    _reads[(id(item), name)] = item
    _reads_under_way += 1
    try:
        return object.__getattribute__(item, name)
    finally:
        _reads_under_way -= 1


def item_reads_recorded():
    """While active, record_reads() can see which attributes of content items a render reads."""
    return content_attribute_reads_through(_recording_getattribute)


def record_reads(render):
    """(render(), the attributes of content items it read); an enclosing recording
    sees the reads too."""
    global _reads
    outer, _reads = _reads, {}
    try:
        result = render()
        return result, _reads
    finally:
        inner, _reads = _reads, outer
        if outer is not None:
            outer.update(inner)


def note_reads(reads):
    """Count items read earlier (a fragment rendered once and reused) for the current page."""
    if _reads is not None:
        _reads.update(reads)


def bytes_digest(data):
    return hashlib.blake2b(data, digest_size=16).digest()


def start_early_digests(settings, items, context):
    """Digest, in a forked worker, every attribute of `items` the previous build's pages
    read, while this process queues the pages; PageReuse collects them, and this process
    does the last of them beside the worker once its pages are queued."""
    _early.worker = _early.work = None
    record_path = cache_file(settings, RECORD_FILE)
    if record_path is None or settings.get(PREVIOUS_OUTPUT_KEY) is None or not items:
        return
    if worker_count() < 2 or not can_fork():
        return
    work = _early.work = _EarlyDigests(settings, context, items)
    _early.worker = StartedWorker(
        lambda _: work.digest(read_versioned(record_path, RECORD_VERSION), from_start=True), None
    )


class _EarlyDigests:
    """The recorded reads, by item (items sorted) and cut into chunks of whole items of
    about EARLY_DIGEST_CHUNK reads: the worker digests them from the first chunk up, this
    process from the last down (see forked_workers.SplitFromBothEnds); both give
    {(item class, item path): (id of the item, {attribute name: digest})}."""

    def __init__(self, settings, context, items):
        self.settings, self.context, self.items = settings, context, items
        self.split = SplitFromBothEnds()

    def digest(self, record, from_start):
        chunks = _chunks_of_reads(record)
        if from_start:
            numbers, take = range(len(chunks)), self.split.take_from_start
        else:
            numbers, take = range(len(chunks) - 1, -1, -1), self.split.take_from_end
        digests = RenderDigests(self.settings, self.context)
        digests.know_items(self.items)
        found = {}
        for number in numbers:
            if not take(number):
                break
            # In order, as a page would, within each chunk: shared values are digested once.
            for item_reference, names in chunks[number]:
                item = digests.items.get(item_reference)
                if item is None:
                    continue
                by_name = {}
                found[item_reference] = (id(item), by_name)
                for name in names:
                    try:
                        by_name[name] = digests.attribute(item, name)
                    except Undigestable:
                        continue  # worked out when deciding, which records the reason
        return found


def _chunks_of_reads(record):
    """Every (item, attribute) the record's pages read, as lists of (item reference,
    sorted names), items sorted, cut where a chunk reaches EARLY_DIGEST_CHUNK names: the
    same chunks in the worker and here, which read the same record."""
    names_by_item = {}
    for entry in record.values():
        try:
            for item_reference, names in _decoded_reads(entry[1]):
                names_by_item.setdefault(item_reference, set()).update(names)
        except ValueError:  # a path with a separator in it: decided without these
            continue
    chunks, chunk, size = [], [], 0
    for item_reference in sorted(names_by_item):
        names = sorted(names_by_item[item_reference])
        chunk.append((item_reference, names))
        size += len(names)
        if size >= EARLY_DIGEST_CHUNK:
            chunks.append(chunk)
            chunk, size = [], 0
    if chunk:
        chunks.append(chunk)
    return chunks


def _collect_early_digests(record):
    """Every early digest: this process does the chunks the worker has not reached yet
    (from the last down), then takes the worker's."""
    worker, work = getattr(_early, "worker", None), getattr(_early, "work", None)
    _early.worker = _early.work = None
    if worker is None:
        return {}
    found_here = work.digest(record, from_start=False)
    outcome = worker.outcome()
    # Its log records are dropped: whatever it read had been worked out here before the
    # fork, or is worked out again here when a page needs it.
    if outcome.error is None and outcome.result:
        return {**outcome.result, **found_here}
    return found_here


class PageReuse:
    """One build's decisions: which queued pages come from the previous site."""

    def __init__(self, settings, output_path, items=()):
        self.settings = settings
        self.output_path = output_path
        self.items = items
        self.previous_output = settings.get(PREVIOUS_OUTPUT_KEY)
        self.record_path = cache_file(settings, RECORD_FILE)
        self.record = read_versioned(self.record_path, RECORD_VERSION) if self.record_path else {}
        self.new_record = {}
        self.keys = {}
        # Each job's page as the record names it (its path in the site), worked out once.
        self.relative_paths = {}
        self.digests = self.files_digest = None
        self.early = {}
        self.check_early = os.environ.get(CHECK_EARLY_VARIABLE) == "1"
        self.undigestable = []

    def carry_over(self, jobs):
        """Write the pages that need no render from the previous site; return the others."""
        self.early = _collect_early_digests(self.record)
        if self.record_path is None or not jobs:
            return jobs
        self.digests = RenderDigests(self.settings, jobs[0].shared)
        self.digests.know_items(self.items)
        self.files_digest = template_files_digest(self.settings)
        recorded = [job for job in jobs if self._recorded(job)]
        workers = worker_count()
        if len(recorded) < SMALLEST_PARALLEL_DECISIONS or workers < 2 or not can_fork():
            carried = {job.number for job in recorded if self._write_recorded(job)}
        else:
            carried = self._carry_over_in_parallel(recorded, workers)
        return [job for job in jobs if job.number not in carried]

    def _relative(self, job):
        relative = self.relative_paths.get(job.number)
        if relative is None:
            relative = self.relative_paths[job.number] = os.path.relpath(job.path, self.output_path)
        return relative

    def _recorded(self, job):
        return self.previous_output is not None and self._relative(job) in self.record

    def _carry_over_in_parallel(self, recorded, workers):
        """Decide (and link) in forked workers, one contiguous share each, so neighbouring
        pages, which read the same posts, share one worker's memo of digests. A page a
        worker did not carry over is rendered here, which works out its key again."""
        shares = _contiguous_shares(recorded, workers, self._decision_cost)

        def decide(share):
            decided = [(job.number, self._write_recorded(job)) for job in share]
            carried = {number for number, was_carried in decided if was_carried}
            # In a worker, new_record and undigestable hold this share's only.
            return carried, self.new_record, self.undigestable

        here = []
        outcomes = fork_map(decide, shares[1:], work_here=lambda: here.append(decide(shares[0])))
        carried = set(here[0][0])
        for outcome in outcomes:
            log_again(outcome.records)
            if outcome.error is not None:
                raise outcome.error
            worker_carried, entries, undigestable = outcome.result
            carried |= worker_carried
            self.new_record.update(entries)
            self.undigestable.extend(undigestable)
        return carried

    def _decision_cost(self, job):
        """About how long deciding a page takes: its recorded reads, and its own context
        values (a listing page's paginators and lists take about twice a post's time)."""
        reads = self.record[self._relative(job)][1]
        return len(reads) + OWN_VALUE_COST * (job.added - len(job.missing) + 1)

    def _job_key(self, job):
        """Everything but the items a page reads: templates, settings, context, its own values."""
        digests = self.digests
        try:
            own = [digests.of(key) + digests.of(value) for key, value in job.own.items()]
            missing = [digests.of(key) for key in job.missing]
            return combine(
                self.files_digest,
                digests.build_mapping(self.settings),
                digests.build_mapping(job.shared),
                digests.of(job.template.environment),
                job.template.name,
                combine(*own),
                combine(*missing),
            )
        except Undigestable as reason:
            self.undigestable.append(str(reason))
            return None

    def _write_recorded(self, job):
        """Carry the page over if nothing it is made from changed; whether it was."""
        relative = self._relative(job)
        entry = self.record.get(relative)
        if entry is None or self.previous_output is None:
            return False  # nothing to carry over: the key is worked out with the render
        key = self.keys[job.number] = self._job_key(job)
        recorded_key, reads, reads_digest, _written, _file_stamp = entry
        if key is None or recorded_key != key or self._reads_digest(reads) != reads_digest:
            return False
        if not _copy_if_unchanged(Path(self.previous_output) / relative, job.path, entry):
            return False
        self.new_record[relative] = (*entry[:4], _stamp(job.path))
        return True

    def _reads_digest(self, reads):
        """One digest of every (item, attribute) read (as _encoded_reads wrote them), or
        None if one cannot be made."""
        items, attribute, early = self.digests.items, self.digests.attribute, self.early
        parts = []
        try:
            for item_reference, names in _decoded_reads(reads):
                item = items.get(item_reference)
                if item is None:  # gone, or two items under one name
                    return None
                made_for, made_early = early.get(item_reference, NOTHING_EARLY)
                if made_for != id(item):  # another item now has that name: digest anew
                    made_early = {}
                for name in names:
                    digest = made_early.get(name)
                    if digest is None:
                        parts.append(attribute(item, name))
                        continue
                    if self.check_early:
                        self._check_early(item, name, digest)
                    parts.append(digest)
        except ValueError:  # not a class, a path and names: a path with a separator in it
            return None
        except Undigestable as reason:
            self.undigestable.append(str(reason))
            return None
        return combine(*parts)

    def _check_early(self, item, name, made_early):
        if self.digests.attribute(item, name) != made_early:
            logger.error(
                "%s: %s changed after its digest was made (SITE_BUILD_CHECK_EARLY_DIGESTS): "
                "a plugin changes items while pages are queued; change it earlier",
                reference(item)[1],
                name,
            )

    def render(self, job):
        """Render and write one page; return (its path in the site, its record or None,
        what could not be digested). Runs in a forked worker or here."""
        # Reads are seen only while the template runs: digesting them, below, reads
        # every item again, and would pay for the recording hook on each of those reads.
        with item_reads_recorded():
            html, reads = record_reads(lambda: job.template.render(job.context))
        reasons_before = len(self.undigestable)
        data = html.encode("utf-8")
        with open(job.path, "wb") as page:
            page.write(data)
        relative = self._relative(job)
        if self.digests is None:
            return relative, None, []
        read_names = _encoded_reads(reads)
        key = self.keys[job.number] if job.number in self.keys else self._job_key(job)
        reads_digest = self._reads_digest(read_names)
        if key is None or reads_digest is None:  # render it every time
            # This page's reasons only: remember() adds them, here or from a worker.
            reasons = self.undigestable[reasons_before:]
            del self.undigestable[reasons_before:]
            return relative, None, reasons
        entry = (key, read_names, reads_digest, bytes_digest(data), _stamp(job.path))
        return relative, entry, []

    def remember(self, rendered):
        """Record the pages rendered ((path, record, problems) from render())."""
        for relative, entry, undigestable in rendered:
            self.undigestable.extend(undigestable)
            if entry is not None:
                self.new_record[relative] = entry

    def save(self):
        if self.record_path is None or self.new_record == self.record:
            return
        self.record_path.parent.mkdir(parents=True, exist_ok=True)
        write_cache_file(self.record_path, (RECORD_VERSION, self.new_record))


def _contiguous_shares(jobs, count, cost):
    """`jobs` in at most `count` contiguous shares of about equal total cost."""
    costs = [cost(job) for job in jobs]
    total = sum(costs) or 1
    shares, share, spent = [], [], 0
    for job, job_cost in zip(jobs, costs, strict=True):
        share.append(job)
        spent += job_cost
        if spent * count >= total * (len(shares) + 1) and len(shares) < count - 1:
            shares.append(share)
            share = []
    if share:
        shares.append(share)
    return shares


def _encoded_reads(reads):
    """A page's reads as one string: a thousand pages' reads as tuples are over a
    million objects for the garbage collector to walk on every full collection.

    Each item's class and path are written once, before the names of its attributes
    read: a post's page reads about 25 of its post's, and writing the post's path
    before each made the record four times the size (6 MB at 1,000 posts, held by the
    build and by each worker that renders). Items, and each item's names, are sorted,
    so the reads come out in the order of the sorted (class, path, name) reads."""
    names_by_item = {}
    for (_, name), item in reads.items():
        names_by_item.setdefault(reference(item), set()).add(name)
    return READ_SEPARATOR.join(
        FIELD_SEPARATOR.join((*item_reference, *sorted(names_by_item[item_reference])))
        for item_reference in sorted(names_by_item)
    )


def _decoded_reads(encoded):
    """((item class, item path), [attribute names]) for each item in `encoded` reads, in
    order. Raises ValueError for an item without a name (a path with a separator in it)."""
    for item_reads in encoded.split(READ_SEPARATOR) if encoded else ():
        item_class, item_path, *names = item_reads.split(FIELD_SEPARATOR)
        if not names:
            raise ValueError(item_reads)
        yield (item_class, item_path), names


def _stamp(path):
    """What tells a file unchanged without reading it: its size, change time and inode
    (a staged file keeps all three when the staging folder becomes the site)."""
    found = os.stat(path)
    return found.st_size, found.st_mtime_ns, found.st_ino


def _copy_if_unchanged(previous, destination, entry):
    """Give `destination` the bytes of `previous` if it still has the recorded ones; else False.

    An unchanged file is hard-linked: nothing writes into a page once the pages are
    written, and the previous site is deleted after the swap, so the file is never
    shared with a site anyone changes. Linked, it keeps its stamp for the next build.
    """
    written, file_stamp = entry[3], entry[4]
    try:
        if _stamp(previous) == file_stamp:
            _link_or_copy(previous, destination)
            return True
        data = previous.read_bytes()  # touched since (or another build's file): compare the bytes
    except OSError:
        return False
    if bytes_digest(data) != written:
        return False
    with open(destination, "wb") as page:
        page.write(data)
    return True


def _link_or_copy(previous, destination):
    try:
        os.link(previous, destination)
    except OSError:  # another disk, or links not allowed: a copy
        shutil.copyfile(previous, destination)
