"""The `## Questions` section of a service page, read as question/answer pairs.

Markdown turns the section into `<h2>Questions</h2>` followed by `<h3>` questions,
each followed by its answer. That regular shape is all this module relies on.
"""

import re
from dataclasses import dataclass

from markupsafe import Markup
from plugin_support.site_content import plain_text

HEADING = re.compile(r"<h([23])\b[^>]*>(.*?)</h\1>", re.S)


@dataclass(frozen=True)
class FaqEntry:
    """One question and its answer (trusted author HTML)."""

    question: Markup
    answer: Markup

    @property
    def question_text(self):
        return plain_text(self.question)

    @property
    def answer_text(self):
        return plain_text(self.answer)


@dataclass(frozen=True)
class FaqSection:
    """Where the section sits in the page HTML, and what it holds."""

    start: int
    end: int
    heading: Markup
    heading_id: str | None
    intro: Markup
    entries: list


def find_faq(html, heading_text):
    """Return the FaqSection titled `heading_text` in `html`, or None."""
    headings = list(HEADING.finditer(html))
    for position, match in enumerate(headings):
        heading = Markup(match.group(2)).striptags()  # noqa: S704 - author HTML, stripped
        # typogrify may have tied the last two words with a no-break space.
        if match.group(1) != "2" or heading.replace("\u00a0", " ") != heading_text:
            continue
        following = headings[position + 1 :]
        end = next((m.start() for m in following if m.group(1) == "2"), len(html))
        questions = [m for m in following if m.group(1) == "3" and m.start() < end]
        intro_end = questions[0].start() if questions else end
        entries = []
        for index, question in enumerate(questions):
            answer_end = questions[index + 1].start() if index + 1 < len(questions) else end
            entries.append(
                FaqEntry(
                    question=Markup(question.group(2).strip()),  # noqa: S704 - author HTML
                    answer=Markup(html[question.end() : answer_end].strip()),  # noqa: S704
                )
            )
        id_match = re.search(r'\bid="([^"]*)"', match.group(0))
        return FaqSection(
            start=match.start(),
            end=end,
            heading=Markup(match.group(2)),  # noqa: S704 - author HTML
            heading_id=id_match.group(1) if id_match else None,
            intro=Markup(html[match.end() : intro_end].strip()),  # noqa: S704
            entries=entries,
        )
    return None


def faq_problems(section):
    """Mistakes in a Questions section, as (problem, fix) pairs."""
    if section is None:
        return []
    if not section.entries:
        return [("the section has no ### questions", "write each question as a ### heading")]
    return [
        (f'"{entry.question_text}" has no answer', "write the answer below the ### question")
        for entry in section.entries
        if not entry.answer_text.strip()
    ]
