"""The example site as published: every post and service shares a card; its photo has copies."""

from bs4 import BeautifulSoup
from PIL import Image

EXAMPLE_SITEURL = "https://danareyes.example"


def shared_image(result, page):
    soup = result.soup(page)
    tag = soup.find("meta", attrs={"property": "og:image"})
    assert tag is not None, f"{page} has no og:image"
    assert tag["content"].startswith(EXAMPLE_SITEURL + "/")
    path = result.path(tag["content"][len(EXAMPLE_SITEURL) + 1 :])
    assert path.is_file(), tag["content"]
    return Image.open(path)


def test_every_post_and_service_shares_a_card(example_site):
    result, site = example_site
    services = {
        f"services/{path.stem}/index.html" for path in (site.content / "services").glob("*.md")
    }
    pages = [
        name
        for name in result.files()
        if name.endswith("index.html") and (name.startswith("blog/") or name in services)
    ]
    assert len([name for name in pages if name.startswith("services/")]) == len(services) > 3
    assert len(pages) >= 10
    for page in pages:
        assert shared_image(result, page).size == (1200, 630), page


def test_the_case_studys_photo_comes_in_avif_and_webp_and_the_chart_loads_lazily(example_site):
    result, _site = example_site
    soup = BeautifulSoup(
        result.text("blog/case-study-cycle-shop-reply-times/index.html"), "html.parser"
    )
    photo, chart = soup.select(".post-body img")
    assert photo["src"].endswith("/images/workshop-wheel.jpg")
    assert (photo["width"], photo["height"]) == ("1600", "1067")
    assert not photo.has_attr("loading")
    sources = photo.parent.find_all("source")
    assert {"image/webp", "image/avif"} <= {source["type"] for source in sources}
    for source in sources:
        for candidate in source["srcset"].split(", "):
            url, width = candidate.split()
            copy = Image.open(result.path(url[len(EXAMPLE_SITEURL) + 1 :]))
            assert f"{copy.width}w" == width
    assert chart["loading"] == "lazy"
    assert (chart["width"], chart["height"]) == ("1200", "630")
