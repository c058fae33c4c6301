"""Checks run inside the real browser, shared by the feature tests."""

from axe_playwright_python.sync_playwright import Axe

_AXE = Axe()


def accessibility_violations(page):
    """axe-core's violations on the page as loaded, one short line each."""
    violations = _AXE.run(page).response["violations"]
    return [f"{v['id']}: {v['nodes'][0]['html'][:120]}" for v in violations]
