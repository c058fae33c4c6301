"""Build progress: one updating line on a terminal, one summary line, silence in CI and with --quiet."""

import io
import os
import re
import subprocess
import sys

import pytest
from fixture_sites import PROJECT_CODE, SETTINGS_FILES, FixtureSite, copy_project

from tooling.progress import CLEAR_LINE, BuildProgress
from tooling.runner import build_site

SUMMARY = re.compile(r"^Built in \d+\.\d s: (\d+) files read, (\d+) pages written\.$")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>\n'


def html_files(folder):
    """The pages a build writes through Pelican's writer: HTML, and the theme's robots.txt."""
    return sorted([*folder.rglob("*.html"), *folder.glob("robots.txt")])


def build(site, progress=None):
    """A real build of a fixture site with pelicanconf.py, `progress` connected to it."""
    overrides = {
        "PATH": str(site.content),
        "OUTPUT_PATH": str(site.root / "output"),
        "CACHE_PATH": str(site.root / "cache"),
        # As every fixture site: no image work, and theme options without the example's links.
        "IMAGES": {"social_cards": False, "derivatives": False},
        "THEME_OPTIONS": {},
    }
    report = build_site(SETTINGS_FILES["dev"], overrides, progress=progress)
    if progress is not None:
        progress.finish(report.ok)
    return report


def test_summary_counts_the_files_read_and_the_pages_written(tmp_path):
    site = FixtureSite(tmp_path)
    for number in (1, 2, 3):
        site.write(
            f"posts/post-{number}.md", f"Title: Post {number}\nDate: 2026-01-0{number}\n\nText.\n"
        )
    site.write("pages/about.md", "Title: About\n\nAbout me.\n")
    site.write("images/dot.svg", SVG)
    stream = io.StringIO()
    progress = BuildProgress(stream, live=False)

    report = build(site, progress)

    assert report.ok, report.problems
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    files_read, pages_written = SUMMARY.match(lines[0]).groups()
    # Three posts, one page, one image, and the stub pages every fixture site has.
    assert int(files_read) == len([path for path in site.content.rglob("*") if path.is_file()])
    assert int(pages_written) == len(html_files(site.root / "output"))

    # The build disconnected the counters: a later build in this process leaves them alone.
    site.write("posts/post-4.md", "Title: Post 4\nDate: 2026-01-04\n\nText.\n")
    assert build(site).ok
    assert (progress.files_read, progress.pages_written) == (int(files_read), int(pages_written))


def test_a_build_with_problems_says_so_in_its_summary(tmp_path):
    site = FixtureSite(tmp_path)
    site.write("posts/broken.md", "Title: Broken\nDate: 2026-13-45\n\nText.\n")
    stream = io.StringIO()
    report = build(site, BuildProgress(stream, live=False))
    assert not report.ok
    assert re.match(
        r"^Built with problems in \d+\.\d s: \d+ files read, \d+ pages written\.$",
        stream.getvalue(),
    )


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("project"), (*PROJECT_CODE, "content"))


def environment(ci=None):
    """This process's environment with CI set as asked (CI runs these tests with CI=true)."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    return env


def invoke(project, *args, env):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )


def test_invoke_build_ends_with_one_summary_line(project_copy):
    result = invoke(project_copy, "build", env=environment())
    assert result.returncode == 0, result.stderr
    assert CLEAR_LINE not in result.stderr  # not a terminal: no live line
    summaries = [line for line in result.stderr.splitlines() if SUMMARY.match(line)]
    assert len(summaries) == 1
    files_read, pages_written = SUMMARY.match(summaries[0]).groups()
    # Group introductions (services/groups/) are read by the pricing plugin, not a generator.
    content_files = [
        path
        for path in (project_copy / "content").rglob("*")
        if path.is_file() and "groups" not in path.relative_to(project_copy / "content").parts
    ]
    assert int(files_read) == len(content_files)
    assert int(pages_written) == len(html_files(project_copy / "output"))


@pytest.mark.parametrize(
    ("args", "ci"), [(("build",), "true"), (("build", "--quiet"), None), (("check",), "1")]
)
def test_ci_and_quiet_builds_print_no_progress(project_copy, args, ci):
    result = invoke(project_copy, *args, env=environment(ci))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def run_on_a_terminal(command, cwd, env):
    """Run `command` with stderr on a real pseudo-terminal; return what it wrote there."""
    controller, terminal = os.openpty()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
    )
    os.close(terminal)
    written = bytearray()
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # EIO: the process closed its end of the terminal
            break
        if not chunk:
            break
        written += chunk
    os.close(controller)
    assert process.wait(timeout=240) == 0, written.decode(errors="replace")
    return written.decode()


def test_a_terminal_shows_one_updating_line_then_the_summary(project_copy):
    shown = run_on_a_terminal(
        [sys.executable, "-m", "invoke", "build"], project_copy, environment()
    )
    live_part, _, summary = shown.rpartition(CLEAR_LINE)
    # Every update rewrites the same line: nothing before the summary ends a line.
    assert "\n" not in live_part
    assert f"{CLEAR_LINE}reading… " in live_part and f"{CLEAR_LINE}writing… " in live_part
    assert re.search(r"writing… \d+ files read · \d+ pages written · \d+\.\d s", live_part)
    # The terminal turns the summary's newline into CR LF.
    assert SUMMARY.match(summary.removesuffix("\r\n"))


def test_a_failed_build_says_each_problem_once_then_its_summary_last(tmp_path):
    # A copy of its own: the broken post must not leak into the module's project copy.
    project = copy_project(tmp_path / "project", (*PROJECT_CODE, "content"))
    (project / "content/posts/broken.md").write_text(
        "Title: Broken\nDate: 2026-01-05\n\nSee [the plan]({filename}missing.md).\n",
        encoding="utf-8",
    )
    result = invoke(project, "build", env=environment())
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (
        "content/posts/broken.md: link: missing.md points to no file "
        "(check the path after {filename}, relative to the content folder)"
    )
    assert lines[1].startswith("Built with problems in ")
    assert lines[2:] == ["1 problem found; the previous output is untouched."]
    assert "Done: Processed" not in result.stdout + result.stderr
