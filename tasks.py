"""Author and CI tasks. Run `invoke --list` to see them.

Pelican runs in-process through tooling/runner.py, so every task that builds
reports all content mistakes as one line each and exits non-zero on any.
"""

import errno
import shutil
import socket
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from invoke import Exit, task

PROJECT_ROOT = Path(__file__).resolve().parent
# tooling/ is the project's own package; plugins/ holds the Pelican plugins it builds with.
for importable in (PROJECT_ROOT, PROJECT_ROOT / "plugins"):
    if str(importable) not in sys.path:
        sys.path.insert(0, str(importable))

from pricing.notes import collecting_notes  # noqa: E402

from tooling import build_server  # noqa: E402
from tooling.progress import BuildProgress  # noqa: E402
from tooling.runner import build_site, end_process_quickly, load_settings  # noqa: E402
from tooling.scaffold import ScaffoldError, new_content_file  # noqa: E402

# `invoke livereload` runs this file as its build server: `python tasks.py serve-builds`.
SERVE_BUILDS = "serve-builds"

CONFIG = {
    "settings_base": PROJECT_ROOT / "pelicanconf.py",
    "settings_publish": PROJECT_ROOT / "publishconf.py",
    "deploy_path": PROJECT_ROOT / "output",
    "content_path": PROJECT_ROOT / "content",
    "cache_path": PROJECT_ROOT / "cache",
    "host": "127.0.0.1",
    "port": 8000,
}


QUIET_HELP = {"quiet": "no progress line and no summary (also the case when CI=true)"}


def _build(settings_file, keep_output=True, overrides=None, quiet=False, title="Built"):
    """One build: notices and problems one line each, then the summary line, last."""
    report, progress = _build_with_progress(settings_file, overrides, keep_output, quiet, title)
    end_process_quickly()
    _say_notices(report.notices)
    _print_problems(report.problems)
    progress.finish(ok=report.ok)
    _exit_on_problems(report.problems, keep_output)
    return report


def _say_notices(notices):
    """Things worth knowing that do not fail the build (e.g. a cache that was rebuilt)."""
    for line in notices:
        print(line, file=sys.stderr)


def _build_with_progress(
    settings_file, overrides=None, keep_output=True, quiet=False, title="Built"
):
    """(report, progress) of one build, its progress line on a terminal already cleared."""
    progress = BuildProgress.for_terminal(quiet=quiet, title=title)
    report = build_site(settings_file, overrides, keep_output=keep_output, progress=progress)
    progress.end_live_line()
    return report, progress


def _print_problems(problems):
    for line in problems:
        print(line, file=sys.stderr)


def _exit_on_problems(problems, kept_previous_output):
    """Exit 1, with the count as the last line, if there are any problems."""
    if problems:
        count = len(problems)
        kept = "the previous output is untouched" if kept_previous_output else "nothing was written"
        raise Exit(f"{count} problem{'s' if count != 1 else ''} found; {kept}.", code=1)


def _cannot_listen(task_name, host, port, error):
    """The one line for a server that cannot start, instead of a traceback."""
    if error.errno == errno.EADDRINUSE:
        fix = (
            "another server is using it: stop that one, or choose another port, "
            f"e.g. invoke {task_name} --port {port + 1}"
        )
    else:
        fix = "check --host and --port"
    return Exit(f"{task_name}: cannot listen on {host}:{port}: {error.strerror} ({fix})", code=1)


