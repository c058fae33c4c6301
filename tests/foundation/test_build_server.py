"""`invoke livereload` builds each save in a fork of one server process (tooling.build_server):
its builds equal fresh-process builds, report mistakes in one line, and run edited plugin code."""

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from fixture_sites import PROJECT_ROOT, copy_project, differences, invoke

from tooling.build_server import BuildServer
from tooling.change_watcher import READY_MESSAGE, NotifiedWatcher

POST = "content/posts/what-an-audit-costs.md"


@pytest.fixture
def project(tmp_path):
    copied = copy_project(tmp_path / "project")
    shutil.copytree(PROJECT_ROOT / "content", copied / "content")
    return copied


def server_for(project, log):
    return BuildServer(
        [sys.executable, str(project / "tasks.py"), "serve-builds", "--quiet"],
        cwd=project,
        stderr=log,
    )


def append_to(path, text):
    with open(path, "a", encoding="utf-8") as file:
        file.write(text)


def test_builds_in_the_server_equal_a_fresh_process_build(project, tmp_path):
    assert (project / POST).is_file()
    with open(tmp_path / "server.log", "w") as log:
        builds = server_for(project, log)
        try:
            first_status, _ = builds.build()
            append_to(project / POST, "\nA sentence added while previewing, zanzibar.\n")
            second_status, cpu_seconds = builds.build()
        finally:
            builds.stop()
    assert (first_status, second_status) == (0, 0), (tmp_path / "server.log").read_text()
    assert cpu_seconds > 0
    served = tmp_path / "served"
    shutil.copytree(project / "output", served)
    assert "zanzibar" in (served / "blog/what-an-audit-costs/index.html").read_text()

    shutil.rmtree(project / "output")
    shutil.rmtree(project / "cache")
    fresh = invoke(project, "build", "--quiet", "--no-search-index")
    assert fresh.returncode == 0, fresh.stderr
    assert differences(served, project / "output") == []


def test_a_content_mistake_is_one_line_and_the_server_keeps_serving(project, tmp_path):
    log_path = tmp_path / "server.log"
    with open(log_path, "w") as log:
        builds = server_for(project, log)
        try:
            assert builds.build()[0] == 0
            (project / "content/posts/broken.md").write_text(
                "Title: Broken\nDate: the day after tomorrow\n\nText.\n", encoding="utf-8"
            )
            failed_status, _ = builds.build()
            (project / "content/posts/broken.md").unlink()
            fixed_status, _ = builds.build()
        finally:
            builds.stop()
    printed = log_path.read_text()
    assert (failed_status, fixed_status) == (1, 0), printed
    assert "Traceback" not in printed
    lines = [line for line in printed.splitlines() if "broken.md" in line]
    assert len(lines) == 1 and "Date" in lines[0], printed


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def page_text(project, relative):
    try:
        return (project / "output" / relative).read_text(encoding="utf-8")
    except OSError:
        return ""


@contextlib.contextmanager
def livereload_running(project, log_path, port):
    """`invoke livereload` on `project` while the block runs, its output in `log_path`."""
    with open(log_path, "w") as log:
        livereload = subprocess.Popen(
            [sys.executable, "-m", "invoke", "livereload", "--quiet", "--port", str(port)],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield
        finally:
            livereload.terminate()
            livereload.wait(timeout=60)


def test_livereload_rebuilds_on_save_and_runs_edited_plugin_code(project, tmp_path):
    page = "blog/what-an-audit-costs/index.html"
    log_path = tmp_path / "livereload.log"
    with livereload_running(project, log_path, free_port()):
        assert wait_for(lambda: "min read" in page_text(project, page))
        # Edits count once the server watches (it logs this when it starts serving).
        assert wait_for(lambda: READY_MESSAGE in log_path.read_text())
        append_to(project / POST, "\nSaved while the preview runs, quokka.\n")
        assert wait_for(lambda: "quokka" in page_text(project, page))
        # Plugin code the server imported at start: only a restarted server runs the edit.
        append_to(
            project / "plugins/business_theme/article_parts.py",
            "\n\ndef reading_minutes(word_count, words_per_minute):\n    return 4242\n",
        )
        assert wait_for(lambda: "4242 min read" in page_text(project, page))
    assert "Traceback" not in log_path.read_text()


def test_the_browser_shows_every_save_even_two_in_quick_succession(project, tmp_path, page):
    """The page open in the browser reloads after each build: also after a second save
    that follows the first within seconds (a small site rebuilds in well under a second)."""
    page_path = "blog/what-an-audit-costs/"
    port = free_port()
    log_path = tmp_path / "livereload.log"
    with livereload_running(project, log_path, port):
        assert wait_for(lambda: READY_MESSAGE in log_path.read_text())
        page.goto(f"http://127.0.0.1:{port}/{page_path}")
        # livereload's script in the page is connected once the server counts a waiter.
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=20000)
        page.wait_for_timeout(500)
        for word in ("pangolin", "axolotl"):
            append_to(project / POST, f"\nSaved while the preview runs, {word}.\n")
            page.wait_for_function(
                f"() => document.body && document.body.innerText.includes('{word}')",
                timeout=30000,
            )
    assert "Traceback" not in log_path.read_text()


