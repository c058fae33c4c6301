"""In Chromium, without JavaScript: the menu and its submenu open by keyboard and pointer and
tell screen readers whether they are open; the menu folds on phones; the sidebar sits beside
the content on wide screens and after it on phones; print drops the chrome."""

import pytest
from fixture_sites import LOCAL_PRODUCTION
from theme_site import business_site, write_article_examples

pytestmark = pytest.mark.browser

ARTICLE = "blog/why-prices-are-public/"


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    site = business_site(tmp_path_factory.mktemp("browser"), posts=4)
    write_article_examples(site)
    site.write(
        "posts/linked.md",
        "Title: Outside reading\nDate: 2026-04-01\nCategory: Pricing\n\n"
        "Read [the study](https://example.org/study) first.\n",
    )
    result = site.build("prod", settings={**LOCAL_PRODUCTION, "SITE_SEARCH": {"enabled": False}})
    assert result.problems == []
    return result


@pytest.fixture
def open_page(blog, serve, chromium):
    base = serve(blog.output)
    contexts = []

    def open_at(path, width):
        context = chromium.new_context(
            viewport={"width": width, "height": 800}, java_script_enabled=False
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{base}/{path}")
        return page

    yield open_at
    for context in contexts:
        context.close()


def disclosure_states(page):
    """{name: expanded} of every disclosure (<summary>) as Chromium tells screen readers."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    states = {}
    for node in nodes:
        if node.get("role", {}).get("value") != "DisclosureTriangle":
            continue
        properties = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
        states[node["name"]["value"]] = properties.get("expanded", False)
    return states


def test_wide_screen_menu_and_submenu_by_keyboard(open_page):
    page = open_page("", 1280)
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="About").is_visible()
    assert not page.locator(".site-nav__toggle").is_visible()
    services = nav.get_by_role("link", name="Services and prices")
    assert not services.is_visible()
    assert disclosure_states(page)["Work with me"] is False

    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")  # Blog
    page.keyboard.press("Tab")  # Work with me
    assert page.evaluate("document.activeElement.textContent") == "Work with me"
    page.keyboard.press("Enter")
    assert services.is_visible()
    assert disclosure_states(page)["Work with me"] is True
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Services and prices"
    page.keyboard.press("Enter")
    page.wait_for_url("**/services/")
    # On the services page the submenu is closed again, and marks where the reader is.
    current = page.locator('.submenu a[href="/services/"]')
    assert not current.is_visible()
    assert current.get_attribute("aria-current") == "page"
    assert page.locator(".submenu summary").get_attribute("class") == "is-current"


def test_phone_menu_folds_and_opens(open_page):
    page = open_page("", 375)
    nav = page.get_by_role("navigation", name="Main")
    about = nav.get_by_role("link", name="About")
    assert not about.is_visible()
    assert disclosure_states(page)["Menu"] is False
    page.locator(".site-nav__toggle").click()
    assert about.is_visible()
    assert disclosure_states(page)["Menu"] is True
    page.locator(".submenu summary").click()
    assert nav.get_by_role("link", name="Case studies").is_visible()
    # The header stays one row: nothing below the menu button is pushed down.
    assert page.locator(".site-header").bounding_box()["height"] < 80


def test_sidebar_beside_on_wide_screens_and_after_on_phones(open_page):
    wide = open_page(ARTICLE, 1280)
    main, sidebar = (
        wide.locator("main").bounding_box(),
        wide.locator("aside.sidebar").bounding_box(),
    )
    assert sidebar["x"] >= main["x"] + main["width"]
    phone = open_page(ARTICLE, 375)
    main, sidebar = (
        phone.locator("main").bounding_box(),
        phone.locator("aside.sidebar").bounding_box(),
    )
    assert sidebar["y"] >= main["y"] + main["height"]
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_print_drops_menu_and_widgets_and_shows_link_targets(open_page):
    page = open_page("blog/outside-reading/", 1280)
    page.emulate_media(media="print")
    for selector in (
        "nav.site-nav",
        "aside.sidebar",
        ".share-follow-signup",
        "nav.post-neighbours",
    ):
        display = page.eval_on_selector(selector, "element => getComputedStyle(element).display")
        assert display == "none", selector
    after = page.eval_on_selector(
        '.post-body a[href="https://example.org/study"]',
        "link => getComputedStyle(link, '::after').content",
    )
    assert after == '" (" attr(href) ")"' or "https://example.org/study" in after
    assert page.locator("h1").is_visible()
