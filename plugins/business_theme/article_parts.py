"""What the theme shows around a post's body, computed once per build.

Reading time and the table of contents come from the body's own HTML (the `##`
headings and their ids, as Markdown wrote them). Related posts are found with bounded
work per post: only the posts nearest in date within each shared tag are candidates,
so the cost does not grow with the size of the blog.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import quote

import lxml.etree
from markupsafe import Markup


@dataclass(frozen=True)
class TocEntry:
    """One `##` heading of a post: its id (the link target) and its text."""

    anchor: str
    text: str


# Pelican writes UTF-8; saying so keeps libxml2 from guessing the encoding.
UTF8_HTML = lxml.etree.HTMLParser(encoding="utf-8")


def read_body(html):
    """(h2 headings with ids, word count) of a post's HTML.

    Words are counted in each run of text between tags, so "a<em>b</em>" is two, as a
    reader skimming headings and emphasis would count them. libxml2 parses it: on a
    cold build of 1,000 posts Python's own HTML parser took about a second here.
    """
    if not html or not html.strip():
        return [], 0
    root = lxml.etree.fromstring(html.encode("utf-8"), UTF8_HTML)
    if root is None:
        return [], 0
    words = 0
    headings = []
    for node in root.iter():
        if _is_element(node):
            words += len(node.text.split()) if node.text else 0
            if node.tag == "h2" and node.get("id") is not None:
                text = " ".join(_text_inside(node).split())
                headings.append(TocEntry(node.get("id"), text))
        # A comment's own text is not read, but the text after it is.
        words += len(node.tail.split()) if node.tail else 0
    return headings, words


def _is_element(node):
    return isinstance(node.tag, str)  # comments and processing instructions are not


def _text_inside(element):
    """The text of an element and of everything in it; a comment's own text is left out."""
    parts = [element.text or ""]
    for node in element.iterdescendants():
        if _is_element(node):
            parts.append(node.text or "")
        parts.append(node.tail or "")
    return "".join(parts)


def reading_minutes(word_count, words_per_minute):
    return max(1, math.ceil(word_count / words_per_minute))


def plain_text(html):
    """A title as readers see it, as plain text: tags stripped, no-break spaces as spaces.

    Titles arrive as safe HTML (escaped by the strict reader, then typogrified).
    """
    return " ".join(Markup(html).striptags().split())  # noqa: S704 - only stripped here


def updated_date(article):
    """`Modified` when it is a later day than `Date`, else None."""
    modified = getattr(article, "modified", None)
    if modified is None or modified.date() <= article.date.date():
        return None
    return modified


def reply_by_email_url(address, title):
    """mailto: with the post's title as the subject; RFC 6068 wants spaces as %20."""
    subject = quote(f"Re: {plain_text(title)}", safe="")
    return f"mailto:{quote(address, safe='@')}?subject={subject}"


def tags_of(article):
    return getattr(article, "tags", None) or []


def related_posts(articles, limit, candidates_per_tag, extra_items=()):
    """{item: [related posts]} for every listed post (and `extra_items`, e.g. drafts).

    Candidates for a post are, for each of its tags, the `candidates_per_tag` posts of
    that tag nearest to it in date; they are ranked by shared tags, then by date.
    """
    if limit == 0:
        return {}
    by_date = sorted(articles, key=lambda post: post.date, reverse=True)
    posts_by_tag = defaultdict(list)
    position_in_tag = {}
    for post in by_date:
        for tag in tags_of(post):
            position_in_tag[(id(post), tag)] = len(posts_by_tag[tag])
            posts_by_tag[tag].append(post)
    half_window = max(1, candidates_per_tag // 2)
    # Worked out once per post: an aware datetime's timestamp() is slow, and the ranking
    # below would ask for it once per candidate of every post.
    newest_first = {id(post): -post.date.timestamp() for post in by_date}
    related = {}
    for item in [*by_date, *extra_items]:
        shared_tags = Counter()
        for tag in tags_of(item):
            tagged = posts_by_tag.get(tag, [])
            centre = position_in_tag.get((id(item), tag), 0)
            start = max(0, centre - half_window)
            for candidate in tagged[start : start + candidates_per_tag + 1]:
                if candidate is not item:
                    shared_tags[candidate] += 1
        ranked = sorted(shared_tags, key=lambda post: (-shared_tags[post], newest_first[id(post)]))
        related[item] = ranked[:limit]
    return related


def neighbours(articles):
    """{post: (older post, newer post)} in date order."""
    by_date = sorted(articles, key=lambda post: post.date)
    result = {}
    for index, post in enumerate(by_date):
        older = by_date[index - 1] if index > 0 else None
        newer = by_date[index + 1] if index + 1 < len(by_date) else None
        result[post] = (older, newer)
    return result
