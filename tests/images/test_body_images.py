"""The author's images: size, lazy loading below the first, and AVIF/WebP copies."""

import pytest
from bs4 import BeautifulSoup
from image_site import images_on, output_file, write_photo
from PIL import Image, features

FORMATS = [name for name in ("avif", "webp") if features.check(name)]
MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "AVIF": "avif", "WEBP": "webp"}

BODY = """
    Title: Workshop
    Slug: workshop
    Date: 2026-03-02 10:00

    The shop.

    ![The workshop]({static}/images/workshop.jpg)

    A chart with only a viewBox.

    ![Reply times]({static}/images/chart.svg)

    ![A badge from elsewhere](https://badges.example.test/badge.png)

    ![The workshop again]({static}/images/workshop.jpg "At closing time")
"""
CHART = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"><rect width="300" height="150"/></svg>'


@pytest.fixture(scope="module")
def body_site(tmp_path_factory):
    from fixture_sites import FixtureSite

    site = FixtureSite(tmp_path_factory.mktemp("body-images"))
    write_photo(site.content / "images" / "workshop.jpg", size=(1000, 600))
    site.write("images/chart.svg", CHART)
    site.write("posts/workshop.md", BODY)
    built = site.build(settings=images_on())
    assert built.ok, built.problems
    return built


def html_soup(built, page):
    """Python's HTML parser knows <source> is empty; lxml's would put the <img> inside it."""
    return BeautifulSoup(built.text(page), "html.parser")


def body_images(built):
    return html_soup(built, "blog/workshop/index.html").select(".post-body img")


def srcset_entries(source):
    """[(url, width), …] of a <source srcset>."""
    entries = []
    for candidate in source["srcset"].split(","):
        url, descriptor = candidate.split()
        entries.append((url, int(descriptor.rstrip("w"))))
    return entries


def test_every_local_image_gets_its_size_and_only_the_first_loads_at_once(body_site):
    photo, chart, badge, photo_again = body_images(body_site)
    assert (photo["width"], photo["height"]) == ("1000", "600")
    assert not photo.has_attr("loading")  # the first image is likely the largest paint
    assert (chart["width"], chart["height"]) == ("300", "150")  # from the viewBox
    for later in (chart, badge, photo_again):
        assert later["loading"] == "lazy"
    assert not badge.has_attr("width")  # nothing to measure on another host
    assert photo_again["title"] == "At closing time"
    assert photo["alt"] == "The workshop"
    assert photo["src"] == "https://example.test/images/workshop.jpg"


def test_a_photo_is_offered_in_smaller_modern_formats(body_site):
    photo = body_images(body_site)[0]
    picture = photo.parent
    assert picture.name == "picture"
    sources = picture.find_all("source")
    assert [source["type"] for source in sources] == [MEDIA_TYPES[name] for name in FORMATS]
    assert "webp" in FORMATS
    for source in sources:
        assert source["sizes"]
        entries = srcset_entries(source)
        # The wanted widths below the photo's own, and the photo's width: no upscaling.
        assert [width for _url, width in entries] == [480, 960, 1000]
        for url, width in entries:
            copy = Image.open(output_file(body_site, url))
            assert MEDIA_TYPES[copy.format] == source["type"].split("/")[1]
            assert copy.size == (width, round(600 * width / 1000))


def test_an_svg_and_a_remote_image_are_not_wrapped(body_site):
    _photo, chart, badge, _again = body_images(body_site)
    assert chart.parent.name != "picture"
    assert badge.parent.name != "picture"


def test_a_lead_image_is_the_first_so_every_body_image_loads_lazily(site_factory):
    site = site_factory()
    write_photo(site.content / "images" / "lead.jpg", size=(800, 400))
    write_photo(site.content / "images" / "workshop.jpg", size=(600, 300))
    site.write(
        "posts/lead.md",
        """
        Title: With a lead image
        Slug: lead
        Date: 2026-03-02 10:00
        Image: images/lead.jpg
        Image_Alt: The lead photo

        ![The workshop]({static}/images/workshop.jpg)
        """,
    )
    built = site.build(settings=images_on())
    assert built.ok, built.problems
    soup = html_soup(built, "blog/lead/index.html")
    lead = soup.select_one(".lead-image img")
    assert (lead["width"], lead["height"]) == ("800", "400")  # its real size, not 1200x630
    assert not lead.has_attr("loading")
    assert lead.parent.name == "picture"
    webp = lead.parent.find("source", type="image/webp")
    assert [width for _url, width in srcset_entries(webp)] == [480, 800]
    (body_image,) = soup.select(".post-body img")
    assert body_image["loading"] == "lazy"


