"""The content fields (`Title:`, `Price:` ...) the site understands, so a misspelled one is an error.

Each plugin registers the fields it reads, once per build at `initialized`:

    register_fields(pelican.settings, "series", ("series", "series_part"))

and a site declares its own in SITE_CONTENT_FIELDS (a list of names). Any other
field in a file is one line naming it and the closest known field; without that,
`Catgory: Pricing` silently files a post under the default category.
"""

import difflib

SETTINGS_KEY = "CONTENT_FIELDS_KNOWN"  # {field: who understands it}, built each build
SITE_FIELDS_SETTING = "SITE_CONTENT_FIELDS"

# What Pelican itself reads from a file's header (Pelican 4.12 readers and contents).
PELICAN_FIELDS = (
    "title",
    "date",
    "modified",
    "category",
    "tags",
    "author",
    "authors",
    "slug",
    "status",
    "summary",
    "lang",
    "translation",
    "save_as",
    "url",
    "template",
)


def register_fields(settings, owner, fields):
    """Record that `owner` (a plugin or the theme) understands `fields` (lowercase names)."""
    known = settings.setdefault(SETTINGS_KEY, {})
    for field in fields:
        known.setdefault(field.lower(), owner)


def known_fields(settings):
    site_fields = settings.get(SITE_FIELDS_SETTING) or ()
    return {
        *PELICAN_FIELDS,
        *(settings.get(SETTINGS_KEY) or {}),
        *(str(field).lower() for field in site_fields),
    }


WRITTEN_IN_CAPITALS = {"url": "URL"}


def as_written(field):
    """How an author writes a field: Price_Unit for price_unit, Action_URL for action_url."""
    return "_".join(WRITTEN_IN_CAPITALS.get(part, part.capitalize()) for part in field.split("_"))


def unknown_field_problems(fields, settings):
    """(field as written, fix) for every field in `fields` that nothing understands."""
    known = known_fields(settings)
    problems = []
    for field in fields:
        if field in known:
            continue
        closest = difflib.get_close_matches(field, sorted(known), n=1, cutoff=0.6)
        suggestion = f"did you mean {as_written(closest[0])}? " if closest else ""
        problems.append(
            (
                as_written(field),
                f"{suggestion}A field of your own must be listed in {SITE_FIELDS_SETTING} "
                "in pelicanconf.py",
            )
        )
    return problems
