"""A warm build equals a cold one, byte for byte, whatever changed in between.

The content cache is keyed on the settings, the plugin and reader code and the
library versions (strict_build.content_cache); an unreadable cache is only a
slower build; a file with a problem is never cached.
"""

import copy
import shutil

import jinja2
import pytest
from fixture_sites import (
    PROJECT_CODE,
    PROJECT_ROOT,
    copy_project,
    differences,
    invoke,
    project_settings,
)

POSTS = {
    "posts/toc.md": (
        "Title: With headings\nDate: 2026-02-01\nSummary: Plain <b onmouseover=alert(1)>bold</b>\n\n"
        "[TOC]\n\n## First part\n\nText with 'quotes' -- and dashes.\n\n## Second part\n\nMore.\n"
    ),
    "posts/plain.md": "Title: Plain\nDate: 2026-02-02\nTags: a, b\n\nJust text.\n",
}


def write_posts(site):
    for relative, text in POSTS.items():
        site.write(relative, text)


def cold_build(site, settings, tmp_path):
    """The same tree built with an empty cache into its own folder."""
    cold_cache = tmp_path / "cold-cache"
    shutil.rmtree(cold_cache, ignore_errors=True)
    return site.build(
        settings={**settings, "CACHE_PATH": str(cold_cache)}, output=tmp_path / "cold-output"
    )


def test_a_markdown_setting_change_reaches_cached_pages(site_factory, tmp_path):
    site = site_factory()
    write_posts(site)
    without_permalinks = {"SITE_SEARCH": {"enabled": False}}
    assert site.build(settings=without_permalinks).ok

    markdown = {
        "extension_configs": {
            "markdown.extensions.extra": {},
            "markdown.extensions.meta": {},
            "markdown.extensions.toc": {"permalink": True},
        },
        "output_format": "html5",
    }
    changed = {**without_permalinks, "MARKDOWN": markdown}
    warm = site.build(settings=changed)
    cold = cold_build(site, changed, tmp_path)
    assert warm.ok and cold.ok
    assert 'class="headerlink"' in warm.text("blog/with-headings/index.html")
    assert differences(warm.output, cold.output) == []


def test_formatted_fields_switched_and_back_leaves_no_raw_summary(site_factory, tmp_path):
    site = site_factory()
    write_posts(site)
    plain = {"SITE_SEARCH": {"enabled": False}}
    assert site.build(settings=plain).ok
    assert site.build(settings={**plain, "FORMATTED_FIELDS": ["summary"]}).ok

    warm = site.build(settings=plain)
    cold = cold_build(site, plain, tmp_path)
    assert "<b onmouseover" not in warm.text("index.html")
    assert differences(warm.output, cold.output) == []


def test_an_unreadable_cache_is_one_notice_not_a_stopped_build(site_factory):
    site = site_factory()
    write_posts(site)
    settings = {"SITE_SEARCH": {"enabled": False}}
    assert site.build(settings=settings).ok
    [cache_file] = (site.root / "cache-dev").glob("*/ArticlesGenerator-Readers")
    cache_file.write_bytes(cache_file.read_bytes()[:40])  # as a killed build might leave it

    result = site.build(settings=settings)
    assert result.problems == []
    assert "blog/with-headings/index.html" in result.files()


def test_a_file_with_a_problem_fails_every_build(site_factory):
    site = site_factory()
    site.write("posts/twice.md", "Title: Twice\nDate: 2026-02-01\nSlug: one\nSlug: two\n\nText.\n")
    expected = [
        "content/posts/twice.md: Slug: written 2 times, on lines 3, 4 (keep one Slug: line; "
        "a long value may go on over lines indented by 4 spaces)"
    ]
    assert site.build().problems == expected
    assert site.build().problems == expected


