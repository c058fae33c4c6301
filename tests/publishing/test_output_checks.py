"""The checks a built site must pass before it is published: input pages -> problems."""

import logging
from datetime import UTC, datetime
from pathlib import Path

from tooling.publishing.output_checks import (
    broken_internal_links,
    check_output,
    read_content,
    symlinks_in,
)
from tooling.runner import load_settings

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SITEURL = "https://danareyes.example"


def write_site(root, files):
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def page_linking(*links):
    anchors = "".join(f'<a href="{link}">x</a>' for link in links)
    return f"<!DOCTYPE html><html><body>{anchors}</body></html>"


def test_links_that_resolve_are_fine(tmp_path):
    site = write_site(
        tmp_path,
        {
            "index.html": page_linking(
                "/blog/post/",  # directory URL -> index.html
                "/blog/post",  # directory without the slash
                "blog/post/#comments",  # relative, with a fragment
                "/blog/post/?utm_source=feed",  # query ignored
                f"{SITEURL}/blog/post/",  # absolute under SITEURL
                "/theme/css/site.css",
                "/images/chart%20one.svg",  # percent-encoded
                "#top",
                "mailto:dana@example.org",
                "tel:+15555550100",
                "https://elsewhere.example/missing/",  # other hosts are not ours to check
                "//cdn.elsewhere.example/x.js",
            ),
            "blog/post/index.html": page_linking("../../", "../../theme/css/site.css"),
            "theme/css/site.css": "body{}",
            "images/chart one.svg": "<svg/>",
        },
    )

    assert broken_internal_links(site, SITEURL) == []


def test_each_missing_target_is_one_line_naming_a_page_and_the_link(tmp_path):
    site = write_site(
        tmp_path,
        {
            "index.html": page_linking("/blog/gone/", f"{SITEURL}/prices.html", "/%2e%2e/x.png")
            + '<img src="/images/missing.png" alt="x"><img srcset="/a.png 1x, /b.png 2x" alt="">',
            "tag/x/index.html": page_linking("/blog/gone/"),
            "a.png": "png",
        },
    )

    theme = "(no content file holds it: fix the theme, the plugin or the setting, e.g. MENUITEMS, that writes it"
    assert broken_internal_links(site, SITEURL) == [
        f"index.html: link: /blog/gone/ points to no page {theme}; also on 1 other page)",
        f"index.html: link: {SITEURL}/prices.html points to no page {theme})",
        f"index.html: link: /%2e%2e/x.png points to no file {theme})",
        f"index.html: link: /images/missing.png points to no file {theme})",
        f"index.html: link: /b.png points to no file {theme})",
    ]


def test_a_link_is_named_by_the_source_file_that_holds_it(tmp_path):
    # Listing pages sort first and repeat the post's summary; the post names the link.
    post = write_site(tmp_path / "content", {"posts/x.md": "Title: X\n\nSee [x](/prices/).\n"})
    site = write_site(
        tmp_path / "out",
        {
            "author/dana-reyes/page/2/index.html": page_linking("/prices/"),
            "archives/index.html": page_linking("/prices/"),
            "blog/x/index.html": page_linking("/prices/"),
        },
    )
    sources = {"blog/x/index.html": ("content/posts/x.md", post / "posts/x.md")}

    # One line, however many listing pages repeat the post's summary.
    assert broken_internal_links(site, SITEURL, sources=sources) == [
        "content/posts/x.md: link: /prices/ points to no page "
        "(fix the link; a draft, or a post dated after the build, has no page yet)"
    ]


def test_a_link_no_source_holds_names_an_items_page_before_listings(tmp_path):
    # The theme's link: no source file has it, so name a page, items before listings
    # and pagination last.
    content = write_site(tmp_path / "content", {"posts/x.md": "Title: X\n\nNo links.\n"})
    pages = {
        "archives/index.html",
        "author/dana-reyes/page/2/index.html",
        "blog/x/index.html",
        "category/notes/index.html",
    }
    site = write_site(tmp_path / "out", {page: page_linking("/rates/") for page in pages})
    sources = {"blog/x/index.html": ("content/posts/x.md", content / "posts/x.md")}

    (with_sources,) = broken_internal_links(site, SITEURL, sources=sources)
    (without_sources,) = broken_internal_links(site, SITEURL)

    assert with_sources.startswith("blog/x/index.html: link: /rates/ points to no page")
    assert without_sources.startswith("archives/index.html: link: /rates/")
    (site / "archives/index.html").unlink()
    (site / "category/notes/index.html").unlink()
    (site / "blog/x/index.html").unlink()
    (site / "tag/x/index.html").parent.mkdir(parents=True)
    (site / "tag/x/index.html").write_text(page_linking("/rates/"))
    (paginated_last,) = broken_internal_links(site, SITEURL)
    assert paginated_last.startswith("tag/x/index.html: link: /rates/")


