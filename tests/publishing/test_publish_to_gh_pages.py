"""invoke publish against real git repositories: a source repo and a bare remote."""

from datetime import UTC, datetime

import pytest
from publishing_repos import PUBLISHCONF, PublishingRepos, git, isolate_git_config, ref_sha

from tooling.publishing import PublishError
from tooling.publishing.ghpages import publish_directory
from tooling.runner import load_settings

EARLY_2026 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def repos(tmp_path, monkeypatch):
    """A fresh source repo with an about page and a post committed, and an empty bare remote."""
    isolate_git_config(tmp_path, monkeypatch)
    return PublishingRepos(tmp_path / "repos")


def test_publish_gives_gh_pages_with_the_site_nojekyll_and_cname(repos):
    source_sha = git(repos.source, "rev-parse", "HEAD")

    result = repos.publish(build_time=EARLY_2026)

    files = repos.published_files()
    assert {"index.html", "blog/first-post/index.html", "about/index.html"} <= files
    assert {".nojekyll", "CNAME", "sitemap.xml", "feeds/all.atom.xml"} <= files
    assert repos.published_text("CNAME") == "danareyes.example"
    assert repos.published_text(".nojekyll") == ""
    # Local and remote agree, and the commit names the source commit and its author.
    assert ref_sha(repos.remote, "refs/heads/gh-pages") == result.commit
    assert ref_sha(repos.source, "refs/heads/gh-pages") == result.commit
    assert result.parent is None
    message = git(repos.remote, "log", "-1", "--format=%B", "gh-pages")
    assert message.startswith(f"Publish site from {source_sha[:12]}: Start the site")
    assert f"Source commit: {source_sha}" in message
    committer = git(repos.remote, "log", "-1", "--format=%cn <%ce>", "gh-pages")
    assert committer == "Publishing Test <publishing@example.org>"


def test_cname_is_left_out_for_a_github_io_address(repos):
    repos.publish(settings={"SITEURL": "https://dana.github.io", "PUBLISHING": {"cname": None}})

    files = repos.published_files()
    assert ".nojekyll" in files
    assert "CNAME" not in files


def test_cname_that_is_not_the_sites_host_is_refused_before_building(repos):
    before = repos.gh_pages_state()

    with pytest.raises(PublishError) as error:
        repos.publish(cname="www.other.example")

    assert str(error.value) == (
        'invoke publish --cname: PUBLISHING["cname"]: "www.other.example" is not SITEURL\'s '
        'host "danareyes.example" '
        "(set SITEURL to https://www.other.example or drop the custom domain)"
    )
    assert repos.gh_pages_state() == before


def test_second_publish_is_a_child_of_the_first(repos):
    first = repos.publish(build_time=EARLY_2026)
    repos.write_post("second-post", "Second post", "2026-02-01")
    repos.commit("Add the second post")

    second = repos.publish(build_time=EARLY_2026)

    assert second.parent == first.commit
    parents = git(repos.remote, "rev-list", "--parents", "-n", "1", "gh-pages").split()
    assert parents == [second.commit, first.commit]
    assert "blog/second-post/index.html" in repos.published_files()


def test_publish_builds_on_the_remote_branch_when_the_local_one_is_missing(repos):
    # A CI checkout has no local gh-pages; without fetching first, ghp-import would
    # make a parentless commit and the push would be rejected.
    first = repos.publish(build_time=EARLY_2026)
    git(repos.source, "update-ref", "-d", "refs/heads/gh-pages")
    git(repos.source, "update-ref", "-d", "refs/remotes/origin/gh-pages")
    repos.write_post("second-post", "Second post", "2026-02-01")
    repos.commit("Add the second post")

    second = repos.publish(build_time=EARLY_2026)

    assert second.parent == first.commit
    assert ref_sha(repos.remote, "refs/heads/gh-pages") == second.commit


def test_publish_builds_on_the_remote_branch_when_the_local_one_is_stale(repos):
    first = repos.publish(build_time=EARLY_2026)
    repos.write_post("second-post", "Second post", "2026-02-01")
    repos.commit("Add the second post")
    second = repos.publish(build_time=EARLY_2026)
    # Another machine published `second`; this clone still has `first` locally.
    git(repos.source, "update-ref", "refs/heads/gh-pages", first.commit)
    git(repos.source, "update-ref", "refs/remotes/origin/gh-pages", first.commit)
    repos.write_post("third-post", "Third post", "2026-02-02")
    repos.commit("Add the third post")

    third = repos.publish(build_time=EARLY_2026)

    assert third.parent == second.commit