def test_a_save_is_seen_as_it_happens_without_looking_every_few_tenths(tmp_path):
    """The watcher looks when the system says a watched folder changed: livereload's
    0.8 s polling never starts (start() says so), yet a save runs its task at once."""
    folder = tmp_path / "content"
    (folder / "posts").mkdir(parents=True)
    post = folder / "posts" / "a.md"
    post.write_text("Title: A\n", encoding="utf-8")
    runs = []
    watcher = NotifiedWatcher([folder])
    watcher.watch(str(folder / "**" / "*"), lambda: runs.append(time.monotonic()))

    async def save_then_wait():
        assert watcher.start(watcher.examine) is True  # True: livereload will not poll
        await asyncio.sleep(0.3)
        assert runs == []  # started with nothing saved since the watcher was made
        time.sleep(0.01)  # a later file time than the watcher's start
        saved = time.monotonic()
        post.write_text("Title: A, edited\n", encoding="utf-8")
        for _ in range(100):
            if runs:
                return runs[0] - saved
            await asyncio.sleep(0.01)
        return None

    # In a thread of its own: the browser tests' event loop may be running in this one.
    outcome = []
    loop_thread = threading.Thread(target=lambda: outcome.append(asyncio.run(save_then_wait())))
    try:
        loop_thread.start()
        loop_thread.join(timeout=30)
    finally:
        watcher.stop()
    seconds = outcome[0] if outcome else None
    assert seconds is not None, "the save was never noticed"
    assert len(runs) == 1


def test_the_preview_answers_while_a_save_is_being_built(project, tmp_path):
    """A build runs beside the server, not in its place: while one is under way (slowed
    here by a plugin edit), the preview still serves the site as last built."""
    port = free_port()
    log_path = tmp_path / "livereload.log"
    page = "blog/what-an-audit-costs/index.html"
    with livereload_running(project, log_path, port):
        assert wait_for(lambda: READY_MESSAGE in log_path.read_text())
        assert wait_for(lambda: "min read" in page_text(project, page))
        # Every post's reading time now takes a second to work out: a build takes
        # ten seconds or more.
        append_to(
            project / "plugins/business_theme/article_parts.py",
            "\n\ndef reading_minutes(word_count, words_per_minute):\n"
            "    import time\n    time.sleep(1)\n    return 4242\n",
        )
        assert wait_for(lambda: "4242 min read" in page_text(project, page), timeout=180)
        # A new post: no page of the last build to show first, only the full build.
        (project / "content/posts/numbat.md").write_text(
            "Title: Numbat sightings\nDate: 2026-03-01\n\nA numbat.\n", encoding="utf-8"
        )
        new_page = "blog/numbat-sightings/index.html"
        time.sleep(2)  # the save's build is under way; a blocked server would time out
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=5) as reply:
            served = reply.read().decode("utf-8")
        assert "numbat" not in page_text(project, new_page)  # still building
        assert wait_for(lambda: "numbat" in page_text(project, new_page), timeout=180)
    assert "4242 min read" in served
    assert "Traceback" not in log_path.read_text()


