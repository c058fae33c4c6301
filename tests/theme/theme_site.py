"""Fixture sites for the theme's tests: a small business blog, and a long one for pagination."""

from datetime import date, timedelta

from fixture_sites import FixtureSite

ABOUT = """
Title: About Dana
Slug: about

I help small businesses.
"""
COMMENT_POLICY = """
Title: Comment policy
Slug: comment-policy

Reply by email.
"""
SUBSCRIBE = """
Title: Subscribe
Slug: subscribe

One email a month.
"""
PRIVACY = """
Title: Privacy
Slug: privacy

Your address stays with me.
"""
SERVICE = """
Title: Strategy session
Slug: strategy-session
Price: 150
Price_Unit: hour
Order: 2
Summary: An hour on a call.

One hour.
"""
SECOND_SERVICE = """
Title: Website audit
Slug: website-audit
Price: 1500
Order: 1
Summary: A written review.

A review.
"""

TAG_SETS = (
    "pricing, transparency",
    "pricing, discounts",
    "email, response times",
    "newsletter, referrals",
    "pricing, sales",
)
CATEGORIES = ("Pricing", "Customer Service")


def post_markdown(number, day, **fields):
    lines = [
        f"Title: Post number {number}",
        f"Slug: post-{number:03d}",
        f"Date: {day.isoformat()} 09:00",
        f"Category: {CATEGORIES[number % len(CATEGORIES)]}",
        f"Tags: {TAG_SETS[number % len(TAG_SETS)]}",
        f"Summary: Summary of post {number}.",
    ]
    lines += [f"{name}: {value}" for name, value in fields.items()]
    return "\n".join(lines) + f"\n\nThe body of post {number}.\n"


def write_posts(site, count, first_day=date(2026, 1, 5), every_days=3, **fields):
    """`count` posts, one every few days from `first_day` (so they span several months)."""
    for number in range(1, count + 1):
        day = first_day + timedelta(days=every_days * (number - 1))
        site.write(f"posts/post-{number:03d}.md", post_markdown(number, day, **fields))
    return site


def write_pages(site, services=True):
    for name, text in (
        ("about", ABOUT),
        ("comment-policy", COMMENT_POLICY),
        ("subscribe", SUBSCRIBE),
        ("privacy", PRIVACY),
    ):
        site.write(f"pages/{name}.md", text)
    if services:
        site.write("services/strategy-session.md", SERVICE)
        site.write("services/website-audit.md", SECOND_SERVICE)
    return site


def business_theme_options():
    """The example site's THEME_OPTIONS, its submenu pointed at a page these sites have."""
    # Read the project's file by path: `import pelicanconf` would return whichever
    # settings module an earlier in-process build left in sys.modules under that name.
    from fixture_sites import project_settings

    options = dict(project_settings()["THEME_OPTIONS"])
    options["submenus"] = {
        parent: tuple(
            (label, "/archives/" if "case-studies" in path else path) for label, path in entries
        )
        for parent, entries in options["submenus"].items()
    }
    return options


def business_site(root, posts=12):
    """Pages, two services and `posts` posts."""
    site = FixtureSite(root, theme_options=business_theme_options())
    write_pages(site)
    write_posts(site, posts)
    return site


def links(soup, selector):
    return [a["href"] for a in soup.select(selector)]


def text(element):
    return " ".join(element.get_text(" ").replace("\u00a0", " ").split())


LEAD_IMAGE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 630" width="1200" height="630">'
    '<rect width="1200" height="630" fill="#dbe7f3"/></svg>\n'
)
LONG_POST = """
Title: Why every price is public
Slug: why-prices-are-public
Date: 2026-05-01 09:00
Modified: 2026-06-10 12:00
Category: Pricing
Tags: pricing, transparency
Featured: yes
Image: images/lead.svg
Image_Alt: A pale blue rectangle
Image_Credit: Drawing by Dana Reyes
Summary: A public price list saves both of us a phone call.

The first paragraph, with a [link to the archive](/archives/).

## What hidden prices cost

Text one.

## What changed

Text two.

## Every job is different

Text three.

## What it asks of me

Text four.

## What to do next

Text five.
"""
SHORT_POST = """
Title: A short note on discounts
Slug: short-note
Date: 2026-05-02 09:00
Category: Pricing
Tags: pricing, discounts
Summary: Short.

## Only heading

A few words.
"""


def write_article_examples(site):
    site.write("images/lead.svg", LEAD_IMAGE)
    site.write("posts/long.md", LONG_POST)
    site.write("posts/short.md", SHORT_POST)
    return site
