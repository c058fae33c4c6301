"""The example site: every post carries share, follow and signup; feeds carry none of it."""

from sfs_site import form_fields


def article_pages(result):
    return [name for name in result.files() if name.startswith("blog/") and name.endswith(".html")]


def test_every_example_post_has_share_follow_and_signup(example_site):
    result, _site = example_site
    pages = article_pages(result)
    assert pages
    for name in pages:
        soup = result.soup(name)
        [aside] = soup.select(".share-follow-signup")
        assert aside.select("nav.sfs-share a"), name
        [follow] = soup.select("nav.sfs-follow")  # once per page, in the sidebar
        assert follow.select('a[rel="me"]'), name
        form = aside.select_one("form.sfs-form")
        category = soup.select_one('.post-meta a[href*="/category/"]').get_text()
        assert form_fields(form)["tag"] == category, name


def test_example_subscribe_page_lists_posts(example_site):
    result, _site = example_site
    aside = result.soup("subscribe/index.html").select_one(".share-follow-signup")
    assert aside.select_one("form.sfs-form")
    assert aside.select(".sfs-latest a")


def test_example_feeds_carry_no_widgets(example_site):
    result, _site = example_site
    feeds = [name for name in result.files() if name.startswith("feeds/")]
    assert feeds
    for name in feeds:
        text = result.text(name)
        assert "share-follow-signup" not in text
        assert "sfs-" not in text
