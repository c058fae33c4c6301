"""`{price}slug` and `{service}slug` in any post or page.

References stay in the stored content and are resolved each time Pelican asks
for the HTML, from the services read in *this* build. Pelican's content cache
keeps what the reader produced, so a cached post still holds the reference
and picks up a price changed since the last build.

Inside `<code>` and `<pre>` a reference is text about the syntax and stays as written.
"""

import re

from markupsafe import escape

REFERENCE = re.compile(r"\{(?P<kind>price|service)\}(?P<slug>[\w-]+)")
CODE = re.compile(r"(<(pre|code)\b.*?</\2>)", re.S | re.I)


def _outside_code(html):
    """The parts of `html` outside <code>/<pre>, as (is_code, text) pairs in order."""
    parts = []
    position = 0
    for match in CODE.finditer(html):
        parts.append((False, html[position : match.start()]))
        parts.append((True, match.group(0)))
        position = match.end()
    parts.append((False, html[position:]))
    return parts


def references_in(html):
    """Every (kind, slug) referenced in `html` outside code, in order."""
    return [
        (match.group("kind"), match.group("slug"))
        for is_code, text in _outside_code(html or "")
        if not is_code
        for match in REFERENCE.finditer(text)
    ]


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

    return "".join(
        text if is_code else REFERENCE.sub(replace, text) for is_code, text in _outside_code(html)
    )
