"""Ready-to-edit content files for `invoke new-post` and `invoke new-service`.

Every field the project understands is listed. Markdown metadata has no comment
syntax, so the explanations sit just below the header as empty link references
(`[//]: # (…)`), which Markdown drops from the page.
"""

from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

POST_TEMPLATE = """\
Title: {title}
Date: {date} 09:00
Category: {category}
Tags:
Summary: One or two plain sentences for the post list, feeds and search results.
Slug: {slug}
Status: draft

[//]: # (Fields above, one per line, until the first blank line:)
[//]: # (Title - the headline, plain text, shown exactly as written.)
[//]: # (Date - YYYY-MM-DD HH:MM. A future date schedules the post: it goes live with the first build on or after it.)
[//]: # (Category - one category. Tags - comma-separated, may stay empty. Summary - plain text, no HTML.)
[//]: # (Slug - the URL is /blog/SLUG/. Status - draft while you write; delete the line to publish. hidden = published but not listed.)
[//]: # (Optional, move up into the header to use: Image: images/NAME.jpg - a file in content/images/ / Image_Alt: what it shows / Image_Credit: who made it)
[//]: # (Optional: Series: NAME / Series_Part: 2 - posts of one series link to each other. Author: NAME - defaults to the site's author.)
[//]: # (Cite a current price with {{price}}SERVICE-SLUG and link a service with [text]({{service}}SERVICE-SLUG.)

[//]: # (Body images: put the file in content/images/ and write the static form with alt text, as shown in README, Writing a post.)

Write your post here.
"""

SERVICE_TEMPLATE = """\
Title: {title}
Slug: {slug}
Price: 500
Currency: USD
Price_Unit: project
Price_Type: fixed
Price_Updated: {date}
Includes: First thing included; Second thing included; Third thing included
Turnaround: 2 weeks
Summary: One plain sentence on what the customer gets.
Status: draft

[//]: # (Pricing fields: every service page must state a valid price or the build fails.)
[//]: # (Price - a plain number, no currency sign, no thousands separator: 1500 or 149.50; 0 shows Free.)
[//]: # (Currency - ISO 4217 code, e.g. USD, EUR. Price_Unit - project, hour, day, session, month, year.)
[//]: # (Price_Type - fixed, from = a starting price, or range = add Price_Max: a number above Price.)
[//]: # (Price_Updated - YYYY-MM-DD of the last change. Price_History - earlier prices: 2024-01-01 1200; 2025-03-01 1350)
[//]: # (Includes - what the price buys, separated by semicolons. Turnaround - how long it takes. Order - a number to sort the price list.)
[//]: # (Action - book, contact or buy. Action_URL - https://..., mailto:..., tel:... or /a-page/. Action_Label - the button text.)
[//]: # (Price_Valid_Until - YYYY-MM-DD, for structured data. See README, Prices and service pages, for every field.)
[//]: # (Price_Next and Price_Next_From - a new price announced ahead, e.g. Price_Next: 1800 with Price_Next_From: 2027-03-01; Price_Next_Note - a note for buyers.)
[//]: # (Sale_Price, Sale_From, Sale_Until - a sale; the 30 days before Sale_From must be covered by Price_Updated and Price_History.)
[//]: # (Tax - included, excluded or none. Fees - mandatory, added to the price: Setup 150; Licence 90. Extras - only sometimes, same form.)
[//]: # (Payment_Terms, Guarantee - plain text. Group, Tier_Order, Recommended: yes - make this one tier of an offer compared on one page.)
[//]: # (Status - draft while you write; delete the line to publish.)

Describe the service here.

## Questions

### What if I need something that is not listed?

Answer the questions that make customers hesitate, one ### heading per question.
"""

TEMPLATES = {"post": ("posts", POST_TEMPLATE), "service": ("services", SERVICE_TEMPLATE)}


class ScaffoldError(Exception):
    """A new file could not be written; the message says why and what to do."""


def new_content_file(content_path, kind, title, day, category="Notes"):
    """Write a new post or service file and return its path; never overwrites."""
    folder, template = TEMPLATES[kind]
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise ScaffoldError(f'"{title}" gives an empty slug; use a title with letters or digits')
    path = Path(content_path) / folder / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another title or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    one_line_title = " ".join(title.split())
    path.write_text(
        template.format(title=one_line_title, slug=slug, date=day.isoformat(), category=category),
        encoding="utf-8",
    )
    return path