def test_a_site_under_a_path_resolves_links_below_that_path(tmp_path):
    siteurl = "https://dana.github.io/blog"
    site = write_site(
        tmp_path,
        {
            "index.html": page_linking("/blog/about/", f"{siteurl}/about/", "/other-repo/"),
            "about/index.html": page_linking("../"),
        },
    )

    assert broken_internal_links(site, siteurl) == [
        "index.html: link: /other-repo/ points to no page (no content file holds it: fix the "
        "theme, the plugin or the setting, e.g. MENUITEMS, that writes it)"
    ]


def test_symlinks_are_reported_wherever_they_are(tmp_path):
    site = write_site(tmp_path / "site", {"index.html": "<p>hi</p>"})
    (site / "nested").mkdir()
    (site / "nested" / "passwd").symlink_to("/etc/passwd")
    (site / "linked-folder").symlink_to(tmp_path)

    assert symlinks_in(site) == [
        f"linked-folder: is a symlink to {tmp_path} "
        "(only regular files may be published; copy the file instead)",
        "nested/passwd: is a symlink to /etc/passwd "
        "(only regular files may be published; copy the file instead)",
    ]


# The build's clock, as the build stores it (plugin_support.build_clock).
MARCH_1 = {"BUILD_TIME": datetime(2026, 3, 1, tzinfo=UTC)}


def test_unpublished_items_are_read_with_pelicans_own_rules(site_factory):
    site = site_factory()
    site.write("posts/live.md", "Title: Live\nDate: 2026-01-01\n\nx\n")
    site.write("posts/idea.md", "Title: Idea\nDate: 2026-01-01\nStatus: draft\n\nx\n")
    site.write("posts/gone.md", "Title: Gone\nDate: 2026-01-01\nStatus: skip\n\nx\n")
    site.write("posts/soon.md", "Title: Soon\nDate: 2026-06-01\n\nx\n")
    site.write("pages/plan.md", "Title: Plan\nStatus: draft\n\nx\n")
    settings = load_settings(
        PROJECT_ROOT / "publishconf.py", {"PATH": str(site.content), **MARCH_1}
    )

    items, _sources = read_content(settings)

    assert {(item.source_path, item.reason.split(" ")[0]) for item in items} == {
        ("content/posts/idea.md", "Status:"),
        ("content/posts/gone.md", "Status:"),
        ("content/posts/soon.md", "Date:"),
        ("content/pages/plan.md", "Status:"),
    }
    soon = next(item for item in items if item.source_path.endswith("soon.md"))
    assert "blog/soon/" in soon.urls
    assert "blog/soon/index.html" in soon.urls


def test_an_unpublished_items_page_or_link_in_the_output_is_reported(site_factory, tmp_path):
    site = site_factory()
    site.write("posts/idea.md", "Title: Idea\nDate: 2026-01-01\nStatus: draft\n\nx\n")
    settings = load_settings(
        PROJECT_ROOT / "publishconf.py", {"PATH": str(site.content), **MARCH_1}
    )
    output = write_site(
        tmp_path / "out",
        {
            "blog/idea/index.html": "<p>idea</p>",
            "sitemap.xml": f"<urlset><url><loc>{SITEURL}/blog/idea/</loc></url></urlset>",
            "drafts/idea/index.html": "<p>idea</p>",
        },
    )

    assert check_output(output, {**settings, "SITEURL": SITEURL}) == [
        "drafts/: a drafts folder is in the output (production builds have none)",
        "content/posts/idea.md: is unpublished (Status: draft) but blog/idea/index.html is in "
        "the output (a theme or plugin wrote it)",
        "content/posts/idea.md: is unpublished (Status: draft) but sitemap.xml links to "
        "/blog/idea/ (remove the link until it is published)",
    ]


def test_reading_content_again_logs_nothing(site_factory, caplog):
    # The build already reported (or, for a future post, rightly ignored) these;
    # the check's second read must not print Pelican's raw warnings.
    site = site_factory()
    site.write("posts/soon.md", "Title: Soon\nDate: 2026-06-01\n\n![](x.png)\n")
    settings = load_settings(
        PROJECT_ROOT / "publishconf.py", {"PATH": str(site.content), **MARCH_1}
    )

    with caplog.at_level(logging.DEBUG):
        items, _sources = read_content(settings)

    assert [item.source_path for item in items] == ["content/posts/soon.md"]
    assert [record.getMessage() for record in caplog.records] == []


def test_the_example_site_passes_every_publish_check(example_site):
    built, site = example_site
    assert built.ok, built.problems
    settings = load_settings(
        PROJECT_ROOT / "publishconf.py", {"PATH": str(site.content), "OUTPUT_PATH": built.output}
    )

    assert check_output(built.output, {**settings, "BUILD_TIME": datetime.now(UTC)}) == []
