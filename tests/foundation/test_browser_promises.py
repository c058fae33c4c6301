"""What a visitor's browser must see: no accessibility violations, no third-party requests,
and pages that read on a phone without JavaScript."""

import pytest
from browser_checks import accessibility_violations

pytestmark = pytest.mark.browser


# One page of every type: home, page 2, article, page, service, pricing, category, tag,
# archives, month, search, subscribe, 404 (and a second article and service).
PAGE_TYPES = [
    "index.html",
    "page/2/index.html",
    "blog/why-every-price-on-this-site-is-public/index.html",
    "blog/where-my-enquiries-come-from/index.html",
    "about/index.html",
    "services/social-media-audit/index.html",
    "services/customer-service-retainer/index.html",
    "services/index.html",
    "category/pricing/index.html",
    "tag/pricing/index.html",
    "archives/index.html",
    "2026/09/index.html",
    "search/index.html",
    "subscribe/index.html",
    "404.html",
]


def _pages_to_audit(result):
    missing = [name for name in PAGE_TYPES if not result.path(name).is_file()]
    assert missing == []
    return PAGE_TYPES


@pytest.fixture(scope="module")
def example_dev_build(tmp_path_factory):
    """The example site with root-relative links, so a local server can show every page."""
    import shutil

    from fixture_sites import LOCAL_PRODUCTION, PROJECT_ROOT, FixtureSite

    root = tmp_path_factory.mktemp("a11y")
    shutil.copytree(PROJECT_ROOT / "content", root / "content")
    # Four posts a page, so the example site has a page 2.
    result = FixtureSite(root, theme_options="project").build(
        "prod", settings={**LOCAL_PRODUCTION, "DEFAULT_PAGINATION": 4}
    )
    assert result.ok, result.problems
    return result


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_no_accessibility_violations(example_dev_build, serve, chromium, color_scheme):
    base = serve(example_dev_build.output)
    context = chromium.new_context(
        viewport={"width": 375, "height": 667}, color_scheme=color_scheme
    )
    page = context.new_page()
    failures = {}
    for name in _pages_to_audit(example_dev_build):
        page.goto(f"{base}/{name}")
        violations = accessibility_violations(page)
        if violations:
            failures[name] = violations
    context.close()
    assert failures == {}


def test_no_request_leaves_the_site_and_no_horizontal_scroll(example_dev_build, serve, chromium):
    base = serve(example_dev_build.output)
    context = chromium.new_context(
        viewport={"width": 375, "height": 667}, java_script_enabled=False
    )
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for name in _pages_to_audit(example_dev_build):
        page.goto(f"{base}/{name}")
        page.wait_for_load_state("load")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px on a phone"
        assert page.inner_text("main").strip(), f"{name} shows nothing without JavaScript"
    context.close()
    outside = [url for url in requested if not url.startswith(base)]
    assert outside == []


@pytest.mark.parametrize("width", [320, 375])
def test_long_titles_never_push_a_phone_page_sideways(site_factory, serve, chromium, width):
    site = site_factory()
    site.write(
        "posts/long.md",
        "Title: Notes on Customer Communication for Independent Restaurateurs\n"
        "Date: 2026-01-10\nCategory: Customer Service\n\nText.\n",
    )
    result = site.build()
    assert result.ok, result.problems
    base = serve(result.output)
    context = chromium.new_context(viewport={"width": width, "height": 667})
    page = context.new_page()
    for path in ("", "blog/notes-on-customer-communication-for-independent-restaurateurs/"):
        page.goto(f"{base}/{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"/{path} scrolls sideways by {overflow}px at {width}px"
    context.close()
