"""`{price}slug`, `{price_now}slug` and `{service}slug` in any post or page.

References stay in the stored content and are resolved each time Pelican asks
for the HTML, from the services read in *this* build. Pelican's content cache
keeps what the reader produced, so a cached post still holds the reference
and picks up a price changed since the last build.

A slug names a service or a group of tiers. `{price}` in a dated post adds
"(was … when this was written)" when the price has changed since (citations.py);
`{price_now}` never does.

Inside `<code>` and `<pre>` a reference is text about the syntax and stays as written.
"""

import re

from markupsafe import escape

REFERENCE = re.compile(r"\{(?P<kind>price_now|price|service)\}(?P<slug>[\w-]+)")
CODE = re.compile(r"(<(pre|code)\b.*?</\2>)", re.S | re.I)
PRICE_KINDS = ("price", "price_now")


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
    if not html or REFERENCE.search(html) is None:
        return []  # most posts cite nothing: no need to find their code blocks
    return [
        (match.group("kind"), match.group("slug"))
        for is_code, text in _outside_code(html)
        if not is_code
        for match in REFERENCE.finditer(text)
    ]


def resolve_references(html, citable, written_on=None, today=None, render_note=None):
    """Replace references to known services and groups (unknown ones are reported elsewhere).

    `citable` maps a slug to a Service or ServiceGroup (catalogue.py). `{service}slug`
    of a service becomes Pelican's own `{filename}` link to its file, so Pelican
    computes the URL (SITEURL, relative URLs) exactly as for any link; a group has no
    file and links to its page. With `written_on` (the post's day) and `render_note`
    (Citation -> safe HTML), a changed price gets its note; otherwise the price alone.
    """

    def replace(match):
        target = citable.get(match.group("slug"))
        if target is None:
            # Reported once by check_references; left as is, {service} would also make
            # Pelican warn about an unknown replacement indicator.
            return f"#unknown-service-{match.group('slug')}"
        kind = match.group("kind")
        if kind == "service":
            return target.reference_link
        citation = target.citation(written_on if kind == "price" else None, today)
        if citation.has_changed and render_note is not None:
            return str(render_note(citation))
        return str(escape(citation.price_text))

    if REFERENCE.search(html) is None:
        return str(html)  # what the parts below join back into (a plain str)
    return "".join(
        text if is_code else REFERENCE.sub(replace, text) for is_code, text in _outside_code(html)
    )
