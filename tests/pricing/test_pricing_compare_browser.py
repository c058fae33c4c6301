"""In a real browser, without JavaScript: the tiers are a table on wide screens and stacked
cards on phones, the pricing index is a grid of cards, and axe finds nothing at either width."""

import shutil

import pytest
from browser_checks import accessibility_violations
from fixture_sites import LOCAL_PRODUCTION, PROJECT_ROOT, FixtureSite

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}
GROUP_PAGE = "services/social-media-audit/"


@pytest.fixture(scope="module")
def example_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare")
    shutil.copytree(PROJECT_ROOT / "content", root / "content")
    result = FixtureSite(root).build("prod", settings=LOCAL_PRODUCTION)
    assert result.problems == []
    return result


@pytest.fixture
def open_page(example_build, serve, chromium):
    base = serve(example_build.output)
    contexts = []

    def visit(path, viewport, color_scheme="light", javascript=False):
        # Layout is checked without JavaScript; axe itself is a script.
        context = chromium.new_context(
            viewport=viewport, color_scheme=color_scheme, java_script_enabled=javascript
        )
        contexts.append(context)
        browser_page = context.new_page()
        browser_page.goto(f"{base}/{path}")
        return browser_page

    yield visit
    for context in contexts:
        context.close()


def boxes(locator):
    return [locator.nth(index).bounding_box() for index in range(locator.count())]


def test_on_a_phone_the_tiers_are_stacked_cards(open_page):
    page = open_page(GROUP_PAGE, PHONE)
    assert not page.locator(".tier-table").is_visible()
    cards = page.locator(".tier-card")
    assert cards.count() == 3
    assert all(cards.nth(index).is_visible() for index in range(3))
    card_boxes = boxes(cards)
    assert len({round(box["x"]) for box in card_boxes}) == 1  # one column
    assert card_boxes[0]["y"] < card_boxes[1]["y"] < card_boxes[2]["y"]
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] for box in card_boxes)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    recommended = page.locator(".tier-card--recommended .tier-badge")
    assert recommended.is_visible() and recommended.inner_text() == "Recommended"


def test_on_a_wide_screen_the_tiers_are_a_table_with_a_column_each(open_page):
    page = open_page(GROUP_PAGE, DESKTOP)
    assert page.locator(".tier-table").is_visible()
    assert not page.locator(".tier-cards").is_visible()
    headers = boxes(page.locator(".tier-table thead th"))
    assert len(headers) == 3
    assert headers[0]["x"] < headers[1]["x"] < headers[2]["x"]
    assert len({round(box["y"]) for box in headers}) == 1  # side by side
    table = page.locator(".tier-table").bounding_box()
    assert table["x"] + table["width"] <= DESKTOP["width"]
    assert page.locator(".tier-table caption").is_visible()
    assert page.locator(".tier-table .button").count() == 3


def test_the_pricing_index_is_a_grid_on_wide_screens_and_a_column_on_phones(open_page):
    wide = boxes(open_page("services/", DESKTOP).locator(".service-list > li"))
    assert len({round(box["y"]) for box in wide}) < len(wide)  # cards share a row
    assert len({round(box["x"]) for box in wide}) > 1
    narrow = boxes(open_page("services/", PHONE).locator(".service-list > li"))
    assert len({round(box["x"]) for box in narrow}) == 1
    assert all(box["x"] + box["width"] <= PHONE["width"] for box in narrow)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_pricing_pages_have_no_accessibility_violations(open_page, viewport, color_scheme):
    failures = {}
    for path in ("services/", GROUP_PAGE, "services/team-workshop/", "services/strategy-session/"):
        page = open_page(path, viewport, color_scheme, javascript=True)
        violations = accessibility_violations(page)
        if violations:
            failures[path] = violations
    assert failures == {}