def test_a_plugin_code_change_reaches_cached_pages(tmp_path):
    """`invoke build` twice around a plugin edit equals `invoke rebuild`, as an author runs them."""
    # The example site itself: the project's theme options link its own pages.
    project = copy_project(tmp_path / "project", (*PROJECT_CODE, "content"))
    marker_plugin = project / "plugins" / "strict_build" / "reader.py"
    original = marker_plugin.read_text(encoding="utf-8")
    assert invoke(project, "build").returncode == 0

    # A reader change that alters what the cache would hold for every post.
    marker_plugin.write_text(
        original.replace(
            "        return content, metadata\n",
            "        return content + '<p>reader-v2-marker</p>', metadata\n",
            1,
        ),
        encoding="utf-8",
    )
    warm = invoke(project, "build")
    assert warm.returncode == 0, warm.stderr
    shutil.copytree(project / "output", tmp_path / "warm")
    rebuilt = invoke(project, "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "reader-v2-marker" in (tmp_path / "warm" / "about/index.html").read_text()
    assert differences(tmp_path / "warm", project / "output") == []


def test_typography_turned_off_reaches_cached_pages(site_factory, tmp_path):
    # Typogrify runs inside the reader, so its output is cached: switching it off
    # must not leave curly quotes from the last build.
    site = site_factory()
    write_posts(site)
    settings = {"SITE_SEARCH": {"enabled": False}}
    assert "&#8216;quotes&#8217;" in site.build(settings=settings).text(
        "blog/with-headings/index.html"
    )

    plain = {**settings, "TYPOGRIFY": False}
    warm = site.build(settings=plain)
    cold = cold_build(site, plain, tmp_path)
    assert "'quotes'" in warm.text("blog/with-headings/index.html")
    assert differences(warm.output, cold.output) == []


def test_templates_compile_once_and_every_change_reaches_pages(site_factory, tmp_path, monkeypatch):
    """Compiled templates are kept between builds (plugin_templates.compiled_templates),
    and neither an edited template nor a changed JINJA_ENVIRONMENT gets stale code."""
    compiled = []
    original_compile = jinja2.Environment.compile

    def counting_compile(environment, source, name=None, *args, **kwargs):
        compiled.append(name)
        return original_compile(environment, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT_ROOT / "theme", theme)
    site = site_factory()
    write_posts(site)
    settings = {"SITE_SEARCH": {"enabled": False}, "THEME": str(theme)}
    assert site.build(settings=settings).ok
    assert "base.html" in compiled

    compiled.clear()
    assert site.build(settings=settings).ok
    assert compiled == []  # every template, the plugins' snippets too, came compiled

    base = theme / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("</body>", "<p>edited-base</p></body>", 1),
        encoding="utf-8",
    )
    warm = site.build(settings=settings)
    assert compiled == ["base.html"]
    trimmed_page = warm.text("blog/plain/index.html")
    assert "edited-base" in trimmed_page
    assert differences(warm.output, cold_build(site, settings, tmp_path).output) == []

    # Whitespace control is compiled into the code: a changed setting compiles afresh.
    untrimmed = {**settings, "JINJA_ENVIRONMENT": {"autoescape": True, "trim_blocks": False}}
    warm = site.build(settings=untrimmed)
    cold = cold_build(site, untrimmed, tmp_path)
    assert warm.ok and cold.ok
    assert warm.text("blog/plain/index.html") != trimmed_page
    assert differences(warm.output, cold.output) == []


# A Markdown extension that saves more text into the file it is converting, the first
# time: an author saving a post at the moment the build reads it.
SAVES_WHILE_READ = """
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

ADDED = "Added while the build was reading, wombat."


class SaveWhileRead(Preprocessor):
    def __init__(self, md, path):
        super().__init__(md)
        self.path = path

    def run(self, lines):
        with open(self.path, encoding="utf-8") as source:
            saved = source.read()
        if lines and ADDED not in saved and any("Read mid-save" in line for line in lines):
            with open(self.path, "a", encoding="utf-8") as source:
                source.write("\\n" + ADDED + "\\n")
        return lines


class SaveWhileReadExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"path": ["", "the file to save into"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.preprocessors.register(SaveWhileRead(md, self.getConfig("path")), "save_while_read", 40)


def makeExtension(**kwargs):
    return SaveWhileReadExtension(**kwargs)
"""


