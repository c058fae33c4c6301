"""The price-change feed: every change of every listed service, past and announced, as Atom.

Built with feedgenerator, as Pelican builds its own feeds. An entry is one
change: the service, the old and the new price, the day it takes effect and the
author's note. Its id is fixed by the service and the day, so when an announced
change takes effect readers see the same entry, not a new one.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from feedgenerator import Atom1Feed, get_tag_uri
from markupsafe import Markup, escape

from .contract import make_price
from .formatting import format_day

# An empty feed still needs an <updated>; feedgenerator would write the build's time,
# making every build's file differ (and publish a new commit each day for nothing).
NO_CHANGES_YET = datetime(1970, 1, 1, tzinfo=UTC)


class PriceChangeFeed(Atom1Feed):
    """Atom whose <updated> is its latest entry's date: the same prices give the same file."""

    def latest_post_date(self):
        return super().latest_post_date() if self.items else NO_CHANGES_YET


@dataclass(frozen=True)
class PriceChange:
    """One change of one service's price."""

    service: object
    day: date
    old_text: str
    new_text: str
    day_text: str
    note: str | None
    announced: bool  # not in effect on the build date

    @property
    def title(self):
        when = f"from {self.day_text}" if self.announced else f"since {self.day_text}"
        return f"{self.service.name}: {self.old_text} \u2192 {self.new_text} {when}"

    @property
    def summary(self):
        verb = "will cost" if self.announced else "costs"
        text = f"{self.service.name} {verb} {self.new_text} from {self.day_text} (before: {self.old_text})."
        return f"{text} {self.note}" if self.note else text


def price_changes(services, today, locale):
    """Every dated change of every service, newest first."""
    changes = []
    for service in services:
        terms = service.terms
        price = terms.price
        kind = "fixed" if price.type == "fixed" else "from"

        def text(amount, price=price, kind=kind):
            return make_price(amount, None, price.currency, price.unit, kind, locale).in_sentence

        scheduled_day = terms.next_change.day if terms.next_change else None
        applied_day = terms.applied_change.day if terms.applied_change else None
        for day, old, new in terms.timeline.changes():
            note = None
            if day in (scheduled_day, applied_day):
                note = (terms.next_change or terms.applied_change).note
            changes.append(
                PriceChange(
                    service=service,
                    day=day,
                    old_text=text(old),
                    new_text=text(new),
                    day_text=format_day(day, locale),
                    note=note,
                    announced=today is not None and day > today,
                )
            )
    return sorted(changes, key=lambda change: (change.day, change.service.name), reverse=True)


def change_feed(changes, settings, index_url, feed_url):
    """An Atom1Feed of `changes`; links are absolute when SITEURL is."""
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    siteurl = settings.get("SITEURL", "")
    author = (
        settings["PRICING"]["provider_name"] or settings.get("AUTHOR") or settings.get("SITENAME")
    )
    feed = PriceChangeFeed(
        # SITENAME may hold markup; Pelican strips it for its feed titles too.
        title=f"Price changes \u00b7 {Markup(settings.get('SITENAME', '')).striptags()}",  # noqa: S704
        link=f"{siteurl}/{index_url}",
        feed_url=f"{siteurl}/{feed_url}",
        description="Every price change of every service, past and announced.",
        author_name=author,
        feed_guid=get_tag_uri(f"{siteurl or 'http://localhost'}/{feed_url}", None),
    )
    for change in changes:
        link = change.service.absolute_url(siteurl)
        moment = datetime.combine(change.day, time(), tzinfo=zone)
        feed.add_item(
            title=change.title,
            link=link,
            # Atom's summary is type="html": the plain text is escaped once for it.
            description=str(escape(change.summary)),
            # tag:host,day:/services/slug/ -- one service changes price at most once a day.
            unique_id=get_tag_uri(
                f"{siteurl or 'http://localhost'}/{change.service.url}", change.day
            ),
            updateddate=moment,
            pubdate=moment,
        )
    return feed
