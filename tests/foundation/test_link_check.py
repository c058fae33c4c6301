"""Every build checks every internal link of the site it wrote: a broken one is one line
naming the content file that holds it (or the page, for a link the theme wrote)."""

from datetime import UTC, datetime
from pathlib import Path

import strict_build.link_check
from fixture_sites import LOCAL_PRODUCTION, PROJECT_CODE, PROJECT_ROOT, copy_project, invoke

from tooling.publishing.output_checks import check_output
from tooling.runner import load_settings

PAGE_FIX = "(fix the link; a draft, or a post dated after the build, has no page yet)"
THEME_FIX = (
    "(no content file holds it: fix the theme, the plugin or the setting, e.g. MENUITEMS, "
    "that writes it"
)


def post(title, body="Text.", extra=""):
    return f"Title: {title}\nDate: 2026-01-10\n{extra}\n{body}\n"


def test_a_plain_link_to_no_page_is_one_line_naming_the_post(site_factory):
    site = site_factory()
    for number in range(12):  # listing pages repeat the summary: still one line
        site.write(f"posts/p{number}.md", post(f"Post {number}"))
    site.write("posts/prices.md", post("Prices", "See [our prices](/prices-2025/)."))
    result = site.build()
    assert result.problems == [
        f"content/posts/prices.md: link: /prices-2025/ points to no page {PAGE_FIX}"
    ]
    assert not result.output.exists()


