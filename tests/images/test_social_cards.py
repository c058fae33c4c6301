"""Every post and service gets a 1200x630 card, used as og:image when the author gave none."""

import pytest
from font_lato import Lato, LatoBlack
from image_site import images_on, meta, output_file, theme_colour, write_photo
from images.card_drawing import ELLIPSIS, _font, drawable, fit_text, wrap_text
from PIL import Image

POST = """
    Title: Why every price on this site is public
    Date: 2026-03-02 10:00
    Category: Pricing

    A price list saves both of us a call.
"""


def post(title, slug, **fields):
    """A post's Markdown with extra header fields (Image=..., Image_Alt=...)."""
    header = "".join(f"{name}: {value}\n" for name, value in fields.items())
    return f"Title: {title}\nSlug: {slug}\nDate: 2026-03-02 10:00\n{header}\nThe body.\n"


SERVICE = """
    Title: Strategy session
    Slug: session
    Price: {price}
    Price_Unit: hour
    Action_URL: mailto:dana@example.test

    Two hours on your plan.
"""
ABOUT = """
    Title: About
    Slug: about

    Who I am.
"""


@pytest.fixture(scope="module")
def card_site(tmp_path_factory):
    from fixture_sites import FixtureSite

    site = FixtureSite(tmp_path_factory.mktemp("cards"))
    site.write("posts/public.md", POST)
    site.write("services/session.md", SERVICE.format(price=150))
    site.write("pages/about.md", ABOUT)
    built = site.build(settings=images_on())
    assert built.ok, built.problems
    return built


def card_of(built, page):
    soup = built.soup(page)
    url = meta(soup, "og:image")
    assert url, f"{page} has no og:image"
    assert meta(soup, "twitter:image") == url
    assert meta(soup, "twitter:card") == "summary_large_image"
    return soup, Image.open(output_file(built, url))


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (
            "blog/why-every-price-on-this-site-is-public/index.html",
            "Why every price on this site is public",
        ),
        ("services/session/index.html", "Strategy session"),
    ],
)
def test_posts_and_services_share_a_card_in_the_theme_colours(card_site, page, title):
    soup, card = card_of(card_site, page)
    assert card.format == "PNG"
    assert card.size == (1200, 630)
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "og:image:type") == "image/png"
    assert meta(soup, "og:image:alt") == title
    rgb = card.convert("RGB")
    # Not blank: anti-aliased text gives many shades between the theme's colours.
    assert len(rgb.getcolors(maxcolors=100_000)) > 20
    assert rgb.getpixel((5, 300)) == theme_colour("--color-accent")  # the band at the left
    assert rgb.getpixel((600, 20)) == theme_colour("--color-background")
    title_area = rgb.crop((84, 130, 1128, 440))
    assert theme_colour("--color-text") in {colour for _n, colour in title_area.getcolors(100_000)}


def test_a_service_card_shows_its_price_and_a_post_card_does_not(card_site):
    # The price sits in an accent-coloured box at the bottom right.
    price_box = (1200 - 72 - 8, 630 - 72 - 24)
    _, service_card = card_of(card_site, "services/session/index.html")
    _, post_card = card_of(card_site, "blog/why-every-price-on-this-site-is-public/index.html")
    assert service_card.convert("RGB").getpixel(price_box) == theme_colour("--color-accent")
    assert post_card.convert("RGB").getpixel(price_box) == theme_colour("--color-background")


def test_a_new_price_makes_a_new_card(site_factory):
    site = site_factory()
    site.write("services/session.md", SERVICE.format(price=150))
    first = site.build(settings=images_on())
    first_url = meta(first.soup("services/session/index.html"), "og:image")
    first_bytes = output_file(first, first_url).read_bytes()
    site.write("services/session.md", SERVICE.format(price=175))
    second = site.build(settings=images_on())
    second_url = meta(second.soup("services/session/index.html"), "og:image")
    assert second_url != first_url  # a new address, so networks fetch the new card
    assert output_file(second, second_url).read_bytes() != first_bytes
    assert not (second.output / first_url.split("/", 3)[3]).exists()


def test_pages_other_than_services_get_no_card(card_site):
    assert meta(card_site.soup("about/index.html"), "og:image") is None
    assert not [name for name in card_site.files() if name.startswith("media/cards/about")]


