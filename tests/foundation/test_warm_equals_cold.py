"""A warm build equals a cold one, byte for byte, whatever changed in between.

The content cache is keyed on the settings, the plugin and reader code and the
library versions (strict_build.content_cache); an unreadable cache is only a
slower build; a file with a problem is never cached.
"""

import shutil

import jinja2
from fixture_sites import PROJECT_CODE, PROJECT_ROOT, copy_project, differences, invoke

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
