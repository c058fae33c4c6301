"""Numbered pagination that keeps its shape on big blogs: « 1 … 58 59 60 61 62 … 119 ».

Pelican gives each listing page its paginator and page; `numbered_pagination` turns them
into the few links a page shows. Templates call it (a Jinja global) and render the result.
"""

from dataclasses import dataclass

# Pages shown either side of the current one, and at each end.
AROUND_CURRENT = 2
AT_EACH_END = 1


@dataclass(frozen=True)
class PageLink:
    """One entry of the page list: a numbered page, or a gap ("…") when number is None."""

    number: int | None
    url: str = ""
    is_current: bool = False


@dataclass(frozen=True)
class Pagination:
    number: int
    total: int
    pages: list
    previous_url: str | None
    next_url: str | None


def page_numbers(current, total, around=AROUND_CURRENT, at_each_end=AT_EACH_END):
    """The page numbers to show, with None for each gap: 1 … 58 59 60 61 62 … 119.

    A gap that would hide a single page shows that page instead ("1 2 3", not "1 … 3").
    """
    shown = set(range(1, min(at_each_end, total) + 1))
    shown |= set(range(max(1, total - at_each_end + 1), total + 1))
    shown |= set(range(max(1, current - around), min(total, current + around) + 1))
    numbers = []
    previous = 0
    for number in sorted(shown):
        if number - previous == 2:
            numbers.append(number - 1)
        elif number - previous > 2:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers


def numbered_pagination(paginator, page):
    """The links for `page` of a Pelican paginator; None when there is only one page."""
    if paginator is None or page is None or paginator.num_pages < 2:
        return None
    links = [
        PageLink(None)
        if number is None
        else PageLink(number, paginator.page(number).url, number == page.number)
        for number in page_numbers(page.number, paginator.num_pages)
    ]
    return Pagination(
        number=page.number,
        total=paginator.num_pages,
        pages=links,
        previous_url=paginator.page(page.number - 1).url if page.has_previous() else None,
        next_url=paginator.page(page.number + 1).url if page.has_next() else None,
    )
