"""Shared values and helpers for the pricing tests."""

from fixture_sites import project_settings

# Read by path: `import pelicanconf` returns whatever settings module is in sys.modules.
PROJECT_PRICING = project_settings()["PRICING"]

__all__ = [
    "NOTMYIDEA",
    "PROJECT_PRICING",
    "add_service",
    "service_file",
    "service_markdown",
    "text_of",
    "write_files",
]

# Pelican's own notmyidea theme, which knows nothing of pricing: the plugin's fallbacks show.
NOTMYIDEA = {
    "THEME": "notmyidea",
    "JINJA_ENVIRONMENT": {"extensions": []},  # Pelican's defaults for its own theme
    # notmyidea has no search.html for site_search's page.
    "DIRECT_TEMPLATES": ["index", "archives", "categories", "tags", "authors"],
    "SITE_SEARCH": {"enabled": False},
}


def service_markdown(title="Audit", body="What you get.", **fields):
    """A service page: Title, then each field as `Name: value`, then the body."""
    lines = [f"Title: {title}"]
    lines += [f"{name}: {value}" for name, value in fields.items()]
    return "\n".join(lines) + "\n\n" + body + "\n"


def service_file(slug, title=None, body="What you get.", **fields):
    """content/services/<slug>.md as (path, text), for a table of fixture files."""
    fields = {"Slug": slug, **fields}
    text = service_markdown(title or slug.replace("-", " ").title(), body, **fields)
    return f"services/{slug}.md", text


def add_service(site, slug, title=None, body="What you get.", **fields):
    """Write content/services/<slug>.md into a fixture site (from `site_factory`)."""
    return site.write(*service_file(slug, title, body, **fields))


def write_files(site, files):
    """Write (path, text) pairs, paths inside the content folder, into a fixture site."""
    for path, text in files:
        site.write(path, text)


def text_of(element):
    """Visible text with typogrify's no-break spaces and line breaks as plain spaces."""
    return " ".join(element.get_text(" ").replace("\u00a0", " ").split())
