"""Programs a build starts and lets run while it does other work (Pagefind).

Pagefind reads the written pages and uses its own threads; the link check reads the
same pages in Python. Started as soon as the pages are written, Pagefind runs while
the link check does, instead of after it. The build runner waits for every step
before it decides whether the build counts, and each step's `on_done` logs what
went wrong, so a failure is still one line of the build's report. A plain `pelican`
run (no runner) waits for them when the process exits.
"""

import atexit
import subprocess

_running = []


def start(command, on_done):
    """Run `command` in the background; later on_done(returncode, stdout, stderr)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _running.append((process, on_done))


def wait_for_all():
    """Wait for every step started, in order, and hand each its outcome."""
    while _running:
        process, on_done = _running.pop(0)
        stdout, stderr = process.communicate()
        on_done(process.returncode, stdout, stderr)


atexit.register(wait_for_all)
