"""A small fixture site for the share/follow/signup tests, and what to read back from it."""

import os
from urllib.parse import parse_qs, urlsplit

import pelican

NOTMYIDEA = os.path.join(os.path.dirname(pelican.__file__), "themes", "notmyidea")
# Pelican's built-in theme as Pelican ships it: its templates print content without
# |safe, so they need Pelican's default Jinja settings (no autoescape), not ours, and
# it has no search page.
NOTMYIDEA_SETTINGS = {
    "THEME": NOTMYIDEA,
    "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True, "extensions": []},
    "DIRECT_TEMPLATES": ["index", "archives", "categories", "tags", "authors"],
}

DIFFICULT_TITLE = 'Q&A: "Pricing" #1 + 50% <2026> café 🚀'

POSTS = {
    "posts/difficult.md": f"""
        Title: {DIFFICULT_TITLE}
        Date: 2026-03-02 10:00
        Category: Customer service
        Tags: pricing

        The first paragraph of a post whose title is hard to share.

        A second paragraph, so the summary is cut from the content.
    """,
    "posts/retainers.md": """
        Title: What a retainer buys you
        Date: 2026-03-01 10:00
        Category: Marketing
        Summary: Monthly work, monthly price.

        A retainer is a monthly price for a known amount of work.
    """,
}

PAGES = {
    "pages/subscribe.md": """
        Title: Subscribe

        One email when something new is up.
    """,
    "pages/privacy.md": """
        Title: Privacy

        What happens to your email address.
    """,
    # With the fields the pricing plugin requires of a service, so it builds with it too.
    "services/audit.md": """
        Title: Website audit
        Price: 1500
        Currency: USD
        Price_Unit: project
        Price_Type: fixed
        Price_Updated: 2026-01-15
        Includes: A review of every page; A list of fixes in priority order
        Turnaround: 2 weeks
        Action: book
        Action_URL: https://cal.danareyes.example/audit
        Action_Label: Book the audit

        A fixed-price look at your site.
    """,
}

ARTICLE_PAGES = {
    "blog/qa-pricing-1-50-2026-cafe/index.html": "Customer service",
    "blog/what-a-retainer-buys-you/index.html": "Marketing",
}

SETTINGS = {
    "public_site_url": "https://danareyes.example",
    "follow": {
        "mastodon": "https://mastodon.social/@danareyes",
        "github": "https://github.com/danareyes-example",
        "feed": True,
        "newsletter": True,
    },
    "signup": {"provider": "buttondown", "username": "danareyes"},
}


def write_site(site, posts=POSTS, pages=PAGES):
    for path, text in {**posts, **pages}.items():
        site.write(path, text)
    return site


def query_of(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def form_fields(form):
    """{name: value} of every input in a parsed <form>."""
    return {field["name"]: field.get("value", "") for field in form.find_all("input")}
