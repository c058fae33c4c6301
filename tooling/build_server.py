"""Live-preview builds, each in a fork of a process that imported everything once.

`invoke livereload` used to start a fresh Python process for every save, and about
half a second of each rebuild went to starting Python and importing invoke, Pelican,
Markdown, Jinja, Babel and the plugins again. Now it starts this server once: the
server imports them and waits; for each build it forks a child that runs one build
(exactly what `invoke build --no-search-index` runs). So each build
starts from the same freshly imported state, and nothing a build leaves behind
(Pelican's signal receivers, caches in modules) reaches the next one. Imported
plugin code would be stale after an edit, so `invoke livereload` restarts the server
when a file under plugins/ changes.

The child of a successful build may stay after it (serve's `preview`): asked, it
renders the pages of files saved since from its build's state (tooling.quick_preview),
so the browser shows an edited post before the next build is done; it exits when the
next build starts.

The server is single-threaded, so a build may still fork its own workers.
Protocol: the client writes "build" lines to the server's stdin; for each, once the
build is done, the server writes "built STATUS CPU_SECONDS" on its stdout. A line
"preview PATHS" (a JSON list) is answered "previewed N", the pages written. Everything
else either prints (the build's problems and summary line) goes to stderr.
"""

import contextlib
import importlib
import json
import os
import resource
import select
import subprocess
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor

READY = "ready"
BUILD = "build"
BUILT = "built"
PREVIEW = "preview"
PREVIEWED = "previewed"
# What LiveBuilds' next build must do: build, or start the server again first.
WANT_BUILD, WANT_RESTART = "build", "restart"


def preload(settings):
    """Import what every build imports: Pelican's machinery, the Markdown extensions and
    the plugins."""
    names = ["pelican.generators", "pelican.readers", "pelican.writers", "typogrify.filters"]
    names += list((settings.get("MARKDOWN") or {}).get("extension_configs") or {})
    names += [name for name in settings.get("PLUGINS") or () if isinstance(name, str)]
    for name in names:
        # A module that fails to import is left for the build to report, in one line.
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def serve(build_once, settings=None, preview=None):
    """Answer requests on stdin until it closes; build_once() returns an exit status.

    With `preview`, the child of a successful build stays after it, and a "preview"
    request runs preview(paths) there (tooling.quick_preview): the pages of files
    saved since, rendered from that build's state. It ends when the next build starts.
    """
    if settings is not None:
        preload(settings)
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a build's own prints go to stderr
    print(READY, file=replies, flush=True)
    last_build = None
    try:
        for request in sys.stdin:
            command, _, argument = request.strip().partition(" ")
            if command == BUILD:
                if last_build is not None:
                    last_build.end()
                    last_build = None
                status, cpu_seconds, last_build = _build_in_child(build_once, preview)
                reply = f"{BUILT} {status} {cpu_seconds:.3f}"
            elif command == PREVIEW:
                written = last_build.preview(argument) if last_build is not None else 0
                reply = f"{PREVIEWED} {written}"
            else:
                continue
            try:
                print(reply, file=replies, flush=True)
            except BrokenPipeError:  # the client ended (the author stopped the preview)
                break
    except KeyboardInterrupt:  # Ctrl-C in the terminal reaches us too: the client stops
        pass
    finally:
        if last_build is not None:
            last_build.end()


def _build_in_child(build_once, preview=None):
    """(exit status, CPU seconds, the _StayingChild when it stays for previews)."""
    sys.stdout.flush()
    sys.stderr.flush()
    requests_read, requests_write = os.pipe()
    answers_read, answers_write = os.pipe()
    child = os.fork()
    if child == 0:  # the child never returns: it must not go on serving requests
        status = 1
        try:
            os.close(requests_write)
            os.close(answers_read)
            status = _exit_status(build_once)
            own, workers = (
                resource.getrusage(resource.RUSAGE_SELF),
                resource.getrusage(resource.RUSAGE_CHILDREN),
            )
            cpu_seconds = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
            answers = os.fdopen(answers_write, "w", encoding="utf-8")
            print(f"{status} {cpu_seconds:.3f}", file=answers, flush=True)
            if status == 0 and preview is not None:
                _answer_previews(preview, os.fdopen(requests_read, encoding="utf-8"), answers)
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(status)
    os.close(requests_read)
    os.close(answers_write)
    answers = os.fdopen(answers_read, encoding="utf-8")
    built = answers.readline().split()
    if len(built) == 2 and built[0] == "0" and preview is not None:
        return 0, float(built[1]), _StayingChild(child, requests_write, answers)
    os.close(requests_write)
    answers.close()
    _, wait_status, usage = os.wait4(child, 0)
    if len(built) == 2:
        return int(built[0]), float(built[1]), None
    # It ended before it could say (killed, or a crash outside the build).
    return os.waitstatus_to_exitcode(wait_status), usage.ru_utime + usage.ru_stime, None


def _answer_previews(preview, requests, answers):
    """In a build's child: answer each preview request (a JSON list of paths) with how
    many pages preview() wrote, until the server closes the requests."""
    for request in requests:
        try:
            written = preview(json.loads(request))
        except Exception:  # whatever it is, the full build that follows shows it
            written = 0
        print(written, file=answers, flush=True)