def test_an_image_without_static_is_one_line_naming_the_post(site_factory):
    site = site_factory()
    site.write("images/x.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.write("posts/chart.md", post("Chart", "![A chart](images/x.svg)"))
    result = site.build("prod", settings=LOCAL_PRODUCTION)
    assert result.problems == [
        "content/posts/chart.md: link: images/x.svg points to /blog/chart/images/x.svg, which is "
        "no file (for a file in the content folder write {static}/images/x.svg)"
    ]


def test_a_link_the_theme_writes_is_one_line_naming_a_page(site_factory):
    site = site_factory()
    site.write("posts/a.md", post("A"))
    site.write("posts/b.md", post("B"))
    result = site.build(settings={"MENUITEMS": (("Blog", "/"), ("Rates", "/rates/"))})
    (line,) = result.problems
    # Named by an item's own page (the first by name) before any listing page.
    assert line.startswith(
        f"about/index.html: link: /rates/ points to no page {THEME_FIX}; also on "
    )


def test_a_url_that_does_not_match_save_as_names_the_post(site_factory):
    site = site_factory()
    site.write("posts/moved.md", post("Moved", extra="Save_as: elsewhere/moved.html"))
    assert site.build().problems == [
        "content/posts/moved.md: URL: /blog/moved/ points to no page, yet the site links it "
        "(Save_as writes elsewhere/moved.html: give URL: that file's address, or drop Save_as)"
    ]


def test_a_relative_link_that_breaks_in_listings_names_the_post(site_factory):
    site = site_factory()
    site.write("posts/other.md", post("Other"))
    site.write("posts/see.md", post("See", "Read [the other one](../other/) too."))
    (line,) = site.build().problems
    # On its own page (/blog/see/) it works; in the summary on a listing it does not.
    assert line.startswith("content/posts/see.md: link: ../other/ on ")
    assert "points to /" in line and ", which is no page (fix the link" in line


HIDDEN_THANK_YOU = """Title: Thanks for booking
Date: 2026-01-10
Status: hidden
Category: Bookings
Tags: thank-you, calendar
Author: Booking Desk

See you soon.
"""


def test_a_hidden_post_with_its_own_category_tags_and_author_builds_and_publishes(site_factory):
    site = site_factory()
    site.write("posts/public.md", post("Public", extra="Category: Pricing\nTags: calendar"))
    site.write("posts/thanks.md", HIDDEN_THANK_YOU)
    result = site.build("prod", settings=LOCAL_PRODUCTION)
    assert result.problems == []

    meta = result.soup("blog/thanks-for-booking/index.html")
    links = {a["href"] for a in meta.select(".post-meta a")}
    # "calendar" has a page (a public post uses it); the hidden post's own terms have none.
    assert links == {"/tag/calendar/"}
    assert "Bookings" in " ".join(line.get_text() for line in meta.select(".post-meta"))
    assert "thank-you" in " ".join(line.get_text() for line in meta.select(".post-meta"))
    assert result.soup("blog/public/index.html").select_one(
        '.post-meta a[href="/category/pricing/"]'
    )

    settings = load_settings(
        PROJECT_ROOT / "publishconf.py",
        {**LOCAL_PRODUCTION, "PATH": str(site.content), "OUTPUT_PATH": str(result.output)},
    )
    assert check_output(result.output, {**settings, "BUILD_TIME": datetime.now(UTC)}) == []


def test_a_draft_with_its_own_tag_links_no_tag_page_in_the_preview(site_factory):
    site = site_factory()
    site.write("posts/live.md", post("Live"))
    site.write("posts/idea.md", post("Idea", extra="Status: draft\nTags: someday"))
    result = site.build()
    assert result.problems == []
    assert result.soup("drafts/idea/index.html").select('a[href="/tag/someday/"]') == []


def test_search_off_leaves_no_link_to_the_search_index(site_factory):
    site = site_factory()
    site.write("posts/live.md", post("Live"))
    result = site.build("prod", settings={**LOCAL_PRODUCTION, "SITE_SEARCH": {"enabled": False}})
    assert result.problems == []
    assert not result.path("search").exists()
    for name in result.files():
        if name.endswith(".html"):
            assert "/pagefind/" not in result.text(name), name
    assert result.soup("index.html").select("form.search-form") == []


def test_search_on_links_the_index_its_own_step_writes(site_factory):
    site = site_factory()
    site.write("posts/live.md", post("Live"))
    result = site.build("prod", settings=LOCAL_PRODUCTION)
    assert result.problems == []
    assert result.soup("search/index.html").select_one('script[src="/pagefind/pagefind-ui.js"]')
    assert result.path("pagefind/pagefind-ui.js").is_file()


def _html_pages(result):
    return {
        name: result.path(name).read_bytes() for name in result.files() if name.endswith(".html")
    }


def test_only_the_pages_written_anew_are_read_and_parsed_again(site_factory, monkeypatch):
    """A page carried over from the last build is the same file in a site with the same
    files: its verdict stands without reading it. A page written anew with the bytes it
    had is read, but not parsed again."""
    parsed, read = [], []
    real_links_in_html, real_read_bytes = strict_build.link_check.links_in_html, Path.read_bytes

    def counting_links_in_html(html):
        parsed.append(html)
        return real_links_in_html(html)

    def counting_read_bytes(path):
        if path.suffix == ".html" and ".staging-" in str(path):  # a written page, not a template
            read.append(path)
        return real_read_bytes(path)

    monkeypatch.setattr(strict_build.link_check, "links_in_html", counting_links_in_html)
    monkeypatch.setattr(Path, "read_bytes", counting_read_bytes)
    site = site_factory()
    for number in range(4):
        site.write(f"posts/p{number}.md", post(f"Post {number}", extra="Tags: notes"))
    cold = site.build()
    assert cold.ok, cold.problems
    cold_pages = _html_pages(cold)
    assert len(parsed) == len(set(cold_pages.values()))

    parsed.clear()
    read.clear()
    site.write("posts/p1.md", post("Post 1", "Edited text.", extra="Tags: notes"))
    warm = site.build()
    assert warm.ok, warm.problems
    changed = {name for name, page in _html_pages(warm).items() if cold_pages.get(name) != page}
    assert 0 < len(parsed) == len(changed) < len(cold_pages)
    assert len(read) == len(changed)


def test_the_search_index_being_written_beside_the_check_keeps_every_verdict(
    site_factory, tmp_path, monkeypatch
):
    """Pagefind writes its folders while the link check lists the site. Those folders
    are left out of the list, so how far Pagefind got cannot change the site's key:
    a second check over the same pages decides none of them again."""
    from strict_build.build_checks import SEARCH_INDEX_FOLDERS
    from strict_build.link_check import PageVerdicts, broken_links, links_memo

    site = site_factory()
    for number in range(3):
        site.write(f"posts/p{number}.md", post(f"Post {number}"))
    built = site.build("dev", settings={"SITE_SEARCH": {"enabled": True, "index": False}})
    assert built.ok, built.problems
    decided = []
    real_page_verdict = strict_build.link_check._page_verdict

    def counting_page_verdict(site_files, page, links):
        decided.append(page)
        return real_page_verdict(site_files, page, links)

    monkeypatch.setattr(strict_build.link_check, "_page_verdict", counting_page_verdict)
    settings = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path / "link-cache")}

    def check():
        cache, verdicts = links_memo(settings), PageVerdicts(settings)
        broken = broken_links(built.output, "", cache, (SEARCH_INDEX_FOLDERS,), verdicts)
        cache.save()
        verdicts.save()
        return broken

    assert check() == []
    assert len(decided) == len([name for name in built.files() if name.endswith(".html")])
    decided.clear()
    # Part of the index written, as the next build's check may find it mid-run.
    (built.output / "pagefind").mkdir()
    (built.output / "pagefind" / "pagefind.js").write_text("", encoding="utf-8")
    (built.output / "pagefind-2" / "fragment").mkdir(parents=True)
    assert check() == []
    assert decided == []