@pytest.mark.parametrize("posts", [1, 40], ids=["read-by-pelican", "read-ahead-in-workers"])
def test_a_post_saved_while_the_build_reads_it_is_read_again(
    site_factory, tmp_path, monkeypatch, posts
):
    """A save that lands while a build is reading the file is in the next build: the
    cache never files the older text under the newer bytes (a live preview's build
    may well be reading the post its author saves again)."""
    (tmp_path / "save_while_read.py").write_text(SAVES_WHILE_READ, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))  # for the build's fresh process
    site = site_factory()
    saved = site.write("posts/saved.md", "Title: Saved\nDate: 2026-02-01\n\nRead mid-save.\n")
    for number in range(1, posts):
        site.write(
            f"posts/other-{number}.md", f"Title: Other {number}\nDate: 2026-01-01\n\nText.\n"
        )

    def settings():  # anew for each build: a build adds to the MARKDOWN it is given
        markdown = project_settings()["MARKDOWN"]
        extensions = {**markdown["extension_configs"], "save_while_read": {"path": str(saved)}}
        return {
            "SITE_SEARCH": {"enabled": False},
            "MARKDOWN": {**markdown, "extension_configs": extensions},
        }

    in_workers = posts > 1
    first = site.build(settings=settings(), fresh_process=in_workers)
    assert first.problems == []
    if in_workers:
        assert first.parallel["read"]["files"] >= posts  # read ahead, in forked workers
    assert "wombat" in saved.read_text(encoding="utf-8")
    first_page = (first.output / "blog/saved/index.html").read_text(encoding="utf-8")
    # Pelican's read got the text before the save. (A worker's read is checked against
    # the file when the build uses it: the save is seen and the file read again.)
    assert ("wombat" in first_page) == in_workers

    warm = site.build(settings=settings(), fresh_process=in_workers)
    cold = cold_build(site, settings(), tmp_path)
    assert "wombat" in (warm.output / "blog/saved/index.html").read_text(encoding="utf-8")
    assert differences(warm.output, cold.output) == []