def _require_free_port(task_name, host, port):
    """Fail before building when the port is taken; the server itself would fail after."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the servers do, so a port left in TIME_WAIT by the last run counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise _cannot_listen(task_name, host, port, error) from None


@task
def clean(c, images=False):
    """Remove the generated site, interrupted builds' staging folders and the content cache
    (--images: also the cards and image copies in cache/images/, which are never stale)."""
    shutil.rmtree(CONFIG["deploy_path"], ignore_errors=True)
    for cache in CONFIG["cache_path"].glob("*"):
        # Named by the hash of their inputs, cards and copies cannot go stale; keeping
        # them spares a clean build seconds of image encoding.
        if cache.name != "images" or images:
            shutil.rmtree(cache, ignore_errors=True)
    for leftover in PROJECT_ROOT.glob(f".{CONFIG['deploy_path'].name}.*"):
        shutil.rmtree(leftover, ignore_errors=True)


@task(
    help={
        **QUIET_HELP,
        "no_search_index": "skip Pagefind (livereload does, so a save rebuilds in seconds)",
    }
)
def build(c, quiet=False, no_search_index=False):
    """Build the preview site (drafts and scheduled posts shown, marked) into output/."""
    overrides = None
    if no_search_index:
        search = load_settings(CONFIG["settings_base"]).get("SITE_SEARCH") or {}
        # A SITE_SEARCH that is not a dict is left as it is, for the build to report.
        overrides = (
            {"SITE_SEARCH": {**search, "index": False}} if isinstance(search, dict) else None
        )
    _build(CONFIG["settings_base"], overrides=overrides, quiet=quiet)


@task(clean, build)
def rebuild(c):
    """Clean, then build the preview site."""


@task(
    help={
        "prices": "also list every post whose cited price changed since it was written",
        **QUIET_HELP,
    }
)
def check(c, prices=False, quiet=False):
    """Validate all content and settings (production and preview rules) without writing the site."""
    problems, notices, notes, citations, summaries = [], [], [], [], []
    # Production catches what would be published; the preview also reads drafts.
    for settings_file, rules in (
        (CONFIG["settings_publish"], "production"),
        (CONFIG["settings_base"], "preview"),
    ):
        title = f"Checked with the {rules} rules"
        with collecting_notes(CONFIG["content_path"]) as lines:
            report, progress = _build_with_progress(
                settings_file, keep_output=False, quiet=quiet, title=title
            )
        summaries.append((progress, report.ok))
        problems += [line for line in report.problems if line not in problems]
        notices += [line for line in report.notices if line not in notices]
        notes += [line for line in lines["notes"] if line not in notes]
        citations += [line for line in lines["citations"] if line not in citations]
    _say_notices(notices)
    # Notes never fail the check: the site is right, the file can be tidied.
    for line in notes:
        print(f"info: {line}")
    if prices:
        for line in citations:
            print(line)
        if not citations:
            print("No post cites a price that changed since it was written.")
    _print_problems(problems)
    for progress, ok in summaries:
        progress.finish(ok=ok)
    _exit_on_problems(problems, kept_previous_output=False)
    print("All content and settings are valid.")


@task(help=QUIET_HELP)
def preview(c, quiet=False):
    """Build with the production settings into output/, links pointing at the local server."""
    local_url = f"http://{CONFIG['host']}:{CONFIG['port']}"
    _build(CONFIG["settings_publish"], overrides={"SITEURL": local_url}, quiet=quiet)
    print(f"Production build ready; `invoke serve` shows it at {local_url}/")


@task
def serve(c, host=None, port=None):
    """Serve output/ at http://127.0.0.1:8000 until Ctrl-C."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    host = host or CONFIG["host"]
    port = int(port or CONFIG["port"])
    site = CONFIG["deploy_path"]

    class SiteHandler(SimpleHTTPRequestHandler):
        """Serves output/ as GitHub Pages does: folders by index.html, misses with 404.html."""

        def send_error(self, code, message=None, explain=None):
            not_found_page = site / "404.html"
            if code != 404 or not not_found_page.is_file():
                return super().send_error(code, message, explain)
            body = not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    try:
        server = ThreadingHTTPServer(
            (host, port), functools.partial(SiteHandler, directory=str(site))
        )
    except OSError as error:
        raise _cannot_listen("serve", host, port, error) from None
    print(f"Serving the site at http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task(help=QUIET_HELP)
def livereload(c, host=None, port=None, quiet=False):
    """Build, serve, and rebuild + reload the browser when content, theme, plugins or settings change."""
    # Imported here: every other task runs without the web server and the watcher.
    from livereload import Server
    from tornado.ioloop import IOLoop

    from tooling.change_watcher import BrowserReloads, NotifiedWatcher
    from tooling.whole_files import WholeFileHandler

    host = host or CONFIG["host"]
    port = int(port or CONFIG["port"])
    _require_free_port("livereload", host, port)

    # Each save is built in a fork of one server process that imported Pelican and the
    # plugins once (tooling.build_server), as `invoke build --no-search-index` builds:
    # without Pagefind, which alone takes seconds on a big blog (the search page says
    # so; `invoke build` and `invoke preview` index as always). Imported plugin code
    # would be stale after an edit, so a change under plugins/ restarts the server.
    builds = build_server.BuildServer(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            SERVE_BUILDS,
            *(["--quiet"] if quiet else []),
        ],
        cwd=PROJECT_ROOT,
    )

    # Builds run beside the web server, which goes on serving the last site meanwhile
    # (tooling.build_server.LiveBuilds). livereload reloads by itself right after a watch
    # callback when its last reload was 3 s ago or more: before the build ends, and
    # never for a second save soon after the first. So the watcher leaves reloading to
    # the project (tooling.change_watcher): when a saved post is shown first, and when
    # each build ends.
    loop = IOLoop.current()
    live = build_server.LiveBuilds(builds, on_built=BrowserReloads(loop), loop=loop)

    # The watcher counts a file changed after it was made: made before the first build,
    # it also sees a post saved while that build runs. It is told of saves by the
    # system rather than looking every 0.8 s (tooling.change_watcher).
    on_change = {"content": live.rebuild, "theme": live.rebuild}
    on_change["plugins"] = live.restart_then_rebuild
    settings_file = Path(CONFIG["settings_base"])
    server = Server(
        watcher=NotifiedWatcher(
            [PROJECT_ROOT / folder for folder in on_change], flat_folders=[settings_file.parent]
        )
    )
    for folder, when_changed in on_change.items():
        # __pycache__: written by the build server's own imports.
        ignore = (lambda path: "__pycache__" in path) if folder == "plugins" else None
        server.watch(str(PROJECT_ROOT / folder / "**" / "*"), when_changed, ignore=ignore)
    server.watch(str(settings_file), live.rebuild)
    # Pages are replaced while the browser loads them: each is served from one read
    # (tooling.whole_files), never cut short.
    server.SFH = WholeFileHandler
    builds.build()  # the first, before anything is served
    try:
        server.serve(host=host, port=port, root=str(CONFIG["deploy_path"]))
    except OSError as error:
        raise _cannot_listen("livereload", host, port, error) from None
    finally:
        live.close()
        builds.stop()