def test_a_rotated_phone_photo_is_measured_and_copied_upright(site_factory):
    site = site_factory()
    # Stored 400 wide and 300 high, with EXIF "turn a quarter to the right" (6).
    write_photo(site.content / "images" / "phone.jpg", size=(400, 300), orientation=6)
    site.write(
        "posts/phone.md",
        """
        Title: Phone
        Slug: phone
        Date: 2026-03-02 10:00

        ![Taken upright]({static}/images/phone.jpg)
        """,
    )
    built = site.build(settings=images_on(formats=["webp"]))
    assert built.ok, built.problems
    image = html_soup(built, "blog/phone/index.html").select_one(".post-body img")
    assert (image["width"], image["height"]) == ("300", "400")
    (source,) = image.parent.find_all("source")
    ((url, width),) = srcset_entries(source)
    copy = Image.open(output_file(built, url))
    assert (width, copy.size) == (300, (300, 400))
    assert not copy.getexif()  # no metadata (a phone's location) in the published copy


def test_with_copies_turned_off_images_still_get_their_size_and_loading(site_factory):
    site = site_factory()
    write_photo(site.content / "images" / "workshop.jpg", size=(1000, 600))
    site.write("images/chart.svg", CHART)
    site.write("posts/workshop.md", BODY)
    built = site.build()  # fixture sites: no cards, no copies
    assert built.ok, built.problems
    photo, chart, *_ = body_images(built)
    assert photo.parent.name != "picture"
    assert (photo["width"], chart["height"]) == ("1000", "150")
    assert chart["loading"] == "lazy"
    assert not [name for name in built.files() if name.startswith("media/")]


def test_a_relative_static_link_is_measured_from_the_posts_folder(site_factory):
    site = site_factory()
    site.write("posts/2026/chart.svg", CHART)
    site.write(
        "posts/2026/relative.md",
        """
        Title: Relative
        Slug: relative
        Date: 2026-03-02 10:00

        ![A chart]({static}chart.svg)
        """,
    )
    built = site.build(settings={"STATIC_PATHS": ["images", "posts/2026/chart.svg"]})
    assert built.ok, built.problems
    chart = html_soup(built, "blog/relative/index.html").select_one(".post-body img")
    assert (chart["width"], chart["height"]) == ("300", "150")


@pytest.mark.browser
def test_chromium_shows_the_avif_copy_that_fits_a_phone(site_factory, serve, page):
    site = site_factory()
    write_photo(site.content / "images" / "workshop.jpg", size=(1000, 600))
    site.write("images/chart.svg", CHART)
    site.write("posts/workshop.md", BODY)
    built = site.build(settings={"IMAGES": {}, "SITE_SEARCH": {"enabled": False}})
    assert built.ok, built.problems
    page.goto(f"{serve(built.output)}/blog/workshop/")
    page.wait_for_function("document.querySelector('.post-body img').complete")
    photo = page.locator(".post-body img").first
    current = photo.evaluate("image => image.currentSrc")
    assert current.endswith(".avif" if "avif" in FORMATS else ".webp")
    # A 375-pixel screen at 1x takes the 480-pixel copy, not the 1000-pixel original.
    assert "-480w." in current
    # Decoded: srcset's density makes naturalWidth the slot's width (343 px here), not 0.
    assert photo.evaluate("image => image.naturalWidth") > 0


def test_an_image_in_the_authors_own_picture_is_not_wrapped_again(site_factory):
    site = site_factory()
    write_photo(site.content / "images" / "workshop.jpg", size=(1000, 600))
    write_photo(site.content / "images" / "art.webp", size=(1000, 600))
    site.write(
        "posts/own.md",
        """
        Title: Own picture
        Slug: own
        Date: 2026-03-02 10:00

        <picture><source srcset="/images/art.webp" type="image/webp"><img src="{static}/images/workshop.jpg" alt="Mine"></picture>
        """,
    )
    built = site.build(settings=images_on())
    assert built.ok, built.problems
    soup = html_soup(built, "blog/own/index.html")
    assert len(soup.select("picture")) == 1
    assert [source["srcset"] for source in soup.select("source")] == ["/images/art.webp"]
    image = soup.select_one("picture img")
    assert (image["width"], image["height"]) == ("1000", "600")
