"""`invoke publish` run as CI runs it: in a clone of the project whose origin is a bare repo."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_sites import copy_project
from publishing_repos import SIGNUP_PAGES, git, isolate_git_config, ref_sha

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project_clone(tmp_path, monkeypatch):
    """A git repository holding the project with one post, its origin a bare repository."""
    isolate_git_config(tmp_path, monkeypatch)
    remote = tmp_path / "remote.git"
    project = tmp_path / "project"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    git(tmp_path, "init", "--quiet", "--initial-branch=main", str(project))
    copy_project(project)
    (project / ".gitignore").write_text("/output/\n/cache/\n__pycache__/\n")
    with (project / "pelicanconf.py").open("a") as settings:
        settings.write(
            '\n# This small site has no other pages.\nMENUITEMS = (("Blog", "/"),)\nTHEME_OPTIONS = {}\n'
        )
    for slug, title in SIGNUP_PAGES.items():
        page = project / "content" / "pages" / f"{slug}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"Title: {title}\nSlug: {slug}\n\nShort and true.\n")
    post = project / "content" / "posts" / "hello.md"
    post.parent.mkdir(parents=True)
    post.write_text("Title: Hello\nDate: 2026-01-05\nCategory: Notes\n\nPrices are public.\n")
    git(project, "config", "user.name", "CI Bot")
    git(project, "config", "user.email", "ci@example.org")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "-m", "Site source")
    git(project, "remote", "add", "origin", str(remote))
    return project, remote


def invoke_publish(project, *options, env=None):
    return subprocess.run(
        [sys.executable, "-m", "invoke", "publish", *options],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        check=False,
    )


def test_invoke_publish_pushes_the_site_and_says_so(project_clone):
    project, remote = project_clone

    result = invoke_publish(project)

    assert result.returncode == 0, result.stderr
    published = ref_sha(remote, "refs/heads/gh-pages")
    assert published
    assert f"Published {published[:12]} to origin gh-pages" in result.stdout
    files = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert {"index.html", "blog/hello/index.html", ".nojekyll", "CNAME"} <= set(files)

    again = invoke_publish(project)

    assert again.returncode == 0, again.stderr
    assert "Nothing to publish: origin gh-pages already has this site." in again.stdout
    assert ref_sha(remote, "refs/heads/gh-pages") == published


def test_invoke_publish_failure_is_one_line_nonzero_and_leaves_gh_pages_alone(project_clone):
    project, remote = project_clone
    assert invoke_publish(project).returncode == 0
    before = (ref_sha(project, "refs/heads/gh-pages"), ref_sha(remote, "refs/heads/gh-pages"))
    post = project / "content" / "posts" / "hello.md"
    post.write_text(post.read_text() + "\nSee [the rates](/rates/).\n")
    git(project, "commit", "--quiet", "--all", "-m", "Link to a missing page")

    result = invoke_publish(project)

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "publish: the build found 1 problem; nothing was published"
    assert lines[0] == (
        "content/posts/hello.md: link: /rates/ points to no page "
        "(fix the link; a draft, or a post dated after the build, has no page yet)"
    )
    after = (ref_sha(project, "refs/heads/gh-pages"), ref_sha(remote, "refs/heads/gh-pages"))
    assert after == before


def test_dry_run_builds_and_checks_but_touches_no_branch(project_clone):
    project, remote = project_clone
    # Not published yet, so the build ignores its empty alt; the checks read it again.
    (project / "content" / "posts" / "soon.md").write_text(
        "Title: Soon\nDate: 2999-01-01\nCategory: Notes\n\n![](x.png)\n"
    )

    result = invoke_publish(project, "--dry-run")

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "passes every publish check; nothing was published" in result.stdout
    assert ref_sha(project, "refs/heads/gh-pages") is None
    assert ref_sha(remote, "refs/heads/gh-pages") is None

    (project / "content" / "posts" / "hello.md").write_text(
        "Title: Hello\nDate: 2026-01-05\n\nSee [rates](/rates/).\n"
    )
    broken = invoke_publish(project, "--dry-run")

    assert broken.returncode == 1
    assert broken.stderr.strip().splitlines()[-1] == (
        "publish: the build found 1 problem; nothing was published"
    )


def test_invoke_publish_options_choose_remote_branch_and_domain(project_clone, tmp_path):
    project, _ = project_clone
    other = tmp_path / "other.git"
    git(tmp_path, "init", "--quiet", "--bare", str(other))
    env = {**os.environ, "SITEURL": "https://www.dana.example"}

    result = invoke_publish(
        project,
        "--remote",
        str(other),
        "--branch",
        "live",
        "--cname",
        "www.dana.example",
        env=env,
    )

    assert result.returncode == 0, result.stderr
    assert git(other, "show", "live:CNAME") == "www.dana.example"


def test_a_settings_mistake_is_printed_once(project_clone):
    project, _ = project_clone

    result = invoke_publish(project, "--cname", "www.other.example")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        'publish: invoke publish --cname: PUBLISHING["cname"]: "www.other.example" is not SITEURL\'s host '
        '"danareyes.example" (set SITEURL to https://www.other.example or drop the custom domain)'
    ]
