"""A price change reaches a post that comes out of Pelican's content cache."""

from plugin_support.pelican_internals import read_cache_file
from pricing_helpers import add_service, text_of


def cached_reader_output(cache_folder):
    """What Pelican's reader cache holds for the posts: {source path: (html, metadata)}.

    The cache sits in a folder named after the build's fingerprint (strict_build).
    """
    [cache_file] = cache_folder.glob("*/ArticlesGenerator-Readers")
    return {path: data for path, (_stamp, data) in read_cache_file(cache_file).items()}


POST = """
    Title: What the audit costs
    Date: 2026-01-10
    Category: Notes

    The [audit]({service}audit) costs {price}audit.
"""


def test_price_change_reaches_a_cached_post(site_factory):
    site = site_factory()
    add_service(site, "audit", Price="1500")
    site.write("posts/audit-cost.md", POST)
    settings = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}

    first = site.build(settings=settings)
    assert first.problems == []
    body = first.soup("blog/what-the-audit-costs/index.html").select_one(".post-body")
    assert "costs $1,500." in text_of(body)
    # The cache keeps the reference itself, not the price of the first build.
    [(cached_html, _metadata)] = cached_reader_output(site.root / "cache-dev").values()
    assert "{price}audit" in cached_html

    # Only the service changes; the post's file (and so its cache entry) does not.
    add_service(site, "audit", Price="1800")
    second = site.build(settings=settings)
    assert second.problems == []
    body = second.soup("blog/what-the-audit-costs/index.html").select_one(".post-body")
    assert "costs $1,800." in text_of(body)
    assert body.a["href"] == "/services/audit/"


def test_a_cached_post_citing_a_removed_service_fails(site_factory):
    site = site_factory()
    add_service(site, "audit", Price="1500")
    site.write("posts/audit-cost.md", POST)
    assert site.build().problems == []

    (site.content / "services/audit.md").unlink()
    result = site.build()
    assert result.problems == [
        'content/posts/audit-cost.md: {service}audit: no published service has the slug "audit" '
        "(use the slug of a page in content/services/; known: none yet)",
        'content/posts/audit-cost.md: {price}audit: no published service has the slug "audit" '
        "(use the slug of a page in content/services/; known: none yet)",
    ]
