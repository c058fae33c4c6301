"""`invoke check` on the example project: notes that never fail, the citations that changed
(`--prices`), and a refused price as one line with a non-zero exit."""

import os
import subprocess
import sys

import pytest
from fixture_sites import PROJECT_CODE, copy_project


@pytest.fixture
def project_copy(tmp_path):
    return copy_project(tmp_path, (*PROJECT_CODE, "content"))


def invoke(project, *args, build_time=None):
    environment = {**os.environ}
    environment.pop("SITE_BUILD_TIME", None)
    if build_time:
        environment["SITE_BUILD_TIME"] = build_time
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=240,
        env=environment,
    )


def test_check_notes_what_took_effect_and_lists_changed_citations(project_copy):
    # The day the 2027 prices take effect: the winter sale is over as well.
    # --quiet: no progress summary, so stderr holds only what the check has to say.
    result = invoke(
        project_copy, "check", "--prices", "--quiet", build_time="2027-03-01T12:00:00-05:00"
    )
    assert result.returncode == 0, result.stderr
    # Pelican's own "Done: Processed …" summary wraps over two lines; the rest is ours.
    lines = [
        line
        for line in result.stdout.splitlines()
        if line.startswith(("info: ", "content/", "All content"))
    ]
    assert lines == [
        "info: content/services/social-media-audit-standard.md: Price_Next: 1800 took effect on "
        '2027-03-01 (write Price: 1800 and Price_Updated: 2027-03-01, add "2026-01-15 1500" to '
        "Price_History, then remove the Price_Next lines)",
        "info: content/services/strategy-session.md: Sale_Until: the sale ended on 2027-01-31 "
        "(the page shows the regular price again; remove the Sale_ lines)",
        "content/posts/what-an-audit-costs.md: {price}social-media-audit-standard: $1,500 when "
        "written on 2026-06-02, $1,800 now",
        "content/posts/why-every-price-on-this-site-is-public.md: {price}customer-service-retainer: "
        "from €450 per month when written on 2026-02-10, from €500 per month now",
        "All content and settings are valid.",
    ]
    assert result.stderr == ""


def test_a_refused_sale_fails_the_build_with_one_line(project_copy):
    session = project_copy / "content/services/strategy-session.md"
    session.write_text(session.read_text().replace("Sale_Price: 120", "Sale_Price: 150"))
    result = invoke(project_copy, "build", "--quiet", build_time="2026-12-01T12:00:00-05:00")
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[:-1] == [
        "content/services/strategy-session.md: Sale_Price: $150 is not below $150, the lowest "
        "price in the 30 days before Sale_From 2026-11-16 (a sale price must be lower than every "
        "price of those 30 days)"
    ]
    assert not (project_copy / "output").exists()
