"""Pelican's scan of a post's HTML for {filename} links is skipped where there can be
none (plugin_support.pelican_internals.scan_for_site_links_only_where_there_can_be_one):
on real Pelican articles, the content and the attached files are what Pelican's own
scan gives, with its link syntax and with a site's own."""

import datetime

import pytest
from markupsafe import Markup
from pelican import contents
from pelican.settings import DEFAULT_CONFIG
from plugin_support import pelican_internals
from plugin_support.pelican_internals import scan_for_site_links_only_where_there_can_be_one

HTML = (
    "<p>No link at all, just words &amp; an entity.</p>",
    '<p><a href="{filename}/posts/other.md">other</a> and <img src="{static}/images/a.png"></p>',
    '<p><a href="|filename|/posts/other.md">old style</a> <a href="{attach}files/b.pdf">b</a></p>',
    "<p>Braces in text { like this } and a pipe | here, but no link.</p>",
    '<pre><code>{"json": true} | grep x</code></pre><a href="/plain/">plain</a>',
    "",
)


def article(html, context, **settings):
    other = contents.Article(
        "<p>Other.</p>",
        {"title": "Other", "date": datetime.datetime(2026, 1, 1)},
        settings={**DEFAULT_CONFIG, **settings},
        source_path="content/posts/other.md",
        context=context,
    )
    context["generated_content"]["posts/other.md"] = other
    return contents.Article(
        html,
        {"title": "A post", "date": datetime.datetime(2026, 1, 2)},
        settings={**DEFAULT_CONFIG, "PATH": "content", **settings},
        source_path="content/posts/a-post.md",
        context=context,
    )


def scanned(html, use_shortcut, **settings):
    context = {"generated_content": {}, "static_content": {}, "localsiteurl": ""}
    item = article(html, context, **settings)
    original_update = pelican_internals._pelican_update_content
    original_links = pelican_internals._pelican_static_links
    if not use_shortcut:
        contents.Content._update_content = original_update
        contents.Content.get_static_links = original_links
    try:
        updated = item._update_content(html, "")
        updated_markup = item._update_content(Markup(html), "")  # noqa: S704 (constant test HTML)
        return updated, type(updated), type(updated_markup), item.get_static_links()
    finally:
        scan_for_site_links_only_where_there_can_be_one()


@pytest.mark.parametrize("html", HTML)
@pytest.mark.parametrize(
    "settings",
    [{}, {"INTRASITE_LINK_REGEX": r"\[\[(?P<what>.*?)\]\]"}],
    ids=["pelican's syntax", "a site's own syntax"],
)
def test_the_scan_gives_what_pelicans_gives(html, settings):
    scan_for_site_links_only_where_there_can_be_one()

    assert scanned(html, True, **settings) == scanned(html, False, **settings)


def test_html_without_link_marks_is_not_scanned(monkeypatch):
    scan_for_site_links_only_where_there_can_be_one()
    calls = []
    original = pelican_internals._pelican_update_content

    def counting(self, content, siteurl):
        calls.append(content)
        return original(self, content, siteurl)

    monkeypatch.setattr(pelican_internals, "_pelican_update_content", counting)
    for html in HTML:
        scanned(html, True)

    # Each HTML is updated twice (as str and as Markup): only those with "{" or "|" reach
    # Pelican's scan (and the empty one, which Pelican gives back at once).
    may_hold_links = [html for html in HTML if "{" in html or "|" in html]
    assert len(calls) == 2 * (len(may_hold_links) + 1)
    assert {str(html) for html in calls} == {*may_hold_links, ""}