def test_publishing_the_same_site_again_adds_no_commit(repos):
    first = repos.publish(build_time=EARLY_2026)
    repos.commit("A commit that changes nothing on the site")

    again = repos.publish(build_time=EARLY_2026)

    assert again.changed is False
    assert again.commit == first.commit
    assert ref_sha(repos.remote, "refs/heads/gh-pages") == first.commit
    assert ref_sha(repos.source, "refs/heads/gh-pages") == first.commit


def test_a_deleted_post_disappears_from_gh_pages(repos):
    repos.write_post("short-lived", "Short-lived", "2026-02-01")
    repos.commit("Add a post")
    repos.publish(build_time=EARLY_2026)
    assert "blog/short-lived/index.html" in repos.published_files()

    (repos.content / "posts/short-lived.md").unlink()
    repos.commit("Delete the post")
    repos.publish(build_time=EARLY_2026)

    files = repos.published_files()
    assert not any("short-lived" in path for path in files)
    assert "short-lived" not in repos.published_text("sitemap.xml")
    assert "short-lived" not in repos.published_text("feeds/all.atom.xml")


def test_a_future_post_is_absent_and_appears_once_its_date_has_passed(repos):
    repos.write_post("on-its-day", "On its day", "2026-06-01 09:00")
    repos.commit("Schedule a post")

    before_its_day = repos.publish(build_time=datetime(2026, 5, 31, 12, 0, tzinfo=UTC))

    files = repos.published_files()
    assert not any("on-its-day" in path for path in files)
    for listing in ("index.html", "sitemap.xml", "feeds/all.atom.xml", "archives/index.html"):
        assert "on-its-day" not in repos.published_text(listing), listing

    # The daily scheduled run: nothing new was pushed, only the clock moved.
    on_its_day = repos.publish(build_time=datetime(2026, 6, 1, 14, 0, tzinfo=UTC))

    assert on_its_day.parent == before_its_day.commit
    assert "blog/on-its-day/index.html" in repos.published_files()
    assert "/blog/on-its-day/" in repos.published_text("sitemap.xml")
    assert "/blog/on-its-day/" in repos.published_text("index.html")


def test_site_build_time_in_the_environment_moves_the_clock(repos, monkeypatch):
    repos.write_post("on-its-day", "On its day", "2026-06-01 09:00")
    repos.commit("Schedule a post")

    monkeypatch.setenv("SITE_BUILD_TIME", "2026-05-01T00:00:00+00:00")
    repos.publish()
    assert "blog/on-its-day/index.html" not in repos.published_files()

    monkeypatch.setenv("SITE_BUILD_TIME", "2026-07-01T00:00:00+00:00")
    repos.publish()
    assert "blog/on-its-day/index.html" in repos.published_files()


def test_drafts_and_skipped_items_never_reach_gh_pages(repos):
    repos.write_post("unfinished", "Unfinished", "2026-02-01", extra="Status: draft\n")
    repos.write_post("ignored", "Ignored", "2026-02-01", extra="Status: skip\n")
    repos.write("pages/secret.md", "Title: Secret\nStatus: draft\n\nNot yet.\n")
    repos.commit("Add unpublished items")

    repos.publish(build_time=EARLY_2026)

    files = repos.published_files()
    for word in ("unfinished", "ignored", "secret", "drafts/"):
        assert not any(word in path for path in files), word


# --- Failures: gh-pages, local and remote, stays exactly as it was. ---------------


@pytest.fixture
def published_once(repos):
    """Repos with one good publish, so "unchanged" means a real previous state."""
    repos.publish(build_time=EARLY_2026)
    return repos


def test_a_failing_build_leaves_gh_pages_unchanged(published_once):
    repos = published_once
    repos.write_post("broken-date", "Broken date", "2026-13-45")
    repos.commit("Add a post with a bad date")
    before = repos.gh_pages_state()

    with pytest.raises(PublishError) as error:
        repos.publish(build_time=EARLY_2026)

    assert str(error.value) == "the build found 1 problem; nothing was published"
    assert error.value.details == [
        'content/posts/broken-date.md: Date: "2026-13-45" is not a valid date '
        "(write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-11-23)"
    ]
    assert repos.gh_pages_state() == before


def test_a_broken_internal_link_leaves_gh_pages_unchanged(published_once):
    repos = published_once
    repos.write_post("linker", "Linker", "2026-02-01", body="See [the price list](/prices/).")
    repos.commit("Link to a page that does not exist")
    before = repos.gh_pages_state()

    with pytest.raises(PublishError) as error:
        repos.publish(build_time=EARLY_2026)

    # The build checks links, so it stops before the publish checks run.
    assert str(error.value) == "the build found 1 problem; nothing was published"
    # One line for the link, however many listing pages repeat the post's summary,
    # named by the post that holds the link, not by the first listing page.
    assert error.value.details == [
        "content/posts/linker.md: link: /prices/ points to no page "
        "(fix the link; a draft, or a post dated after the build, has no page yet)"
    ]
    assert repos.gh_pages_state() == before


