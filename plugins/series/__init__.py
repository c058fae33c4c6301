"""Posts in a series (`Series: Customer Service Office Hours`) link to each other.

Content fields: `Series` (the series name) and, optionally, `Series_Part` (a whole
number; without it, posts are ordered by date). Each published post in a series
gets `series_items` (the posts of the series, in order) and `series_position`
(1-based), computed once per build so a page's work does not grow with the site.
"""

import logging
from collections import defaultdict

from pelican import signals
from plugin_support.content_fields import register_fields

logger = logging.getLogger(__name__)


def _part_number(article):
    raw = getattr(article, "series_part", None)
    if raw is None:
        return None
    try:
        return int(str(raw).strip())
    except ValueError:
        logger.error(
            '%s: Series_Part: "%s" is not a whole number (write e.g. Series_Part: 2)',
            article.source_path,
            raw,
        )
        return None


def link_series(generator):
    """Group the listed posts by series and give each its neighbours."""
    by_series = defaultdict(list)
    for article in generator.articles:
        name = getattr(article, "series", None)
        if name:
            by_series[str(name).strip()].append(article)
    for name, members in by_series.items():
        members.sort(key=lambda item: (_part_number(item) or 0, item.date))
        for position, article in enumerate(members, start=1):
            article.series_name = name
            article.series_items = members
            article.series_position = position


def register_series_fields(pelican):
    register_fields(pelican.settings, "series", ("series", "series_part"))


def register():
    signals.initialized.connect(register_series_fields)
    # article_generator_finalized: the list of published posts is final (scheduled and
    # draft posts already removed by publication_status), and nothing is written yet.
    signals.article_generator_finalized.connect(link_series)
