"""What a long build is doing: one updating line on a terminal, one summary line at the end.

    writing… 1034 files read · 912 pages written · 9.3 s
    Built in 12.4 s: 1034 files read, 1318 pages written.

The counts come from Pelican's signals, so they are what Pelican did, not an
estimate: a file counts as read when Pelican has made its post, page or static
file (from disk or from the content cache), a page when the writer has written
it. The build runner connects a BuildProgress once its own signal reset is done;
its receivers are disconnected with every plugin's at the end of the build.

Quiet in CI (CI=true) and with --quiet; the live line only on a terminal.
"""

import os
import sys
import threading
import time

from pelican import signals
from plugin_support.site_content import items_of

# Redrawing more often than this only costs time; the elapsed clock ticks on its own
# between events (while Pagefind runs, nothing else would move the line).
REDRAW_SECONDS = 0.1
TICK_SECONDS = 0.5
CLEAR_LINE = "\r\x1b[K"


def running_in_ci(environ=None):
    """CI services set CI=true (GitHub Actions, GitLab, this project's .ci/run)."""
    value = (environ if environ is not None else os.environ).get("CI", "")
    return value.strip().lower() not in ("", "0", "false", "no")


class BuildProgress:
    """Counts one build's files and pages and shows them; `finish()` prints the summary."""

    def __init__(self, stream=None, live=None, summary=True, title="Built"):
        self.stream = stream if stream is not None else sys.stderr
        self.title = title
        self.live = self.stream.isatty() if live is None else live
        self.summary = summary
        self.started = time.monotonic()
        self.phase = "reading"
        self.files_counted = 0  # by generators that have finished reading
        self._made_by_current_generator = 0
        self.pages_written = 0
        self._last_drawn = 0.0
        self._lock = threading.Lock()
        self._stop_ticking = threading.Event()
        self._ticker = None

    @classmethod
    def for_terminal(cls, quiet=False, environ=None, stream=None, title="Built"):
        """Shown on stderr; silent with `quiet` or in CI; the live line only on a terminal."""
        silent = quiet or running_in_ci(environ)
        stream = stream if stream is not None else sys.stderr
        return cls(stream, live=False if silent else None, summary=not silent, title=title)

    @property
    def silent(self):
        return not (self.live or self.summary)

    @property
    def files_read(self):
        return self.files_counted + self._made_by_current_generator

    @property
    def seconds(self):
        return time.monotonic() - self.started

    def connect(self):
        """Listen to this build's signals. The build runner calls it before Pelican starts."""
        if self.silent:
            return
        signals.content_object_init.connect(self._content_made)
        signals.article_generator_finalized.connect(self._articles_read)
        signals.page_generator_finalized.connect(self._pages_read)
        signals.static_generator_finalized.connect(self._static_files_read)
        signals.all_generators_finalized.connect(self._reading_done)
        signals.content_written.connect(self._page_written)
        signals.feed_written.connect(self._page_written)
        signals.finalized.connect(self._writing_done)
        if self.live and self._ticker is None:
            self._ticker = threading.Thread(target=self._tick, name="build-progress", daemon=True)
            self._ticker.start()

    # Signal receivers: Pelican sends each with its own positional sender.
    def _content_made(self, content):
        # Ticks while a generator reads; its finished lists then give the exact count
        # (a generator-level content cache would make no new objects).
        if self.phase == "reading":
            self._made_by_current_generator += 1
            self._draw()

    def _generator_read(self, items):
        self.files_counted += len(items)
        self._made_by_current_generator = 0
        self._draw()

    def _articles_read(self, generator):
        self._generator_read(items_of(generator))  # every status and language

    def _pages_read(self, generator):
        self._generator_read(items_of(generator))

    def _static_files_read(self, generator):
        self._generator_read(generator.staticfiles)

    def _reading_done(self, generators):
        self.phase = "writing"
        self._draw(force=True)

    def _page_written(self, path, **context):
        self.pages_written += 1
        self._draw()

    def _writing_done(self, pelican):
        # Pelican prints its own "Done: …" line next: it must start on a clean line.
        self.end_live_line()

    def status_line(self):
        return (
            f"{self.phase}… {self.files_read} files read · "
            f"{self.pages_written} pages written · {self.seconds:.1f} s"
        )

    def summary_line(self, ok=True):
        outcome = self.title if ok else f"{self.title} with problems"
        return (
            f"{outcome} in {self.seconds:.1f} s: {self.files_read} "
            f"file{'s' if self.files_read != 1 else ''} read, "
            f"{self.pages_written} page{'s' if self.pages_written != 1 else ''} written."
        )

    def _draw(self, force=False):
        if not self.live or self._stop_ticking.is_set():
            return
        now = time.monotonic()
        if not force and now - self._last_drawn < REDRAW_SECONDS:
            return
        with self._lock:
            self._last_drawn = now
            self.stream.write(CLEAR_LINE + self.status_line())
            self.stream.flush()

    def _tick(self):
        while not self._stop_ticking.wait(TICK_SECONDS):
            self._draw(force=True)

    def end_live_line(self):
        """Clear the updating line, so what is printed next starts on a clean line."""
        if self._stop_ticking.is_set():
            return
        self._stop_ticking.set()
        if self._ticker is not None:
            self._ticker.join()
        if self.live:
            with self._lock:
                self.stream.write(CLEAR_LINE)
                self.stream.flush()

    def finish(self, ok=True):
        """End the live line (a failed build never reaches `finalized`) and print the summary."""
        self.end_live_line()
        if self.summary:
            self.stream.write(self.summary_line(ok) + "\n")
            self.stream.flush()