def test_a_link_to_a_draft_is_reported_once(published_once):
    repos = published_once
    repos.write_post("plans", "Plans", "2026-02-01", extra="Status: draft\n")
    repos.write_post("teaser", "Teaser", "2026-02-02", body="Coming: [plans](/blog/plans/).")
    repos.commit("Tease a draft")

    with pytest.raises(PublishError) as error:
        repos.publish(build_time=EARLY_2026)

    assert str(error.value) == "the build found 1 problem; nothing was published"
    assert error.value.details == [
        "content/posts/teaser.md: link: /blog/plans/ points to no page "
        "(fix the link; a draft, or a post dated after the build, has no page yet)"
    ]


def test_a_filename_link_to_a_future_post_says_it_is_not_published(published_once):
    repos = published_once
    repos.write_post("soon", "Soon", "2026-06-01")
    repos.write_post("teaser", "Teaser", "2026-02-02", body="Soon: [this]({filename}soon.md).")
    repos.commit("Tease a scheduled post")

    with pytest.raises(PublishError) as error:
        repos.publish(build_time=EARLY_2026)

    assert error.value.details == [
        "content/posts/teaser.md: link: https://danareyes.example/blog/soon/ points to no page "
        "(the post or page it links is not published in this build: a draft, or dated after it)"
    ]


DRAFT_PAGE_PLUGIN = '''
"""Test plugin: writes a draft's page into the output, as a careless plugin might."""
import os
from pelican import signals

def leak_draft(pelican):
    os.makedirs(os.path.join(pelican.output_path, "blog", "plans"))
    with open(os.path.join(pelican.output_path, "blog", "plans", "index.html"), "w") as page:
        page.write("<p>plans</p>")

def register():
    signals.finalized.connect(leak_draft)
'''


def test_a_failing_check_leaves_gh_pages_unchanged(published_once, tmp_path):
    # The build's own checks pass; only the publish checks see the draft's page.
    repos = published_once
    repos.write_post("plans", "Plans", "2026-02-01", extra="Status: draft\n")
    repos.commit("Start a draft")
    plugins = tmp_path / "test-plugins"
    plugins.mkdir()
    (plugins / "leak_draft.py").write_text(DRAFT_PAGE_PLUGIN)
    project_settings = load_settings(PUBLISHCONF)
    settings = {
        "PLUGIN_PATHS": [*project_settings["PLUGIN_PATHS"], str(plugins)],
        "PLUGINS": [*project_settings["PLUGINS"], "leak_draft"],
    }
    before = repos.gh_pages_state()

    with pytest.raises(PublishError) as error:
        repos.publish(settings=settings, build_time=EARLY_2026)

    assert str(error.value) == "the built site failed 1 check; nothing was published"
    assert error.value.details == [
        "content/posts/plans.md: is unpublished (Status: draft) but blog/plans/index.html is in "
        "the output (a theme or plugin wrote it)"
    ]
    assert repos.gh_pages_state() == before


SYMLINK_PLUGIN = '''
"""Test plugin: leaves a symlink in the output, as a careless plugin might."""
import os
from pelican import signals

def link_secret(pelican):
    os.symlink(os.environ["SECRET_FILE"], os.path.join(pelican.output_path, "leak.txt"))

def register():
    signals.finalized.connect(link_secret)
'''


def test_a_symlink_in_the_output_leaves_gh_pages_unchanged(published_once, tmp_path, monkeypatch):
    repos = published_once
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web")
    monkeypatch.setenv("SECRET_FILE", str(secret))
    plugins = tmp_path / "test-plugins"
    plugins.mkdir()
    (plugins / "symlink_into_output.py").write_text(SYMLINK_PLUGIN)
    project_settings = load_settings(PUBLISHCONF)
    settings = {
        "PLUGIN_PATHS": [*project_settings["PLUGIN_PATHS"], str(plugins)],
        "PLUGINS": [*project_settings["PLUGINS"], "symlink_into_output"],
    }
    before = repos.gh_pages_state()

    with pytest.raises(PublishError) as error:
        repos.publish(settings=settings, build_time=EARLY_2026)

    assert str(error.value) == "the built site failed 1 check; nothing was published"
    assert error.value.details == [
        f"leak.txt: is a symlink to {secret} "
        "(only regular files may be published; copy the file instead)"
    ]
    assert repos.gh_pages_state() == before


def test_ghp_import_step_refuses_a_directory_with_a_symlink(published_once, tmp_path):
    repos = published_once
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>hello</p>")
    (site / "passwd").symlink_to("/etc/passwd")
    before = repos.gh_pages_state()

    with pytest.raises(PublishError) as error:
        publish_directory(repos.source, site, remote="origin", branch="gh-pages", message="x")

    assert str(error.value).startswith("refusing to publish symlinks: passwd: is a symlink")
    assert repos.gh_pages_state() == before


