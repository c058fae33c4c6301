"""Publishing never overwrites the source: the remote's default branch, and any branch
whose tip holds the project (pelicanconf.py), are refused with one line, and no ref
moves, locally or on the remote."""

import pytest
from fixture_sites import copy_project
from publishing_repos import SIGNUP_PAGES, git, isolate_git_config, ref_sha

from tooling.publishing import PublishError, publish_site


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The project committed on main and pushed to a bare origin whose default is main,
    checked out on a feature branch, as `invoke publish --branch main` was run."""
    isolate_git_config(tmp_path, monkeypatch)
    remote = tmp_path / "remote.git"
    project = tmp_path / "project"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    git(tmp_path, "init", "--quiet", "--initial-branch=main", str(project))
    copy_project(project)
    (project / ".gitignore").write_text("/output/\n/cache/\n__pycache__/\n")
    with (project / "pelicanconf.py").open("a") as settings:
        settings.write('\nMENUITEMS = (("Blog", "/"),)\nTHEME_OPTIONS = {}\n')
    for slug, title in SIGNUP_PAGES.items():
        page = project / "content" / "pages" / f"{slug}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"Title: {title}\nSlug: {slug}\n\nShort and true.\n")
    post = project / "content" / "posts" / "hello.md"
    post.parent.mkdir(parents=True)
    post.write_text("Title: Hello\nDate: 2026-01-05\nCategory: Notes\n\nPrices are public.\n")
    git(project, "config", "user.name", "Dana")
    git(project, "config", "user.email", "dana@example.org")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "-m", "Site source")
    git(project, "remote", "add", "origin", str(remote))
    git(project, "push", "--quiet", "origin", "main")
    git(project, "switch", "--quiet", "-c", "feature")
    return project, remote


def refs_everywhere(project, remote):
    return {
        "local": git(project, "for-each-ref", "--format=%(refname) %(objectname)"),
        "remote": git(remote, "for-each-ref", "--format=%(refname) %(objectname)"),
    }


def publish(project, branch):
    return publish_site(
        project,
        project / "publishconf.py",
        {"CACHE_PATH": str(project / "cache")},
        branch=branch,
    )


def test_the_remotes_default_branch_is_refused(project):
    project, remote = project
    before = refs_everywhere(project, remote)

    with pytest.raises(PublishError) as error:
        publish(project, "main")

    assert str(error.value) == (
        "refusing to publish onto main: it is origin's default branch, where the source lives "
        '(publish to a branch of its own: leave out --branch, or set PUBLISHING["branch"] = '
        '"gh-pages")'
    )
    assert refs_everywhere(project, remote) == before


def test_a_remote_branch_holding_the_source_is_refused(project):
    project, remote = project
    git(project, "push", "--quiet", "origin", "main:backup")
    source_tip = ref_sha(project, "main")
    before = refs_everywhere(project, remote)

    with pytest.raises(PublishError) as error:
        publish(project, "backup")

    assert str(error.value) == (
        f"refusing to publish onto backup: its tip {source_tip[:12]} holds the project's source "
        "(pelicanconf.py), which the site would replace (publish to a branch of its own: leave "
        'out --branch, or set PUBLISHING["branch"] = "gh-pages")'
    )
    assert refs_everywhere(project, remote) == before


def test_a_local_branch_holding_the_source_is_refused(project):
    project, remote = project
    git(project, "branch", "old-idea", "main")
    before = refs_everywhere(project, remote)

    with pytest.raises(PublishError) as error:
        publish(project, "old-idea")

    assert str(error.value).startswith("refusing to publish onto old-idea: its tip ")
    assert refs_everywhere(project, remote) == before


def test_gh_pages_is_still_published(project):
    project, remote = project

    result = publish(project, None)

    assert ref_sha(remote, "refs/heads/gh-pages") == result.commit
    assert ref_sha(remote, "refs/heads/main") == ref_sha(project, "main")
