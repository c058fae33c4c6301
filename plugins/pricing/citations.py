"""What `{price}slug` says in a post: today's price, and the price when the post was written.

A post dated when the service cost something else gets "(was $1,200 when this
was written)" beside today's price; `{price_now}slug` leaves the note out, and
PRICING["citation_note"] turns it off everywhere. The older price comes from
the service's timeline (Price_History, Price_Updated, Price_Next) and the
post's date. Pure: values in, a `Citation` out; templates word the note.
"""

from dataclasses import dataclass
from datetime import date

from .contract import make_price


@dataclass(frozen=True)
class Citation:
    """A cited price: today's (`price_text`), and the one the post saw if it differed."""

    price_text: str
    was_text: str | None = None
    written_on: date | None = None

    @property
    def has_changed(self):
        return self.was_text is not None


def service_citation(terms, locale, written_on=None, today=None):
    """Cite a service; with `written_on` (the post's day), note an older price.

    No note for a post dated after the build date (it is scheduled, and the
    price it will see is not known yet), nor when the fields cannot tell the
    price on that day. Fees are added to the older price as they are today.
    """
    headline = terms.regular
    if written_on is None or (today is not None and written_on > today):
        return Citation(price_text=headline.in_sentence)
    was_amount = terms.timeline.price_on(written_on)
    if was_amount is None or was_amount == terms.price.amount:
        return Citation(price_text=headline.in_sentence)
    price = terms.price
    was = make_price(
        was_amount + terms.fees_total,
        None,
        price.currency,
        price.unit,
        "fixed" if price.type == "fixed" else "from",
        locale,
    )
    return Citation(
        price_text=headline.in_sentence, was_text=was.in_sentence, written_on=written_on
    )


def group_citation(span):
    """Cite a group: the start of its span, "from $900"."""
    return Citation(price_text=span.in_sentence)