class _StayingChild:
    """The child of the last successful build, kept for previews."""

    def __init__(self, pid, requests, answers):
        self.pid = pid
        self.requests = os.fdopen(requests, "w", encoding="utf-8")
        self.answers = answers

    def preview(self, paths_json):
        try:
            print(paths_json, file=self.requests, flush=True)
            answer = self.answers.readline().strip()
        except OSError:
            answer = ""
        return int(answer) if answer.isdigit() else 0

    def end(self):
        """Close its requests: it exits; wait for it."""
        with contextlib.suppress(OSError):
            self.requests.close()
        self.answers.close()
        os.waitpid(self.pid, 0)


def _exit_status(build_once):
    """build_once()'s status as a whole number, whatever it does."""
    try:
        status = build_once()
    except SystemExit as stop:  # sys.exit(): None is success, a message is failure
        status = 0 if stop.code is None else stop.code
    except KeyboardInterrupt:  # Ctrl-C: the author is stopping the preview, not a bug
        return 130
    except BaseException:  # a bug, not a content mistake: show it, as a fresh process would
        traceback.print_exc()
        return 1
    return status if isinstance(status, int) else 1


class BuildServer:
    """The client: starts the server (`command`) and asks it for builds."""

    def __init__(self, command, cwd=None, stderr=None):
        self.command = command
        self.cwd = cwd
        self.stderr = stderr  # where the builds' problems and summary lines go (default: ours)
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
        )
        if self.process.stdout.readline().strip() != READY:
            self.stop()
            raise RuntimeError(f"the build server did not start: {' '.join(self.command)}")

    def restart(self):
        self.stop()
        self.start()

    def build(self, while_waiting=None, interval=0.1):
        """One build; (its exit status, its CPU seconds). A server that ended is started again.

        while_waiting(server_pid) is called every `interval` seconds until the build ends
        (the bench samples memory with it)."""
        if self.process is None or self.process.poll() is not None:
            self.start()
        try:
            self.process.stdin.write(BUILD + "\n")
            self.process.stdin.flush()
            while (
                while_waiting is not None
                and not select.select([self.process.stdout], [], [], interval)[0]
            ):
                while_waiting(self.process.pid)
            reply = self.process.stdout.readline().split()
        except (BrokenPipeError, OSError):
            reply = []
        if len(reply) != 3 or reply[0] != BUILT:
            self.stop()  # started again for the next build
            return 1, 0.0
        return int(reply[1]), float(reply[2])

    def preview(self, paths):
        """Ask the last build to write the pages of the files at `paths` at once
        (serve's `preview`); how many it wrote: 0 when it could not, or no build stays."""
        if self.process is None or self.process.poll() is not None:
            return 0
        try:
            self.process.stdin.write(f"{PREVIEW} {json.dumps([str(path) for path in paths])}\n")
            self.process.stdin.flush()
            reply = self.process.stdout.readline().split()
        except (BrokenPipeError, OSError):
            reply = []
        if len(reply) != 2 or reply[0] != PREVIEWED:
            self.stop()  # started again for the next build
            return 0
        return int(reply[1])

    def stop(self):
        """End the server: its stdin closes, so it stops after the build under way."""
        if self.process is None:
            return
        for pipe in (self.process.stdin, self.process.stdout):
            pipe.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


class LiveBuilds:
    """The live preview's builds, run one at a time beside its web server.

    livereload runs a watch callback on the loop that serves the pages: a build run
    there (seconds, on a big blog) left every request waiting until it ended. Here a
    callback only asks for a build; a thread runs it through the BuildServer, and
    `on_built` (the browser's reload) runs on the loop when it ends. Saves made while a
    build runs ask for one more build, run when it ends (however many saves there were).
    """

    def __init__(self, builds, on_built, loop):
        self.builds = builds
        self.on_built = on_built
        self.loop = loop  # tornado's IOLoop: callbacks and on_built run on it
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live build")
        self._running = False
        self._wanted = None  # None, WANT_BUILD or WANT_RESTART
        self._saved = set()  # the files saved since the last build started; None: unknown

    def rebuild(self, changed=None):
        """`changed`: the files saved (livereload gives them for a folder it watches),
        whose pages the last build may show at once; None when not known."""
        self._want(WANT_BUILD, changed)

    def restart_then_rebuild(self):
        """Plugin code changed: the server, which imported it, starts again first."""
        self._want(WANT_RESTART)

    def _want(self, kind, changed=None):
        self._wanted = WANT_RESTART if WANT_RESTART in (kind, self._wanted) else WANT_BUILD
        # Only saves whose files are all known can be shown before the build.
        self._saved = None if changed is None or self._saved is None else self._saved | set(changed)
        if not self._running:
            self._start()

    def _start(self):
        kind, self._wanted = self._wanted, None
        saved, self._saved = self._saved, set()
        self._running = True
        self.loop.add_future(self._thread.submit(self._build, kind, saved), self._finished)

    def _build(self, kind, saved):
        if kind == WANT_RESTART:
            self.builds.restart()
        elif saved and self.builds.preview(sorted(saved)):
            self.loop.add_callback(self.on_built)  # the saved page is in the site: show it
        return self.builds.build()

    def _finished(self, _future):
        self._running = False
        self.on_built()
        if self._wanted is not None:
            self._start()

    def close(self):
        """No build after the one under way, if any (stopping the server ends it)."""
        self._wanted = None
        self._thread.shutdown(wait=False)