def test_the_authors_photo_wins_over_the_card_but_an_svg_does_not(site_factory):
    site = site_factory()
    write_photo(site.content / "images" / "team.jpg", size=(1000, 600))
    site.write("images/chart.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"/>')
    site.write(
        "posts/photo.md", post("Photo", "photo", Image="images/team.jpg", Image_Alt="The team")
    )
    site.write(
        "posts/chart.md", post("Chart", "chart", Image="images/chart.svg", Image_Alt="A chart")
    )
    built = site.build(settings=images_on())
    assert built.ok, built.problems

    photo_page = built.soup("blog/photo/index.html")
    assert meta(photo_page, "og:image") == "https://example.test/images/team.jpg"
    assert (meta(photo_page, "og:image:width"), meta(photo_page, "og:image:height")) == (
        "1000",
        "600",
    )
    assert meta(photo_page, "og:image:alt") == "The team"

    chart_page = built.soup("blog/chart/index.html")
    chart_share = meta(chart_page, "og:image")
    assert "/media/cards/" in chart_share  # networks do not show SVG
    assert Image.open(output_file(built, chart_share)).size == (1200, 630)


def test_a_title_with_markup_characters_is_escaped_in_the_metadata(site_factory):
    site = site_factory()
    site.write("posts/evil.md", post('Q&A: "Pricing" <2026>', "evil"))
    built = site.build(settings=images_on())
    assert built.ok, built.problems
    assert (
        meta(built.soup("blog/evil/index.html"), "og:image:alt")
        == "Q&A: \u201cPricing\u201d <2026>"
    )


def test_without_an_absolute_siteurl_there_is_no_og_image_but_the_card_is_made(site_factory):
    site = site_factory()
    site.write("posts/public.md", POST)
    built = site.build(settings={"IMAGES": {}, "SITE_SEARCH": {"enabled": False}})
    assert built.ok, built.problems
    assert (
        meta(built.soup("blog/why-every-price-on-this-site-is-public/index.html"), "og:image")
        is None
    )
    assert [name for name in built.files() if name.startswith("media/cards/blog/")]


# The drawing on its own: text in, lines out.

WIDTH = 1000


def test_a_short_title_stays_on_one_line_at_the_largest_size():
    font, lines = fit_text("Posted prices", LatoBlack, (76, 60), WIDTH, 4)
    assert (font.size, lines) == (76, ["Posted prices"])


def test_a_long_title_shrinks_before_it_is_cut():
    title = "How we halved email reply times at a small cycle shop without hiring anyone"
    font, lines = fit_text(title, LatoBlack, (76, 68, 60, 54, 48), WIDTH, 2)
    assert font.size < 76
    assert " ".join(lines) == title
    assert all(font.getlength(line) <= WIDTH for line in lines)


def test_a_title_too_long_for_any_size_ends_with_an_ellipsis():
    title = " ".join(["transparent"] * 60)
    font, lines = fit_text(title, LatoBlack, (76, 48), WIDTH, 4)
    assert font.size == 48
    assert len(lines) == 4
    assert lines[-1].endswith(ELLIPSIS)
    assert all(font.getlength(line) <= WIDTH for line in lines)


def test_a_word_longer_than_a_line_is_broken_inside():
    font = _font(LatoBlack, 76)
    url = "https://example.test/" + "a-very-long-path" * 10
    lines = wrap_text(url, font, WIDTH)
    assert len(lines) > 1
    assert "".join(lines) == url
    assert all(font.getlength(line) <= WIDTH for line in lines)


def test_no_break_spaces_keep_their_words_together():
    font = _font(LatoBlack, 76)
    width = font.getlength("Why every price is") + 4  # "public" just does not fit after it
    assert wrap_text("Why every price is public", font, width)[-1] == "public"
    assert wrap_text("Why every price is\u00a0public", font, width)[-1] == "is\u00a0public"


def test_characters_the_font_lacks_are_left_out_rather_than_drawn_as_boxes():
    assert drawable("Launch \U0001f680 day", Lato) == "Launch  day"
    assert drawable("CHF\u202f1,200", Lato) == "CHF\u00a01,200"
