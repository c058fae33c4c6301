"""Helpers for the pricing tests: service pages written from a few fields."""

import pytest


def service_markdown(title="Audit", body="What you get.", **fields):
    """A service page: Title, then each field as `Name: value`, then the body."""
    lines = [f"Title: {title}"]
    lines += [f"{name}: {value}" for name, value in fields.items()]
    return "\n".join(lines) + "\n\n" + body + "\n"


@pytest.fixture
def priced_site(site_factory):
    """A fixture site plus `add_service(slug, **fields)` writing content/services/<slug>.md."""
    site = site_factory()

    def add_service(slug, title=None, body="What you get.", **fields):
        fields = {"Slug": slug, **fields}
        text = service_markdown(title or slug.replace("-", " ").title(), body, **fields)
        site.write(f"services/{slug}.md", text)

    site.add_service = add_service
    return site