def live_preview_build(quiet=False):
    """The live preview's build, as `invoke build --no-search-index` runs it: its exit status."""
    try:
        build.body(None, quiet=quiet, no_search_index=True)
    except Exit as stop:
        if stop.message:
            print(stop.message, file=sys.stderr)
        return stop.code
    return 0


def _site_today():
    """Today in the site's time zone: a post written late in the evening is not dated tomorrow."""
    timezone = load_settings(CONFIG["settings_base"]).get("TIMEZONE") or "UTC"
    return datetime.now(ZoneInfo(timezone)).date()


def _scaffold(kind, title, **fields):
    try:
        return new_content_file(CONFIG["content_path"], kind, title, _site_today(), **fields)
    except ScaffoldError as error:
        raise Exit(str(error), code=1) from None


@task(help={"title": "The post's title, in quotes"})
def new_post(c, title, category="Notes"):
    """Write content/posts/<slug>.md with today's date and every field, ready to edit."""
    path = _scaffold("post", title, category=category)
    print(f"Wrote {path.relative_to(PROJECT_ROOT)}")


@task(help={"title": "The service's name, in quotes"})
def new_service(c, title):
    """Write content/services/<slug>.md with every pricing field, ready to edit."""
    path = _scaffold("service", title)
    print(f"Wrote {path.relative_to(PROJECT_ROOT)}")


@task(
    help={
        "remote": 'git remote to publish to (default PUBLISHING["remote"], "origin")',
        "branch": 'branch GitHub Pages serves (default PUBLISHING["branch"], "gh-pages")',
        "cname": 'custom domain for CNAME (default PUBLISHING["cname"], SITEURL\'s host)',
        "dry-run": "build and check only; touch no git branch (what pull requests run)",
    }
)
def publish(c, remote=None, branch=None, cname=None, dry_run=False):
    """Build with publishconf, check the site, then commit it to gh-pages and push."""
    from tooling.publishing import PublishError, publish_site

    try:
        result = publish_site(
            PROJECT_ROOT,
            CONFIG["settings_publish"],
            remote=remote,
            branch=branch,
            cname=cname,
            dry_run=dry_run,
        )
    except PublishError as error:
        for line in error.lines_before_reason():
            print(line, file=sys.stderr)
        raise Exit(f"publish: {error}", code=1) from None
    if dry_run:
        print("The site builds and passes every publish check; nothing was published.")
        return
    if not result.changed:
        print(f"Nothing to publish: {result.remote} {result.branch} already has this site.")
        return
    print(
        f"Published {result.commit[:12]} to {result.remote} {result.branch} "
        f"(source {result.source_commit[:12]})."
    )


@task
def docs(c):
    """Rewrite the README's settings tables from the plugins' own declarations."""
    from tooling.settings_docs import update_readme

    print("README.md updated." if update_readme() else "README.md is up to date.")


@task(
    help={
        "posts": "generated posts added to the example site (default 1000; 5000 and 10000 work too)",
        "runs": "builds of each kind; the table shows the median (default 3)",
        "quick": "60 posts, 1 run: checks the harness end to end, says little about speed",
        "json": "where to write every figure as JSON (default bench-results.json)",
    }
)
def bench(c, posts=None, runs=None, quick=False, json="bench-results.json"):
    """Time this project's build side by side with stock Pelican, cold and warm; print ratios."""
    from tooling import benchmark

    post_count = posts or (benchmark.QUICK_POSTS if quick else benchmark.DEFAULT_POSTS)
    run_count = runs or (1 if quick else benchmark.DEFAULT_RUNS)
    if not all(str(number).isdigit() and int(number) >= 1 for number in (post_count, run_count)):
        raise Exit("bench: --posts and --runs take a whole number, 1 or more", code=1)
    post_count, run_count = int(post_count), int(run_count)
    try:
        results = benchmark.run_benchmark(post_count, run_count)
    except benchmark.BenchmarkError as error:
        raise Exit(f"bench: {error}", code=1) from None
    benchmark.write_results(results, Path(json))
    print(benchmark.format_table(results))
    print(f"Every figure: {json}")


@task
def test(c):
    """Lint with ruff, then run the whole test suite (browser tests included)."""
    c.run("ruff check .", pty=False)
    c.run("ruff format --check .", pty=False)
    c.run(f"{sys.executable} -m pytest -n 2 --dist loadfile", pty=False)


if __name__ == "__main__" and sys.argv[1:2] == [SERVE_BUILDS]:
    from tooling import quick_preview

    # Each build's process stays after it, to show a saved post or page at once
    # (tooling.quick_preview) while the next build runs.
    quick_preview.serve_builds(
        lambda: live_preview_build(quiet="--quiet" in sys.argv),
        settings=load_settings(CONFIG["settings_base"]),
    )