def test_each_source_is_hashed_once_and_a_rewrite_with_its_old_time_is_read_again(
    site_factory, monkeypatch
):
    """With CHECK_MODIFIED_METHOD = "md5" a build asks three times for each source's
    stamp, but reads and hashes the file once. A rewrite of the same size with its
    modification time set back is still a new version (its change time moved): the next
    build, in the same process, reads it again."""
    import os

    from plugin_support import pelican_internals

    assert project_settings()["CHECK_MODIFIED_METHOD"] == "md5"
    hashed = []
    pelican_stamp = pelican_internals._pelican_file_stamp

    def counting_stamp(cacher, filename):
        hashed.append(filename)
        return pelican_stamp(cacher, filename)

    monkeypatch.setattr(pelican_internals, "_pelican_file_stamp", counting_stamp)
    site = site_factory()
    write_posts(site)
    first = site.build()
    assert first.ok, first.problems
    posts = [path for path in hashed if path.endswith(("toc.md", "plain.md"))]
    assert sorted(posts) == sorted(set(posts)) and len(posts) == 2

    plain = site.content / "posts" / "plain.md"
    before = os.stat(plain)
    plain.write_text(POSTS["posts/plain.md"].replace("Just text.", "Just tent."), encoding="utf-8")
    os.utime(plain, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(plain)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    second = site.build()
    assert second.ok, second.problems
    assert "Just tent." in (second.output / "blog/plain/index.html").read_text(encoding="utf-8")


def test_a_build_leaves_the_settings_it_was_given_as_they_were(site_factory):
    """Pelican adds to the MARKDOWN dict it is given; the runner gives it a copy, so a
    second build with the same overrides has the same cache fingerprint (a warm build)."""
    site = site_factory()
    write_posts(site)
    overrides = {"SITE_SEARCH": {"enabled": False}, "MARKDOWN": project_settings()["MARKDOWN"]}
    given = copy.deepcopy(overrides)
    assert site.build(settings=overrides).ok
    assert overrides == given
    [cache_folder] = (site.root / "cache-dev").iterdir()
    assert site.build(settings=overrides).ok
    assert [path.name for path in (site.root / "cache-dev").iterdir()] == [cache_folder.name]


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"SLUGIFY_PRESERVE_CASE": True},
        {"SLUGIFY_USE_UNICODE": True},
        {"TAG_REGEX_SUBSTITUTIONS": [(r"\+", "-plus-"), (r"[^\w\s-]", ""), (r"[-\s]+", "-")]},
    ],
    ids=["default", "case", "unicode", "tag-substitutions"],
)
def test_a_terms_slug_is_worked_out_once_and_is_pelicans(settings):
    """Tags, categories and authors slugify each name once per process; the slug is
    the one Pelican's own function gives, under every slug setting."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.urlwrappers import Category, Tag
    from pelican.utils import slugify
    from plugin_support import pelican_internals

    pelican_internals.slugify_names_once()
    settings = {**DEFAULT_CONFIG, **settings}
    names = ["Pricing", "C++ & Go", "Café déjà vu", "Über <em>Preise</em>", "  two  spaces "]
    for name in names:
        for kind, key in (
            (Tag, "TAG_REGEX_SUBSTITUTIONS"),
            (Category, "CATEGORY_REGEX_SUBSTITUTIONS"),
        ):
            expected = slugify(
                name,
                regex_subs=settings.get(key, settings["SLUG_REGEX_SUBSTITUTIONS"]),
                preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
                use_unicode=settings["SLUGIFY_USE_UNICODE"],
            )
            assert kind(name, settings).slug == expected
    before = pelican_internals._name_slug.cache_info().hits
    assert Tag(names[1], settings).slug == Tag(names[1], settings).slug
    assert pelican_internals._name_slug.cache_info().hits == before + 2


def test_posts_of_the_same_date_are_listed_in_one_order_in_every_process(site_factory, monkeypatch):
    """Pelican reads a folder's files in the order of a set of strings, which changes
    from one process to the next (string hashes are salted per process), and sorts
    the posts by date: posts of the same date would be listed in a different order by
    every build, and a warm build would differ from a cold one."""
    site = site_factory()
    for name in ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot"):
        site.write(
            f"posts/{name}.md",
            f"Title: {name.title()}\nDate: 2026-03-02 09:00\nCategory: Notes\n"
            f"Tags: pricing\n\nAbout {name}.\n",
        )
    outputs = []
    for seed in ("1", "2", "3", "4"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        built = site.build(
            settings={"CACHE_PATH": str(site.root / f"cache-{seed}")},
            output=site.root / f"output-{seed}",
            fresh_process=True,
        )
        assert built.ok, built.problems
        outputs.append(built.output)
    for output in outputs[1:]:
        assert differences(outputs[0], output) == []


def test_problems_are_reported_in_one_order_in_every_process(site_factory, monkeypatch):
    """Every build of the same mistakes reports them in the same order, the files' in
    their folders (Pelican's own order changes from one process to the next)."""
    site = site_factory()
    names = ("alpha", "bravo", "charlie", "delta", "echo")
    for name in names:
        site.write(
            f"posts/{name}.md", f"Title: {name.title()}\nDate: 2026-03-02\nSumary: x\n\nText.\n"
        )
    for seed in ("1", "2", "3"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        built = site.build(
            settings={"CACHE_PATH": str(site.root / f"cache-{seed}")},
            output=site.root / f"output-{seed}",
            fresh_process=True,
        )
        assert [line.split(":")[0] for line in built.problems] == [
            f"content/posts/{name}.md" for name in names
        ]
