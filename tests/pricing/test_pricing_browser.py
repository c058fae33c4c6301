"""In a real browser: the price is visible without scrolling, and the FAQ needs no script."""

import shutil
from pathlib import Path

import pytest
from browser_checks import accessibility_violations
from pricing_helpers import add_service

PROJECT_CONTENT = Path(__file__).resolve().parents[2] / "content"

LONG_BODY = "\n\n".join(["A paragraph about how the work is done, step by step. " * 6] * 8)

pytestmark = pytest.mark.browser


@pytest.fixture
def service_site(site_factory):
    site = site_factory()
    add_service(
        site,
        "social-media-strategy-audit",
        title="Social Media Strategy Audit for Small Businesses",
        body=LONG_BODY + "\n\n## Questions\n\n### Can I pay later?\n\nYes, half at the end.\n",
        Price="1500",
        Price_Updated="2026-01-15",
        Price_History="2024-01-01 1200; 2025-03-01 1350",
        Includes="Review of every channel; Competitor benchmark; 90-day plan",
        Turnaround="2 weeks",
        Action="book",
        Summary="A written review and a 90-day plan.",
    )
    result = site.build()
    assert result.problems == []
    return result


@pytest.mark.parametrize(("width", "height"), [(375, 667), (1280, 800)])
def test_price_is_in_the_first_viewport(service_site, serve, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(serve(service_site.output) + "/services/social-media-strategy-audit/")
    price = page.locator(".price-box__amount")
    assert price.inner_text() == "$1,500"
    box = price.bounding_box()
    assert box is not None and box["width"] > 0
    assert box["y"] >= 0 and box["y"] + box["height"] <= height
    assert page.evaluate("window.scrollY") == 0
    assert page.locator("h1").bounding_box()["y"] < box["y"]


def test_faq_opens_without_javascript(service_site, serve, chromium):
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 667}
    )
    try:
        browser_page = context.new_page()
        browser_page.goto(serve(service_site.output) + "/services/social-media-strategy-audit/")
        answer = browser_page.locator(".service-faq__answer")
        assert not answer.is_visible()
        browser_page.locator("summary", has_text="Can I pay later?").click()
        assert answer.is_visible()
        assert answer.inner_text().replace("\u00a0", " ") == "Yes, half at the end."
    finally:
        context.close()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_service_pages_have_no_accessibility_violations(
    site_factory, serve, chromium, color_scheme
):
    site = site_factory()
    site.theme_options = "project"  # the example's own content and options
    shutil.copytree(PROJECT_CONTENT, site.content, dirs_exist_ok=True)
    result = site.build()
    assert result.problems == []
    base = serve(result.output)
    context = chromium.new_context(
        viewport={"width": 375, "height": 667}, color_scheme=color_scheme
    )
    browser_page = context.new_page()
    failures = {}
    pages = ["services/"] + [
        f"services/{path.stem}/" for path in (site.content / "services").glob("*.md")
    ]
    for name in pages:
        browser_page.goto(f"{base}/{name}")
        browser_page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
        violations = accessibility_violations(browser_page)
        if violations:
            failures[name] = violations
    context.close()
    assert failures == {}
