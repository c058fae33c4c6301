"""Publish a built site to a gh-pages branch with ghp-import, all or nothing.

ghp-import writes one commit on top of the local branch and nothing else, so
the steps around it are ours: fetch the remote branch first (so the new commit's
parent is the last published commit, not a parentless one the push would lose
or have rejected), verify the commit, push without force, and on any failure put
the local refs back exactly as they were. A failed push changes nothing remote.
"""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import PublishError
from .output_checks import symlinks_in


@dataclass(frozen=True)
class PublishedCommit:
    """The commit now at the tip of gh-pages, local and remote.

    `changed` is False when the site was exactly what was already published: then
    no commit is added (the daily run would otherwise add one every day).
    """

    sha: str
    parent: str | None
    changed: bool = True


def git(repo, *args, check=True):
    """Run git in `repo`; return stdout, or raise PublishError with git's own reason."""
    try:
        completed = subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, check=False
        )
    except OSError as error:  # git missing, or repo is not a folder
        raise PublishError(f"cannot run git in {repo}: {error.strerror}") from None
    if check and completed.returncode != 0:
        raise PublishError(f"git {args[0]} failed: {_last_line(completed.stderr)}")
    return completed.stdout.strip() if check else completed


def _last_line(text):
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    fatal = [line for line in lines if line.startswith(("fatal:", "error:", "!"))]
    return (fatal or lines or ["no message"])[-1]


def committer_identity(repo):
    """The name and email ghp-import will commit as; refuse to go on without both.

    ghp-import reads GIT_COMMITTER_NAME/EMAIL, else user.name/user.email, and
    otherwise writes a commit with an empty author.
    """
    # Exactly ghp-import's lookup: a variable that is set wins, even when empty.
    name = os.environ.get("GIT_COMMITTER_NAME", _config(repo, "user.name")).strip()
    email = os.environ.get("GIT_COMMITTER_EMAIL", _config(repo, "user.email")).strip()
    if not (name and email):
        raise PublishError(
            'no committer identity: run git config user.name "Your Name" and '
            "git config user.email you@example.com (or set GIT_COMMITTER_NAME/EMAIL)"
        )
    return f"{name} <{email}>"


def _config(repo, key):
    completed = git(repo, "config", key, check=False)
    return completed.stdout.strip() if completed.returncode == 0 else ""


def source_commit(repo, inputs=()):
    """(sha, subject, uncommitted paths) of the commit the site is built from.

    Uncommitted means a tracked file that differs from HEAD (staged or not), or an
    untracked, not ignored file under one of `inputs` (the folders and files the
    build reads: content, theme, plugins, settings); a stray file elsewhere in the
    work tree does not change the site, so it does not count.
    """
    repo = Path(repo)
    completed = git(repo, "rev-parse", "--verify", "HEAD^{commit}", check=False)
    if completed.returncode != 0:
        raise PublishError(
            f"{repo}: no commit to name as the source ({_last_line(completed.stderr)}); "
            "publish from a git repository with your work committed"
        )
    sha = completed.stdout.strip()
    subject = git(repo, "log", "-1", "--format=%s", sha)
    changed = git(repo, "-c", "core.quotePath=false", "diff", "--name-only", "HEAD").splitlines()
    pathspecs = _pathspecs_inside(repo, inputs)
    untracked = []
    if pathspecs:
        untracked = git(
            repo,
            "-c",
            "core.quotePath=false",
            "ls-files",
            "--others",
            "--exclude-standard",
            "--",
            *pathspecs,
        ).splitlines()
    return sha, subject, sorted({*changed, *untracked})


def _pathspecs_inside(repo, paths):
    """`paths` that lie inside the work tree, relative to its top (git refuses others)."""
    top = Path(git(repo, "rev-parse", "--show-toplevel")).resolve()
    inside = []
    for path in paths:
        resolved = (repo / path).resolve()
        if resolved.is_relative_to(top):
            inside.append(":(top,literal)" + (resolved.relative_to(top).as_posix() or "."))
    return list(dict.fromkeys(inside))


