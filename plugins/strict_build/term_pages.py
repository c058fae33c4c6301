"""Which categories, tags and authors have a page in this build, for the theme's links.

Pelican writes a category, tag or author page only for the listed posts that use
it, so a hidden post, a draft in the preview or a translation can name a category
that has no page. The theme links a term only when its URL is in
`terms_with_pages`, and prints it as plain text otherwise.
"""

TAXONOMIES = ("categories", "tags", "authors")


def terms_with_pages(generator):
    """The URLs of every category, tag and author page this build writes."""
    urls = set()
    for taxonomy in TAXONOMIES:
        terms = getattr(generator, taxonomy)
        entries = terms.items() if isinstance(terms, dict) else terms
        urls.update(term.url for term, _articles in entries if term.save_as)
    return frozenset(urls)


def share_terms_with_pages(generator):
    """article_generator_finalized: every template written after this sees the set."""
    generator.context["terms_with_pages"] = terms_with_pages(generator)
