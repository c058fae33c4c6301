"""`{price}slug` and `{service}slug` in any post or page.

References stay in the stored content and are resolved each time Pelican asks
for the HTML, from the services read in *this* build. Pelican's content cache
keeps what the reader produced, so a cached post still holds the reference
and picks up a price changed since the last build.
"""

import re

from markupsafe import escape

REFERENCE = re.compile(r"\{(?P<kind>price|service)\}(?P<slug>[\w-]+)")


def references_in(html):
    """Every (kind, slug) referenced in `html`, in order."""
    return [(m.group("kind"), m.group("slug")) for m in REFERENCE.finditer(html or "")]


def resolve_references(html, services):
    """Replace references to known services (unknown ones are reported by check_references).

    `{service}slug` becomes Pelican's own `{filename}` link to the service file, so
    Pelican computes the URL (SITEURL, relative URLs) exactly as for any link.
    """

    def replace(match):
        service = services.get(match.group("slug"))
        if service is None:
            # Reported once by check_references; left as is, {service} would also make
            # Pelican warn about an unknown replacement indicator.
            return f"#unknown-service-{match.group('slug')}"
        if match.group("kind") == "price":
            return str(escape(service.terms.price.in_sentence))
        return "{filename}/" + service.source_file

    return REFERENCE.sub(replace, html)
