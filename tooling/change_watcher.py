"""The live preview hears of a save when it happens, instead of looking every 0.8 s;
and it reloads the browser itself, without losing a reload.

Without a way to be told of changes, livereload looks at the time of every watched
file every 0.8 s: each save waited 0.4 s on average (up to 0.8 s) before its build
started, and each look reads the times of every post. This watcher is livereload's own
(which compares file times to tell what changed and runs the tasks), but it looks
only when the operating system says something under a watched folder changed
(watchdog: inotify on Linux). Where it cannot be told (a folder it may not watch,
the system's limit on watches reached), livereload looks every 0.8 s, as before.
"""

import logging
import time

from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

# livereload's own logger: the line goes where livereload prints its own.
logger = logging.getLogger("livereload")

# An editor may write a file in more than one step (truncate, then write): looking a
# moment after the first event sees the whole save, and one look covers them all.
SETTLE_SECONDS = 0.05
READY_MESSAGE = "Watching for saves"
# A reload comes at least this long after the last one, and waits at most RELOAD_WAIT
# for a page to be connected (see BrowserReloads).
RELOAD_GAP_SECONDS = 0.5
RELOAD_WAIT_SECONDS = 5


class NotifiedWatcher(Watcher):
    """livereload's Watcher, run when a file under `folders` (recursively) or a file
    in `flat_folders` (those folders only) changes."""

    def __init__(self, folders, flat_folders=()):
        super().__init__()
        self.folders = [str(folder) for folder in folders]
        self.flat_folders = [str(folder) for folder in flat_folders]
        self.observer = None
        self._look_pending = False

    def start(self, callback):
        """Called by livereload with what to run on a change (it looks and runs the
        tasks); False makes livereload look on its own, every 0.8 s."""
        if self.observer is not None:
            return True
        loop = IOLoop.current()

        def look():
            self._look_pending = False
            callback()

        def changed():  # on watchdog's thread: only add_callback may reach the loop
            if not self._look_pending:
                self._look_pending = True
                loop.add_callback(loop.call_later, SETTLE_SECONDS, look)

        observer = Observer()
        try:
            for folder in self.folders:
                observer.schedule(_AnyChange(changed), folder, recursive=True)
            for folder in self.flat_folders:
                observer.schedule(_AnyChange(changed), folder, recursive=False)
            observer.start()
        except OSError as error:
            observer.stop()
            logger.warning("Looking for saves every 0.8 s (%s)", error)
            return False
        self.observer = observer
        logger.info(READY_MESSAGE)
        callback()  # anything saved before now
        return True

    def examine(self):
        """livereload's look, which runs the tasks of what changed; the browser's reload
        is left to the project ("forever": livereload sends none), which reloads when the
        build a task started has ended (BrowserReloads)."""
        changed, _delay = super().examine()
        return changed, "forever"

    def stop(self):
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
            self.observer = None


class _AnyChange(FileSystemEventHandler):
    def __init__(self, changed):
        super().__init__()
        self.changed = changed

    def on_any_event(self, event):
        if event.event_type not in ("opened", "closed_no_write"):  # reads change nothing
            self.changed()


class BrowserReloads:
    """Reloads the pages open on the live preview, without losing one.

    A page has no connection to the preview while it reloads: a reload sent then (the
    rebuilt site, a moment after the post it showed first) reached no page, and the
    browser kept the older one. So a reload waits until the last one is RELOAD_GAP
    old and a page is connected again (for RELOAD_WAIT at most: with no page open,
    there is nothing to reload). One reload waiting covers every request made
    meanwhile: it shows the site as it is when it is sent. Runs on the server's loop.
    """

    def __init__(self, loop):
        self.loop = loop
        self.last = 0.0
        self.waiting = False

    def __call__(self):
        if not self.waiting:
            self.waiting = True
            self._send(time.monotonic() + RELOAD_WAIT_SECONDS)

    def _send(self, give_up_at):
        now = time.monotonic()
        too_soon = self.last + RELOAD_GAP_SECONDS - now
        if too_soon > 0 or (not LiveReloadHandler.waiters and now < give_up_at):
            self.loop.call_later(max(too_soon, 0.1), self._send, give_up_at)
            return
        self.waiting = False
        if LiveReloadHandler.waiters:
            self.last = now
            LiveReloadHandler.reload_waiters(path="*")  # "*": the whole page, not only its CSS
