"""Real git repositories for publishing tests: a source repo and a bare "remote".

(A helper module, not a conftest.py: a second conftest would take the module name
`conftest` that the other tests import their helpers from.)

The source repo holds the content (and, after a publish, the local gh-pages
branch); its `origin` is a bare repository standing in for GitHub. Sites are
built with the project's own publishconf.py, with PATH pointed at the source's
content folder.
"""

import subprocess
from pathlib import Path
from textwrap import dedent

from tooling.publishing import publish_site

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PUBLISHCONF = PROJECT_ROOT / "publishconf.py"
FIXTURE_MENU = (("Blog", "/"), ("About", "/about/"))
# The signup widget under every post links these pages, so every site has them.
SIGNUP_PAGES = {"subscribe": "Subscribe", "privacy": "Privacy"}
BRANCH_REFS = {
    "local": "refs/heads/gh-pages",
    "tracking": "refs/remotes/origin/gh-pages",
}


def git(repo, *args):
    """Run git in `repo` and return its stdout (raises if git fails)."""
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()


def ref_sha(repo, ref):
    completed = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", ref],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    return completed.stdout.strip() or None


class PublishingRepos:
    """A source repository with content, and the bare remote it publishes to."""

    def __init__(self, root):
        self.root = Path(root)
        self.root.mkdir(parents=True)
        self.remote = self.root / "remote.git"
        self.source = self.root / "source"
        self.content = self.source / "content"
        git(self.root, "init", "--quiet", "--bare", str(self.remote))
        git(self.root, "init", "--quiet", "--initial-branch=main", str(self.source))
        git(self.source, "config", "user.name", "Publishing Test")
        git(self.source, "config", "user.email", "publishing@example.org")
        git(self.source, "remote", "add", "origin", str(self.remote))
        self.write(
            "pages/about.md",
            """
            Title: About
            Summary: Who writes here.

            Dana Reyes sells marketing and customer-service work at posted prices.
            """,
        )
        for slug, title in SIGNUP_PAGES.items():
            self.write(f"pages/{slug}.md", f"Title: {title}\nSlug: {slug}\n\nShort and true.\n")
        self.write_post("first-post", "First post", "2026-01-05")
        self.commit("Start the site")

    def write(self, relative, text):
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def write_post(self, slug, title, date, body="A short post.", extra=""):
        header = f"Title: {title}\nDate: {date}\nCategory: Notes\nSlug: {slug}\n{extra}"
        return self.write(f"posts/{slug}.md", f"{header}\n{body}\n")

    def commit(self, message):
        git(self.source, "add", "--all")
        git(self.source, "commit", "--quiet", "--allow-empty", "-m", message)
        return git(self.source, "rev-parse", "HEAD")

    def publish(self, settings=None, **options):
        """Run the whole `invoke publish` pipeline in-process against these repos."""
        overrides = {
            "PATH": str(self.content),
            "CACHE_PATH": str(self.root / "cache"),
            # The project's menu, home page pitch and author box link pages this small site
            # does not have.
            "MENUITEMS": FIXTURE_MENU,
            "THEME_OPTIONS": {},
            **(settings or {}),
        }
        return publish_site(self.source, PUBLISHCONF, overrides, **options)

    def published_files(self, repo=None, ref="gh-pages"):
        listing = git(repo or self.remote, "ls-tree", "-r", "--name-only", ref)
        return set(listing.splitlines())

    def published_text(self, path, repo=None, ref="gh-pages"):
        return git(repo or self.remote, "show", f"{ref}:{path}")

    def gh_pages_state(self):
        """Every gh-pages ref, local, remote-tracking and remote, with its full tree listing."""
        places = [(self.source, ref) for ref in BRANCH_REFS.values()]
        places.append((self.remote, "refs/heads/gh-pages"))
        state = {}
        for repo, ref in places:
            sha = ref_sha(repo, ref)
            tree = git(repo, "ls-tree", "-r", "--full-tree", sha) if sha else None
            state[(repo.name, ref)] = (sha, tree)
        return state


def isolate_git_config(tmp_path, monkeypatch):
    """Keep the machine's git configuration (identity, hooks, signing) out of a test."""
    empty = tmp_path / "empty-gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in (
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "SITE_BUILD_TIME",
        "SITEURL",
    ):
        monkeypatch.delenv(name, raising=False)