def test_a_page_named_like_the_search_index_is_still_checked(site_factory):
    """Only the index's own folders (pagefind, pagefind-2, ...) are left out of the
    check, not every folder whose name starts the same way."""
    site = site_factory()
    site.write("posts/live.md", post("Live"))
    site.write("pages/pagefind-notes.md", "Title: Pagefind notes\n\n[gone](/gone/)\n")
    site.write("pages/pagefind-2x.md", "Title: Pagefind 2x\n\n[also gone](/also-gone/)\n")
    result = site.build("prod", settings=LOCAL_PRODUCTION)
    assert sorted(result.problems) == [
        f"content/pages/pagefind-2x.md: link: /also-gone/ points to no page {PAGE_FIX}",
        f"content/pages/pagefind-notes.md: link: /gone/ points to no page {PAGE_FIX}",
    ]


def test_a_cached_page_still_fails_when_its_target_goes(site_factory):
    site = site_factory()
    site.write("posts/live.md", post("Live"))
    assert site.build().ok
    (site.content / "pages" / "book.md").unlink()  # the menu still links /book/
    (line,) = site.build().problems
    assert ": link: /book/ points to no page" in line


def test_an_unreadable_link_cache_is_treated_as_empty(site_factory):
    site = site_factory()
    site.write("posts/bad.md", post("Bad", "[gone](/gone/)"))
    first = site.build()
    # The cache folder is named after the build's fingerprint (strict_build.content_cache).
    [cache_file] = (site.root / "cache-dev").glob("*/link_check.pickle")
    assert cache_file.stat().st_size > 100
    cache_file.write_bytes(cache_file.read_bytes()[:40])  # a build killed while writing
    second = site.build()
    assert (
        second.problems
        == first.problems
        == [f"content/posts/bad.md: link: /gone/ points to no page {PAGE_FIX}"]
    )
    assert cache_file.stat().st_size > 100  # written whole again
    # Written through a temporary file that is renamed into place: none is left behind.
    assert [path.name for path in cache_file.parent.iterdir() if path.name.startswith(".")] == []


def test_invoke_build_and_check_fail_on_a_broken_link(tmp_path):
    project = copy_project(tmp_path, (*PROJECT_CODE, "content"))
    post_file = project / "content/posts/what-an-audit-costs.md"
    post_file.write_text(
        post_file.read_text() + "\nSee [our prices](/prices-2025/) and ![chart](images/x.svg).\n"
    )
    expected = [
        f"content/posts/what-an-audit-costs.md: link: /prices-2025/ points to no page {PAGE_FIX}",
        "content/posts/what-an-audit-costs.md: link: images/x.svg points to "
        "/blog/what-an-audit-costs/images/x.svg, which is no file "
        "(for a file in the content folder write {static}/images/x.svg)",
    ]
    for task in ("build", "check"):
        result = invoke(project, task, "--quiet")  # no summary line: stderr is the problems
        assert result.returncode != 0, task
        assert "Traceback" not in result.stdout + result.stderr
        lines = result.stderr.strip().splitlines()
        assert lines[:-1] == expected, task


def test_links_are_read_as_written_from_any_html_the_build_writes():
    page = (
        b'<?xml version="1.0" encoding="utf-8"?><html><head>'
        b'<link rel="stylesheet" href="/theme/css/site.css"></head><body>'
        b'<a href="#top">top</a><a href="MAILTO:dana@example.org">mail</a>'
        b'<a href="/caf\xc3\xa9/?q=1#x">caf\xc3\xa9</a><img src="a.png" alt="" '
        b'srcset="/a.png 1x, /b.png 2x"><form action="/search/"></form>'
        b"<pre><code>&lt;a href=&quot;/in-code/&quot;&gt;</code></pre>"
        b'<a href="/theme/css/site.css">again</a></body></html>'
    )
    assert strict_build.link_check.links_in_html(page) == [
        "/theme/css/site.css",
        "/café/?q=1#x",
        "a.png",
        "/search/",
        "/a.png",
        "/b.png",
    ]


def test_a_link_on_many_pages_is_held_once():
    """The menu's links are on every page: the memo of a big site's links holds each
    once, not once per page (1,000 posts: 106,000 links, 5,000 different ones)."""
    links_in_html = strict_build.link_check.links_in_html
    first = links_in_html(b'<a href="/blog/a-long-post-name/">a</a><a href="/tags/">t</a>')
    second = links_in_html('<p><a href="/tags/">t</a><a href="/blog/a-long-post-name/">a</a></p>')
    assert first == ["/blog/a-long-post-name/", "/tags/"]
    assert second[1] is first[0] and second[0] is first[1]
