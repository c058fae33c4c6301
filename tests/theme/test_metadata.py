"""Search and social metadata: canonical URLs, Open Graph, Twitter cards, JSON-LD built by
the plugin and printed escaped, feed autodiscovery, robots.txt and full, absolute feeds."""

import json

import pytest
from lxml import etree
from theme_site import business_site, write_article_examples

SITE = "https://danareyes.example"
LONG = "blog/why-prices-are-public/index.html"
SHORT = "blog/short-note/index.html"


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    site = business_site(tmp_path_factory.mktemp("metadata"), posts=4)
    write_article_examples(site)
    # Search on: the WebSite's SearchAction points at the search page only when there is one.
    result = site.build("prod")
    assert result.problems == []
    return result


def meta(soup, name):
    tag = soup.select_one(f'meta[property="{name}"], meta[name="{name}"]')
    return tag["content"] if tag else None


def json_ld(soup):
    """Every JSON-LD document of a page, the theme's @graph flattened."""
    documents = []
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        documents += data.get("@graph", [data])
    return documents


def of_type(documents, kind):
    [document] = [d for d in documents if d["@type"] == kind]
    return document


@pytest.mark.parametrize(
    ("page", "url"),
    [
        ("index.html", f"{SITE}/"),
        (LONG, f"{SITE}/blog/why-prices-are-public/"),
        ("about/index.html", f"{SITE}/about/"),
        ("services/index.html", f"{SITE}/services/"),
        ("services/website-audit/index.html", f"{SITE}/services/website-audit/"),
        ("category/pricing/index.html", f"{SITE}/category/pricing/"),
        ("tag/pricing/index.html", f"{SITE}/tag/pricing/"),
        ("archives/index.html", f"{SITE}/archives/"),
        ("2026/05/index.html", f"{SITE}/2026/05/"),
    ],
)
def test_every_page_has_a_canonical_url_and_open_graph(blog, page, url):
    soup = blog.soup(page)
    assert soup.select_one('link[rel="canonical"]')["href"] == url
    assert meta(soup, "og:url") == url
    assert meta(soup, "og:title") and meta(soup, "og:description")
    assert meta(soup, "og:site_name") == "Dana Reyes · Marketing & Customer Service"


def test_a_post_with_an_image_gets_a_large_card(blog):
    soup = blog.soup(LONG)
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == "Why every price is public"
    assert meta(soup, "og:image") == f"{SITE}/images/lead.svg"
    assert meta(soup, "og:image:alt") == "A pale blue rectangle"
    assert meta(soup, "twitter:card") == "summary_large_image"
    plain = blog.soup(SHORT)
    assert meta(plain, "og:image") is None
    assert meta(plain, "twitter:card") == "summary"


def test_blog_posting_and_breadcrumbs(blog):
    documents = json_ld(blog.soup(LONG))
    posting = of_type(documents, "BlogPosting")
    assert posting["headline"] == "Why every price is public"
    assert posting["author"]["@type"] == "Person"
    assert posting["author"]["name"] == "Dana Reyes"
    assert posting["author"]["url"] == f"{SITE}/about/"
    assert posting["datePublished"].startswith("2026-05-01T09:00")
    assert posting["dateModified"].startswith("2026-06-10T12:00")
    assert posting["image"] == f"{SITE}/images/lead.svg"
    assert posting["isPartOf"] == {
        "@type": "Blog",
        "name": posting["isPartOf"]["name"],
        "url": f"{SITE}/",
    }
    trail = of_type(documents, "BreadcrumbList")["itemListElement"]
    assert [(step["position"], step["item"]) for step in trail] == [
        (1, f"{SITE}/"),
        (2, f"{SITE}/category/pricing/"),
        (3, f"{SITE}/blog/why-prices-are-public/"),
    ]


def test_pages_and_services_have_breadcrumbs(blog):
    about = of_type(json_ld(blog.soup("about/index.html")), "BreadcrumbList")
    assert [step["name"] for step in about["itemListElement"]] == ["Home", "About Dana"]
    service = json_ld(blog.soup("services/website-audit/index.html"))
    trail = of_type(service, "BreadcrumbList")["itemListElement"]
    assert [step["item"] for step in trail] == [
        f"{SITE}/",
        f"{SITE}/services/",
        f"{SITE}/services/website-audit/",
    ]
    assert of_type(service, "Service")  # the pricing plugin's own


def test_home_has_website_with_search_and_the_author(blog):
    documents = json_ld(blog.soup("index.html"))
    website = of_type(documents, "WebSite")
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == f"{SITE}/search/?q={{search_term}}"
    assert action["query-input"] == "required name=search_term"
    person = of_type(documents, "Person")
    assert person["name"] == "Dana Reyes"
    assert "https://mastodon.social/@danareyes" in person["sameAs"]
    assert person["image"] == f"{SITE}/theme/images/dana-reyes.svg"


def test_feed_autodiscovery(blog):
    head = blog.soup(SHORT).head
    assert head.select_one('link[rel="alternate"][type="application/atom+xml"]')["href"] == (
        f"{SITE}/feeds/all.atom.xml"
    )
    assert head.select_one('link[rel="alternate"][type="application/rss+xml"]')["href"] == (
        f"{SITE}/feeds/all.rss.xml"
    )


def test_robots_txt_points_at_the_sitemap(blog):
    assert blog.text("robots.txt") == (f"User-agent: *\nAllow: /\nSitemap: {SITE}/sitemap.xml\n")
    assert blog.path("sitemap.xml").is_file()


@pytest.mark.parametrize(
    ("feed", "content_tag"), [("all.atom.xml", "content"), ("all.rss.xml", "description")]
)
def test_feeds_carry_full_posts_with_absolute_links(blog, feed, content_tag):
    tree = etree.fromstring(blog.path(f"feeds/{feed}").read_bytes())
    entries = {
        " ".join("".join(entry.xpath("./*[local-name()='title']/text()")).split()): entry
        for entry in tree.xpath("//*[local-name()='entry' or local-name()='item']")
    }
    entry = entries["Why every price is public"]
    [html] = entry.xpath(f"./*[local-name()='{content_tag}']/text()")
    assert 'id="what-to-do-next"' in html  # the whole post, not its summary
    assert f'href="{SITE}/archives/"' in html
    assert 'href="/' not in html and 'src="/' not in html


def test_the_preview_robots_txt_has_no_sitemap(tmp_path):
    site = business_site(tmp_path, posts=1)
    result = site.build("dev")
    assert result.text("robots.txt") == "User-agent: *\nAllow: /\n"
