"""The author-facing commands, run as an author runs them: `invoke …` in a copy of the project."""

import subprocess
import sys

import pytest
from fixture_sites import PROJECT_CODE, copy_project, invoke


@pytest.fixture
def project_copy(tmp_path):
    return copy_project(tmp_path, (*PROJECT_CODE, "content"))


def test_build_with_bad_date_exits_nonzero_with_one_line_and_no_traceback(project_copy):
    (project_copy / "content/posts/broken.md").write_text("Title: Broken\nDate: 2026-13-45\n\nX.\n")
    result = invoke(project_copy, "build")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert (
        'content/posts/broken.md: Date: "2026-13-45" is not a valid date '
        "(write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-11-23)"
    ) in result.stderr.splitlines()
    assert not (project_copy / "output").exists()


def test_check_and_preview_fail_the_same_way(project_copy):
    (project_copy / "content/posts/broken.md").write_text("Date: 2026-01-01\n\nNo title.\n")
    for task in ("check", "preview"):
        result = invoke(project_copy, task)
        assert result.returncode != 0, task
        assert "Traceback" not in result.stdout + result.stderr
        assert any(
            line.startswith("content/posts/broken.md: Title: missing")
            for line in result.stderr.splitlines()
        )


def test_new_post_and_new_service_write_files_that_build(project_copy):
    post = invoke(project_copy, "new-post", "Pricing: a Q&A")
    service = invoke(project_copy, "new-service", "Website Tune-up")
    assert post.returncode == 0 and service.returncode == 0, post.stderr + service.stderr
    post_file = project_copy / "content/posts/pricing-a-qa.md"
    service_file = project_copy / "content/services/website-tune-up.md"
    assert post_file.is_file() and service_file.is_file()
    assert "Status: draft" in post_file.read_text()
    again = invoke(project_copy, "new-post", "Pricing: a Q&A")
    assert again.returncode != 0 and "already exists" in again.stderr
    build = invoke(project_copy, "build")
    assert build.returncode == 0, build.stderr
    assert (project_copy / "output/drafts/pricing-a-qa/index.html").is_file()


def test_check_reports_draft_mistakes_too_and_each_line_once(project_copy):
    (project_copy / "content/posts/broken.md").write_text("Title: Broken\nDate: 2026-13-45\n\nX.\n")
    (project_copy / "content/posts/wip.md").write_text(
        "Title: Work in progress\nDate: 2026-01-01\nStatus: draft\n\n![](chart.png)\n"
    )
    result = invoke(project_copy, "check")
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert (
        lines.count(
            'content/posts/broken.md: Date: "2026-13-45" is not a valid date '
            "(write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-11-23)"
        )
        == 1
    )
    assert any(
        line.startswith('content/posts/wip.md: image: "chart.png" has no alt text')
        for line in lines
    )


def test_serve_shows_pages_and_answers_misses_with_the_404_page(project_copy):
    import socket
    import time
    import urllib.error
    import urllib.request

    assert invoke(project_copy, "build").returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port)],
        cwd=project_copy,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                home = urllib.request.urlopen(f"{base}/", timeout=2)  # noqa: S310 (our http server)
                break
            except OSError:
                time.sleep(0.1)
        assert home.status == 200
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/no-such-page/", timeout=2)  # noqa: S310
        assert missing.value.code == 404
        assert b"There is nothing at this address" in missing.value.read()
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("task_name", ["serve", "livereload"])
def test_a_busy_port_is_one_line_suggesting_another(project_copy, task_name):
    import socket

    with socket.socket() as other_server:
        other_server.bind(("127.0.0.1", 0))
        other_server.listen()
        port = other_server.getsockname()[1]
        result = invoke(project_copy, task_name, "--port", str(port))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"{task_name}: cannot listen on 127.0.0.1:{port}: Address already in use (another "
        f"server is using it: stop that one, or choose another port, e.g. invoke {task_name} "
        f"--port {port + 1})"
    ]
    assert not (project_copy / "output").exists()