def test_a_rejected_push_restores_the_local_gh_pages(published_once):
    repos = published_once
    hook = repos.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n")
    hook.chmod(0o755)
    repos.write_post("second-post", "Second post", "2026-02-01")
    repos.commit("Add the second post")
    before = repos.gh_pages_state()

    with pytest.raises(PublishError) as error:
        repos.publish(build_time=EARLY_2026)

    reason = str(error.value)
    assert reason.startswith("git push failed: ")
    # The remote's own words, on the one line.
    assert "remote: pushes are closed today" in reason
    assert "! [remote rejected] gh-pages -> gh-pages (pre-receive hook declined)" in reason
    assert "\n" not in reason
    assert repos.gh_pages_state() == before


def test_untracked_content_counts_as_uncommitted_in_the_message(repos):
    source_sha = git(repos.source, "rev-parse", "HEAD")
    (repos.source / "notes.txt").write_text("not part of the site")

    repos.publish(build_time=EARLY_2026)

    message = git(repos.remote, "log", "-1", "--format=%B", "gh-pages")
    assert message.startswith(f"Publish site from {source_sha[:12]}: Start the site")

    repos.write_post("not-committed", "Not committed", "2026-02-01")

    repos.publish(build_time=EARLY_2026)

    assert "blog/not-committed/index.html" in repos.published_files()
    message = git(repos.remote, "log", "-1", "--format=%B", "gh-pages")
    assert message.startswith(
        f"Publish site from {source_sha[:12]} plus uncommitted changes: Start the site"
    )
    assert "content/posts/not-committed.md" in message


def test_an_unreachable_remote_leaves_the_local_gh_pages_unchanged(published_once):
    repos = published_once
    git(repos.source, "remote", "set-url", "origin", str(repos.root / "gone.git"))
    before = repos.gh_pages_state()

    with pytest.raises(PublishError) as error:
        repos.publish(build_time=EARLY_2026)

    assert str(error.value).startswith("git ls-remote failed: ")
    assert repos.gh_pages_state() == before


def test_publish_refuses_to_start_without_a_committer_identity(repos):
    git(repos.source, "config", "--unset", "user.name")
    before = repos.gh_pages_state()

    with pytest.raises(PublishError) as error:
        repos.publish(build_time=EARLY_2026)

    assert str(error.value).startswith("no committer identity: ")
    assert repos.gh_pages_state() == before


def test_an_empty_committer_name_in_the_environment_is_refused(repos, monkeypatch):
    # ghp-import prefers GIT_COMMITTER_NAME over git config even when it is empty.
    monkeypatch.setenv("GIT_COMMITTER_NAME", "")
    before = repos.gh_pages_state()

    with pytest.raises(PublishError) as error:
        repos.publish(build_time=EARLY_2026)

    assert str(error.value).startswith("no committer identity: ")
    assert repos.gh_pages_state() == before


def test_remote_and_branch_are_configurable(repos, tmp_path):
    other = tmp_path / "other.git"
    git(tmp_path, "init", "--quiet", "--bare", str(other))

    result = repos.publish(remote=str(other), branch="site", build_time=EARLY_2026)

    assert ref_sha(other, "refs/heads/site") == result.commit
    assert ref_sha(repos.remote, "refs/heads/gh-pages") is None
    assert "index.html" in repos.published_files(repo=other, ref="site")


def test_a_post_due_today_is_published_by_the_early_morning_run(repos, monkeypatch):
    # The daily CI run is at 05:17 UTC, which is 00:17 in New York: the post dated
    # 09:00 that day is due, and the publish checks must agree with the build.
    repos.write_post("due-today", "Due today", "2027-03-01 09:00")
    repos.commit("Schedule a post for March 1")

    monkeypatch.setenv("SITE_BUILD_TIME", "2027-03-01T05:17:00+00:00")
    published = repos.publish()

    assert published.changed
    assert "blog/due-today/index.html" in repos.published_files()


def test_the_evening_before_a_post_is_due_it_stays_out(repos, monkeypatch):
    repos.write_post("due-tomorrow", "Due tomorrow", "2027-03-01 09:00")
    repos.commit("Schedule a post for March 1")

    monkeypatch.setenv("SITE_BUILD_TIME", "2027-03-01T04:00:00+00:00")  # Feb 28, 23:00 in New York
    repos.publish()

    assert "blog/due-tomorrow/index.html" not in repos.published_files()
    assert "/blog/due-tomorrow/" not in repos.published_text("sitemap.xml")
