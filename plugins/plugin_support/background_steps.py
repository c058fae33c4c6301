"""Steps a build starts and lets run while it does other work (the search index, the
output's folders).

Pagefind reads the written pages and uses its own threads; the link check reads the
same pages in Python. Started as soon as the pages are written, the search index's
step runs while the link check does, instead of after it. A step is a function run in
a thread of the build's process: the search index's step mostly waits for Pagefind's
runs, so it needs no Python process of its own (one held 11 MB at a cold build's
peak). The build runner waits for every step before it decides whether the build
counts, and each step's `on_done` logs what went wrong, so a failure is still one line
of the build's report. A plain `pelican` run (no runner) waits for them when the
process exits.

A step can also be a program already started (a subprocess.Popen), such as the one
that makes the output's folders (plugin_support.folders_ahead): it needs no thread to
wait for it, and a thread would keep the build from forking its workers.
"""

import atexit
import threading

_running = []


def start_in_thread(work, on_done):
    """Run work() in a thread; later on_done(returncode, stdout, stderr) of the
    CompletedProcess it returns. If it raises, returncode is None and stderr names
    the exception."""
    _running.append((_ThreadStep(work), on_done))


def wait_for_program(program, on_done):
    """Wait for `program` (a started subprocess.Popen) with the steps; later
    on_done(returncode, stdout, stderr)."""
    _running.append((program, on_done))


class _ThreadStep:
    """A function run in a thread; communicate() waits for it, as for a program."""

    def __init__(self, work):
        self.returncode = None
        self._outcome = ("", "")
        self._thread = threading.Thread(target=self._run, args=(work,), name="build step")
        self._thread.start()

    def _run(self, work):
        try:
            finished = work()
        except Exception as error:  # one line of the report, by on_done: no traceback
            self.returncode, self._outcome = None, ("", f"{type(error).__name__}: {error}")
            return
        self.returncode, self._outcome = finished.returncode, (finished.stdout, finished.stderr)

    def communicate(self):
        self._thread.join()
        return self._outcome


def wait_for_all():
    """Wait for every step started, in order, and hand each its outcome."""
    while _running:
        step, on_done = _running.pop(0)
        stdout, stderr = step.communicate()
        on_done(step.returncode, stdout, stderr)


atexit.register(wait_for_all)