class RefSnapshot:
    """The values of some refs at one moment, to put back after a failure."""

    def __init__(self, repo, refs):
        self.repo = repo
        self.values = {ref: _ref_value(repo, ref) for ref in refs}

    def restore(self):
        for ref, value in self.values.items():
            if value is None:
                if _ref_value(self.repo, ref) is not None:
                    git(self.repo, "update-ref", "-d", ref)
            else:
                git(self.repo, "update-ref", ref, value)


def _ref_value(repo, ref):
    completed = git(repo, "rev-parse", "--verify", "--quiet", ref, check=False)
    return completed.stdout.strip() or None


def remote_branch_tip(repo, remote, branch):
    """The commit the remote's branch points at, or None if it has no such branch."""
    listing = git(repo, "ls-remote", "--heads", remote, f"refs/heads/{branch}")
    for line in listing.splitlines():
        sha, _, ref = line.partition("\t")
        if ref == f"refs/heads/{branch}":
            return sha
    return None


def remote_default_branch(repo, remote):
    """The branch the remote's HEAD names (GitHub's default branch), or None."""
    listing = git(repo, "ls-remote", "--symref", remote, "HEAD")
    for line in listing.splitlines():
        target, _, name = line.partition("\t")
        if name == "HEAD" and target.startswith("ref: refs/heads/"):
            return target.removeprefix("ref: refs/heads/")
    return None


# Files only a source tree has: a branch holding one is the project, not a built site.
SOURCE_MARKERS = ("pelicanconf.py", "publishconf.py")


def refuse_default_branch(repo, remote, branch):
    """The remote's default branch holds the source; the site must never replace it."""
    if branch == remote_default_branch(repo, remote):
        raise PublishError(
            f"refusing to publish onto {branch}: it is {remote}'s default branch, where the "
            "source lives (publish to a branch of its own: leave out --branch, or set "
            'PUBLISHING["branch"] = "gh-pages")'
        )


def refuse_source_tree(repo, branch, commit, markers=SOURCE_MARKERS):
    """`commit` is what the site would go on top of; if it holds the project's source,
    the branch is a source branch and the published site would replace the project."""
    if commit is None:
        return
    for marker in markers:
        if git(repo, "cat-file", "-e", f"{commit}:{marker}", check=False).returncode == 0:
            raise PublishError(
                f"refusing to publish onto {branch}: its tip {commit[:12]} holds the project's "
                f"source ({marker}), which the site would replace (publish to a branch of its "
                'own: leave out --branch, or set PUBLISHING["branch"] = "gh-pages")'
            )


def _is_named_remote(repo, remote):
    return remote in git(repo, "remote").split()


def publish_directory(
    repo, site, *, remote, branch, message, cname=None, source_markers=SOURCE_MARKERS
):
    """Commit `site` onto `branch` with ghp-import and push it; all or nothing.

    Refuses the remote's default branch and any branch whose tip holds one of
    `source_markers` (paths only the project's source has). Returns the
    PublishedCommit. Raises PublishError, with the local branch (and its
    remote-tracking ref) restored, if any step fails.
    """
    repo, site = Path(repo), Path(site)
    links = symlinks_in(site)
    if links:
        raise PublishError(f"refusing to publish symlinks: {links[0]}", details=links)
    committer_identity(repo)
    local_ref = f"refs/heads/{branch}"
    if git(repo, "symbolic-ref", "--quiet", "HEAD", check=False).stdout.strip() == local_ref:
        raise PublishError(f"{branch} is checked out in {repo}; switch to your source branch")
    refuse_default_branch(repo, remote, branch)
    refs = [local_ref]
    if _is_named_remote(repo, remote):
        refs.append(f"refs/remotes/{remote}/{branch}")
    snapshot = RefSnapshot(repo, refs)
    try:
        parent, remote_tip = _start_from_remote(repo, remote, branch, refs)
        refuse_source_tree(repo, branch, parent, source_markers)
        _run_ghp_import(repo, site, remote=remote, branch=branch, message=message, cname=cname)
        published = _verify_commit(repo, local_ref, parent, cname)
        if remote_tip is not None and _same_site(repo, published.sha, remote_tip):
            git(repo, "update-ref", local_ref, remote_tip)
            return PublishedCommit(sha=remote_tip, parent=None, changed=False)
        # Last step, and never forced: either the remote takes exactly this commit on
        # top of what it had, or it refuses and stays as it was.
        _push(repo, remote, local_ref)
        return published
    except BaseException:
        snapshot.restore()
        raise