def test_a_saved_post_is_shown_from_the_last_build_then_built_in_full(project, tmp_path):
    """After a build, the page of a saved post is rendered at once from that build's
    state (tooling.quick_preview); the full build then writes what a fresh one does."""
    page = project / "output/blog/what-an-audit-costs/index.html"
    with open(tmp_path / "server.log", "w") as log:
        builds = server_for(project, log)
        try:
            assert builds.build()[0] == 0
            before = page.read_text(encoding="utf-8")
            append_to(project / POST, "\nShown before the full build, echidna.\n")
            assert builds.preview([project / POST]) == 1
            # Saved again before the next build: shown again, from the same build.
            append_to(project / POST, "\nAnd saved once more, bilby.\n")
            assert builds.preview([project / POST]) == 1
            shown = page.read_text(encoding="utf-8")
            # Not a post or page of the last build: left to the full build.
            assert builds.preview([project / "theme/templates/base.html"]) == 0
            # A draft (what an author previews most) is shown at once too.
            draft = project / "content/posts/pricing-rush-jobs.md"
            original = draft.read_text(encoding="utf-8")
            append_to(draft, "\nA draft is shown at once too, quoll.\n")
            assert builds.preview([draft]) == 1
            draft_page = project / "output/drafts/pricing-rush-jobs/index.html"
            assert "quoll" in draft_page.read_text(encoding="utf-8")
            # A save with a mistake: left to the full build, which reports it.
            draft.write_text(original.replace("Date:", "Date: someday\nOld:", 1), "utf-8")
            assert builds.preview([draft]) == 0
            draft.write_text(original, encoding="utf-8")
            # A changed field: the service's price box (and every post that cites the
            # price) would show the last build's, so only the full build shows it.
            service = project / "content/services/customer-service-retainer.md"
            priced = service.read_text(encoding="utf-8")
            assert "Price: 500\n" in priced
            service.write_text(priced.replace("Price: 500\n", "Price: 520\n", 1), "utf-8")
            assert builds.preview([service]) == 0
            service.write_text(priced + "\nOnly the text changed, platypus.\n", "utf-8")
            assert builds.preview([service]) == 1
            service_page = project / "output/services/customer-service-retainer/index.html"
            assert "platypus" in service_page.read_text(encoding="utf-8")
            assert builds.build()[0] == 0
            built = page.read_text(encoding="utf-8")
        finally:
            builds.stop()
    assert "echidna" not in before and "echidna" in shown
    # Only the text changed, and nothing the site derives from it: the quick page is the
    # page the full build wrote, byte for byte (down to the sidebar's current-page mark).
    assert shown == built
    # The quick page is the post's page, whole: the theme around it, the body once.
    assert shown.count("<main") == 1 and shown.split("<main", 1)[1].count("echidna") == 1
    assert "bilby" in shown
    served = tmp_path / "served"
    shutil.copytree(project / "output", served)
    shutil.rmtree(project / "output")
    shutil.rmtree(project / "cache")
    fresh = invoke(project, "build", "--quiet", "--no-search-index")
    assert fresh.returncode == 0, fresh.stderr
    assert differences(served, project / "output") == []
    assert "Traceback" not in (tmp_path / "server.log").read_text()


def test_a_page_replaced_while_it_is_served_arrives_whole(tmp_path):
    """The live preview replaces pages while the browser loads them (a saved post's
    page, then the rebuilt site): every response is one version, whole, never the old
    page's length with the new page's bytes (which the browser drops as broken)."""
    from tornado.httpserver import HTTPServer
    from tornado.ioloop import IOLoop
    from tornado.web import Application

    from tooling.whole_files import WholeFileHandler

    site = tmp_path / "site"
    site.mkdir()
    versions = [b"<html><head></head><body>short</body></html>", b"<p>much longer</p>" * 4000]
    (site / "index.html").write_bytes(versions[0])
    port = free_port()
    started = threading.Event()
    loops = []

    def serve():
        asyncio.set_event_loop(asyncio.new_event_loop())
        handlers = [(r"/(.*)", WholeFileHandler, {"path": str(site)})]
        HTTPServer(Application(handlers)).listen(port, "127.0.0.1")
        loops.append(IOLoop.current())
        started.set()
        IOLoop.current().start()

    replacing = threading.Event()

    def replace_again_and_again():
        number = 0
        while not replacing.is_set():
            number += 1
            staged = site / f".staged-{number}"
            staged.write_bytes(versions[number % 2])
            os.replace(staged, site / "index.html")

    threading.Thread(target=serve, daemon=True).start()
    assert started.wait(10)
    replacer = threading.Thread(target=replace_again_and_again)
    replacer.start()
    bodies = []
    try:
        for _ in range(300):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as reply:
                bodies.append(reply.read())
    finally:
        replacing.set()
        replacer.join()
        loops[0].add_callback(loops[0].stop)
    assert all(body in versions for body in bodies)
    assert set(bodies) == set(versions)  # both versions were served: replacing did overlap
