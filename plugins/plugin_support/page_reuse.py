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
"""

import hashlib
import logging
import os
from contextlib import contextmanager
from pathlib import Path

from pelican import contents

from .pelican_internals import read_cache_file, write_cache_file
from .render_digests import RenderDigests, Undigestable, reference, template_files_digest

logger = logging.getLogger(__name__)

PREVIOUS_OUTPUT_KEY = "PREVIOUS_OUTPUT_PATH"
RECORD_FILE = "rendered_pages.pickle"
RECORD_VERSION = "1"
MISSING = object()

# The content items read while the current page renders (by identity), or None.
_reads = None


def _recording_getattribute(item, name):
    if _reads is not None:
        _reads[id(item)] = item
    return object.__getattribute__(item, name)


@contextmanager
def item_reads_recorded():
    """While active, record_reads() can see which content items a render reads."""
    contents.Content.__getattribute__ = _recording_getattribute
    try:
        yield
    finally:
        del contents.Content.__getattribute__


def record_reads(render):
    """(render(), {id: item} of the content items it read); an enclosing recording
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


class PageReuse:
    """One build's decisions: which queued pages come from the previous site."""

    def __init__(self, settings, output_path):
        self.settings = settings
        self.output_path = output_path
        self.previous_output = settings.get(PREVIOUS_OUTPUT_KEY)
        cache_path = settings.get("CACHE_PATH") if settings.get("CACHE_CONTENT") else None
        self.record_path = Path(cache_path) / RECORD_FILE if cache_path else None
        self.record = self._load()
        self.new_record = {}
        self.keys = {}
        self.digests = None
        self.undigestable = []

    def _load(self):
        if self.record_path is None:
            return {}
        try:
            version, record = read_cache_file(self.record_path)
        except FileNotFoundError:
            return {}
        except Exception as error:  # truncated by a killed build, or from older code
            logger.info("%s could not be read (%s); rendering every page", self.record_path, error)
            return {}
        return record if version == RECORD_VERSION and isinstance(record, dict) else {}

    def carry_over(self, jobs):
        """Write the pages that need no render from the previous site; return the others."""
        if self.record_path is None or not jobs:
            return jobs
        self.digests = RenderDigests(self.settings, jobs[0].shared)
        files_digest = template_files_digest(self.settings)
        to_render = []
        for job in jobs:
            self.keys[job.number] = self._job_key(job, files_digest)
            if not self._write_recorded(job):
                to_render.append(job)
        return to_render

    def _job_key(self, job, files_digest):
        digests = self.digests
        try:
            own = [
                digests.of(key) + digests.of(value)
                for key, value in job.context.items()
                if job.shared.get(key, MISSING) is not value
            ]
            missing = [digests.of(key) for key in job.shared if key not in job.context]
            return digests.of(
                (
                    files_digest,
                    digests.build_mapping(self.settings),
                    digests.build_mapping(job.shared),
                    digests.of(job.template.environment),
                    job.template.name,
                    own,
                    missing,
                )
            )
        except Undigestable as reason:
            self.undigestable.append(str(reason))
            return None

    def _write_recorded(self, job):
        relative = os.path.relpath(job.path, self.output_path)
        entry = self.record.get(relative)
        key = self.keys[job.number]
        if entry is None or key is None or self.previous_output is None:
            return False
        recorded_key, read_items, written = entry
        if recorded_key != key or not all(
            self._item_digest(name) == digest for name, digest in read_items
        ):
            return False
        try:
            data = (Path(self.previous_output) / relative).read_bytes()
        except OSError:
            return False
        if bytes_digest(data) != written:
            return False
        with open(job.path, "wb") as page:
            page.write(data)
        self.new_record[relative] = entry
        return True

    def _item_digest(self, name):
        item = self.digests.items.get(tuple(name))
        if item is None:
            return None
        try:
            return self.digests.item_data(item)
        except Undigestable as reason:
            self.undigestable.append(str(reason))
            return None

    def remember(self, job, read_names, written):
        """Record a page just rendered: its key, the items it read, its bytes' digest."""
        key = self.keys.get(job.number)
        if key is None:
            return
        read_items = []
        for name in sorted(read_names):
            digest = self._item_digest(name)
            if digest is None:
                return  # an item that cannot be told apart: render this page every time
            read_items.append((name, digest))
        relative = os.path.relpath(job.path, self.output_path)
        self.new_record[relative] = (key, tuple(read_items), written)

    def save(self):
        if self.record_path is None or self.new_record == self.record:
            return
        self.record_path.parent.mkdir(parents=True, exist_ok=True)
        write_cache_file(self.record_path, (RECORD_VERSION, self.new_record))


def render_recording_reads(job):
    """Render one job, write it, and return (job number, names of items read, bytes digest)."""
    html, reads = record_reads(lambda: job.template.render(job.context))
    data = html.encode("utf-8")
    with open(job.path, "wb") as page:
        page.write(data)
    return job.number, [reference(item) for item in reads.values()], bytes_digest(data)