def _push(repo, remote, local_ref):
    completed = git(repo, "push", "--quiet", remote, f"{local_ref}:{local_ref}", check=False)
    if completed.returncode != 0:
        raise PublishError(f"git push failed: {_push_reason(completed.stderr)}")


def _push_reason(stderr):
    """Why the remote refused, as one line: its own "remote:" lines and git's "! [...]" verdict.

    Without them the reason would be git's last line, "failed to push some refs",
    which says nothing about what to do.
    """
    lines = [line.strip() for line in stderr.splitlines()]
    said = [line for line in lines if line.startswith("remote:") and line != "remote:"]
    verdicts = [line for line in lines if line.startswith("! [")]
    return "; ".join(said + verdicts) or _last_line(stderr)


def _start_from_remote(repo, remote, branch, refs):
    """Point the local branch (and ghp-import's view of the remote) at the remote tip.

    Returns (the parent the new commit must have, the remote tip or None).
    """
    previous = remote_branch_tip(repo, remote, branch)
    if previous is None:
        # Nothing published yet: build on the local branch if there is one, so no
        # local history is dropped, and keep ghp-import off a stale tracking ref.
        for tracking in refs[1:]:
            if _ref_value(repo, tracking) is not None:
                git(repo, "update-ref", "-d", tracking)
        return _ref_value(repo, refs[0]), None
    git(repo, "fetch", "--quiet", "--no-tags", remote, f"refs/heads/{branch}")
    fetched = git(repo, "rev-parse", "--verify", "FETCH_HEAD^{commit}")
    if fetched != previous:
        raise PublishError(f"{remote}'s {branch} moved while fetching; publish again")
    for ref in refs:
        git(repo, "update-ref", ref, previous)
    return previous, previous


def _same_site(repo, new, old):
    """True when `new` publishes nothing `old` does not already serve.

    The sitemap plugin stamps listing pages with the build's wall-clock time, so
    every build differs there; a difference only in those <lastmod> lines is not
    a change worth a commit.
    """
    changed = git(repo, "diff", "--name-only", old, new).splitlines()
    if not changed:
        return True
    if changed != ["sitemap.xml"]:
        return False
    return _without_lastmod(git(repo, "show", f"{new}:sitemap.xml")) == _without_lastmod(
        git(repo, "show", f"{old}:sitemap.xml")
    )


def _without_lastmod(sitemap):
    return [line for line in sitemap.splitlines() if not line.strip().startswith("<lastmod>")]


def _run_ghp_import(repo, site, *, remote, branch, message, cname):
    command = [sys.executable, "-m", "ghp_import", "--no-jekyll", "-r", remote, "-b", branch]
    command += ["-m", message]
    if cname:
        command += ["-c", cname]
    command.append(str(site))
    completed = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)
    # ghp-import exits 0 even when git fast-import fails; _verify_commit catches that.
    if completed.returncode != 0 or "Failed to process commit" in completed.stdout:
        raise PublishError(f"ghp-import failed: {_last_line(completed.stderr + completed.stdout)}")


def _verify_commit(repo, local_ref, parent, cname):
    sha = _ref_value(repo, local_ref)
    if sha is None or sha == parent:
        raise PublishError("ghp-import made no commit; nothing was published")
    parents = git(repo, "rev-list", "--parents", "-n", "1", sha).split()[1:]
    if parents != ([parent] if parent else []):
        raise PublishError(f"ghp-import's commit {sha[:12]} is not on top of {parent}")
    if git(repo, "cat-file", "-e", f"{sha}:.nojekyll", check=False).returncode != 0:
        raise PublishError(f"ghp-import's commit {sha[:12]} has no .nojekyll")
    if cname and git(repo, "show", f"{sha}:CNAME").strip() != cname:
        raise PublishError(f"ghp-import's commit {sha[:12]} has no CNAME {cname}")
    return PublishedCommit(sha=sha, parent=parent)
