"""Speed never buys staleness: with reading and rendering spread over forked workers,
a warm build after any edit equals a cold build of the same tree, byte for byte, and
a build on every core equals a build in one process.

The site is the bench corpus (the example site plus generated posts), big enough that
both parallel paths run (asserted, so the test cannot quietly go serial).
"""

import re
import shutil

import pytest
from fixture_sites import PROJECT_ROOT, FixtureSite, differences, project_settings
from plugin_support import forked_workers, page_reuse

from tooling.benchmark import edit_post, write_corpus

GENERATED_POSTS = 40
# pelicanconf.py, plus what a case changes; images off as in every fixture site, and no
# Pagefind (as the live preview builds): its index is not what these tests are about.
BASE_SETTINGS = {"SITE_SEARCH": {"enabled": True, "index": False}}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus and a theme copy (a case may edit it); every case builds its own copy."""
    root = tmp_path_factory.mktemp("corpus")
    edited_post = write_corpus(root, GENERATED_POSTS)
    shutil.copytree(PROJECT_ROOT / "theme", root / "theme")
    return root, edited_post


def settings_for(root, **changes):
    return {**BASE_SETTINGS, "THEME": str(root / "theme"), **changes}


def edit_a_post(root, edited_post):
    edit_post(edited_post, "edited-between-builds")
    return {}


def retitle_a_post(root, edited_post):
    # Shown on its neighbours' pages and in listings: they must be rendered again too.
    text = edited_post.read_text(encoding="utf-8")
    edited_post.write_text(re.sub(r"^Title: .*$", "Title: A new title", text, count=1, flags=re.M))
    return {}


def change_a_price(root, edited_post):
    service = root / "content/services/generated-service-03.md"
    text = service.read_text(encoding="utf-8")
    service.write_text(re.sub(r"^Price: (\d+)", r"Price: \g<1>5", text, flags=re.M), "utf-8")
    return {}


def edit_a_template(root, edited_post):
    template = root / "theme/templates/partials/post_meta.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("min read", "minutes to read"), encoding="utf-8")
    return {}


def change_a_plugin_setting(root, edited_post):
    share_follow_signup = dict(project_settings()["SHARE_FOLLOW_SIGNUP"])
    return {"SHARE_FOLLOW_SIGNUP": {**share_follow_signup, "share_networks": ["email", "linkedin"]}}


def change_a_markdown_setting(root, edited_post):
    markdown = dict(project_settings()["MARKDOWN"])
    configs = dict(markdown.get("extension_configs", {}))
    configs["markdown.extensions.toc"] = {
        **configs.get("markdown.extensions.toc", {}),
        "permalink": "#",
    }
    return {"MARKDOWN": {**markdown, "extension_configs": configs}}


EDITS_THAT_KEEP_THE_CACHE = (edit_a_post, retitle_a_post, change_a_price, edit_a_template)
# Edits after which some pages are rendered and the rest carried over from the last build
# (plugin_support.page_reuse); after the others, every page is rendered again (prices
# are in every page's shared context, the service menu among them).
EDITS_THAT_RENDER_SOME_PAGES = (edit_a_post, retitle_a_post)


@pytest.mark.parametrize(
    "edit",
    [
        edit_a_post,
        retitle_a_post,
        change_a_price,
        edit_a_template,
        change_a_plugin_setting,
        change_a_markdown_setting,
    ],
)
def test_a_warm_build_after_an_edit_equals_a_cold_build(corpus, tmp_path, monkeypatch, edit):
    monkeypatch.setenv(forked_workers.WORKERS_VARIABLE, "2")  # parallel even on one core
    # Every attribute digested early, while pages were queued, is digested again when
    # deciding; one that differs is an error line (a plugin changed an item meanwhile).
    monkeypatch.setenv(page_reuse.CHECK_EARLY_VARIABLE, "1")
    source_root, edited_post = corpus
    root = tmp_path / "site"
    shutil.copytree(source_root, root, symlinks=True)
    edited_post = root / edited_post.relative_to(source_root)
    site = FixtureSite(root, theme_options="project")

    # The first build fills the cache; the cache is keyed on paths, so it is built here.
    first = site.build(settings=settings_for(root), output=root / "output", fresh_process=True)
    assert first.ok, first.problems
    settings = settings_for(root, **edit(root, edited_post))
    warm = site.build(settings=settings, output=root / "output", fresh_process=True)
    cold = site.build(
        settings={**settings, "CACHE_PATH": str(tmp_path / "empty-cache")},
        output=tmp_path / "cold-output",
        fresh_process=True,
    )

    assert warm.ok and cold.ok, warm.problems + cold.problems
    render = warm.parallel["render"]
    if edit in EDITS_THAT_RENDER_SOME_PAGES:
        assert 0 < render["rendered"] < render["pages"] // 4, render
        assert render["carried_over"] == render["pages"] - render["rendered"]
    else:
        assert render["rendered"] == render["pages"] and render["processes"] == 2, render
    if edit in EDITS_THAT_KEEP_THE_CACHE:  # the warm build read from the cache, not afresh
        assert warm.parallel["read"] == {"files": 0, "processes": 0}
        # The previous build's pages read thousands of attributes, digested early.
        assert render["early_digests"] > 1000, render
    assert cold.parallel["read"]["processes"] == 2 and cold.parallel["render"]["processes"] == 2
    assert differences(warm.output, cold.output) == []

    # Built again with nothing changed: every page is carried over, whichever process
    # decided it or rendered it last time (their records all reached the cache).
    again = site.build(settings=settings, output=root / "output", fresh_process=True)
    assert again.ok, again.problems
    assert again.parallel["render"]["rendered"] == 0, again.parallel["render"]
    assert differences(again.output, cold.output) == []


def build_on(workers, site, source_root, tmp_path, monkeypatch):
    """A cold build of the corpus in a fresh process with `workers` workers."""
    monkeypatch.setenv(forked_workers.WORKERS_VARIABLE, str(workers))
    return site.build(
        settings={**settings_for(source_root), "CACHE_PATH": str(tmp_path / f"cache-{workers}")},
        output=tmp_path / f"output-{workers}",
        fresh_process=True,
    )


def test_every_core_builds_the_bytes_one_process_builds(corpus, tmp_path, monkeypatch):
    source_root, _ = corpus
    site = FixtureSite(source_root, theme_options="project")
    on_two = build_on(2, site, source_root, tmp_path, monkeypatch)
    assert on_two.parallel["read"]["processes"] == 2
    assert on_two.parallel["render"]["processes"] == 2
    on_one = build_on(1, site, source_root, tmp_path, monkeypatch)
    assert on_one.parallel["render"]["processes"] == 1
    assert on_one.parallel["read"]["processes"] == 0  # nothing read ahead: one worker
    assert on_two.ok and on_one.ok, on_two.problems + on_one.problems
    assert differences(on_two.output, on_one.output) == []


def test_fragments_rendered_once_a_build_equal_fragments_rendered_on_every_page(
    corpus, tmp_path, monkeypatch
):
    """The theme renders a post's summary card, each sidebar block and the header once a
    build (`remembered`) and hands the HTML out again: the same site as a theme that
    renders them on every page, down to the sidebar's mark on the page's own post and
    the menu's on the current page."""
    monkeypatch.setenv(forked_workers.WORKERS_VARIABLE, "2")
    source_root, _ = corpus
    remembering = FixtureSite(source_root, theme_options="project").build(
        settings={**settings_for(source_root), "CACHE_PATH": str(tmp_path / "cache-memo")},
        output=tmp_path / "output-memo",
        fresh_process=True,
    )
    root = tmp_path / "site"
    shutil.copytree(source_root, root, symlinks=True)
    remembered_call = re.compile(r"\{% call remembered\([^%]*\) %\}(.*?)\{% endcall %\}", re.S)
    unwrapped = 0
    for template in ("partials/sidebar.html", "partials/post_list.html", "partials/header.html"):
        path = root / "theme/templates" / template
        text, count = remembered_call.subn(r"\1", path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        unwrapped += count
    every_page = FixtureSite(root, theme_options="project").build(
        settings={**settings_for(root), "CACHE_PATH": str(tmp_path / "cache-plain")},
        output=tmp_path / "output-plain",
        fresh_process=True,
    )

    assert unwrapped == 3
    assert remembering.ok and every_page.ok, remembering.problems + every_page.problems
    assert differences(remembering.output, every_page.output) == []
    # The corpus has pages whose own post the sidebar lists: the case a key must tell apart.
    sidebars = [
        path.read_text(encoding="utf-8").partition('<aside class="sidebar"')[2]
        for path in (remembering.output / "blog").rglob("index.html")
    ]
    assert sum('aria-current="page"' in sidebar for sidebar in sidebars) >= 2
