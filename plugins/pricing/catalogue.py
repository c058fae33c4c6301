"""The site's services and groups of tiers, with their terms, FAQ and URLs, as of the build date.

Built once per build after every page is read, and kept in the generator
context (shared by every generator and content object of this build only).
"""

import logging
import os
from dataclasses import dataclass, field

from pelican import signals
from pelican.contents import Page
from pelican.utils import slugify
from plugin_support.build_clock import build_day
from plugin_support.pelican_internals import reader_output
from plugin_support.settings import report_setting_problem
from plugin_support.site_content import items_of, plain_text

from .citations import group_citation, service_citation
from .contract import CONTENT_FIELDS, ServiceTerms, read_service
from .faq import faq_problems, find_faq
from .field_values import field_text
from .groups import GroupPlan, TierEntry, comparison_rows, plan_groups, price_span
from .notes import note_applied_change, note_ended_sale
from .references import resolve_references
from .rendering import theme_has_template
from .settings import GROUP_FOLDER
from .structured_data import group_jsonld, page_jsonld

logger = logging.getLogger(__name__)

CONTEXT_KEY = "PRICING_SERVICES"
GROUPS_KEY = "PRICING_GROUPS"
TODAY_KEY = "PRICING_TODAY"
# Slugs of service pages with mistakes: already reported, so citing them is not a new error.
INVALID_KEY = "PRICING_INVALID_SERVICES"
# Slugs of valid service pages with Status: draft: citing one gets its own message.
DRAFT_KEY = "PRICING_DRAFT_SERVICES"


@dataclass(eq=False)  # one object per page: compared by identity
class Service:
    """One service page and what the pricing plugin knows about it."""

    page: object
    terms: ServiceTerms
    locale: str = "en_US"
    faq: list = field(default_factory=list)
    jsonld: list = field(default_factory=list)
    group: object = None  # the ServiceGroup this service is a tier of

    @property
    def slug(self):
        return self.page.slug

    @property
    def name(self):
        return plain_text(self.page.title)

    @property
    def summary_text(self):
        summary = self.page.metadata.get("summary")
        return plain_text(summary) if summary else ""

    @property
    def source_file(self):
        """Path relative to the content folder, as Pelican's {filename} links expect."""
        return self.page.get_relative_source_path()

    @property
    def is_listed(self):
        return self.page.status == "published"

    @property
    def url(self):
        return self.page.url

    @property
    def reference_link(self):
        return "{filename}/" + self.source_file

    def citation(self, written_on=None, today=None):
        return service_citation(self.terms, self.locale, written_on, today)

    def absolute_url(self, siteurl):
        return f"{siteurl}/{self.page.url}"


@dataclass(eq=False)
class ServiceGroup:
    """Tiers of one offer (services sharing a Group: line), compared on their own page."""

    name: str
    slug: str
    url: str
    save_as: str
    tiers: list  # Service, in tier order
    siteurl: str = ""
    intro: object = None  # the Page read from groups/<slug>.md, if any
    jsonld: list = field(default_factory=list)

    @property
    def title(self):
        return plain_text(self.intro.title) if self.intro and self.intro.title else self.name

    @property
    def summary_text(self):
        """The introduction's Summary, or else the tiers' summaries."""
        summary = self.intro.metadata.get("summary") if self.intro else None
        if summary:
            return plain_text(summary)
        return " ".join(tier.summary_text for tier in self.tiers if tier.summary_text)

    @property
    def recommended(self):
        return next((tier for tier in self.tiers if tier.terms.recommended), None)

    @property
    def span(self):
        return price_span([tier.terms.headline for tier in self.tiers], self.tiers[0].locale)

    @property
    def comparison(self):
        return comparison_rows([tier.terms.includes for tier in self.tiers])

    @property
    def has_turnaround(self):
        return any(tier.terms.turnaround for tier in self.tiers)

    @property
    def is_listed(self):
        return True

    @property
    def reference_link(self):
        return f"{self.siteurl}/{self.url}"

    def citation(self, written_on=None, today=None):
        return group_citation(self.span)

    def absolute_url(self, siteurl):
        return f"{siteurl}/{self.url}"


def service_pages(generator, service_path):
    """Every page (any status, any language) whose file sits under `service_path`."""
    folder = service_path.strip("/") + "/"
    return [
        page for page in items_of(generator) if page.get_relative_source_path().startswith(folder)
    ]


def index_entries(services, groups):
    """What the pricing index lists, in order: services, and each group once where its
    first tier would be. Order by Order (if any), then by price, then name."""
    chosen = [service for service in services.values() if service.is_listed]
    ordered = sorted(
        chosen,
        key=lambda service: (
            service.terms.order is None,
            service.terms.order or 0,
            service.terms.regular.amount,  # not a sale's price: the order stays put
            service.name.lower(),
        ),
    )
    entries, shown_groups = [], set()
    for service in ordered:
        group = service.group
        if group is None or groups.get(group.slug) is not group:
            entries.append(service)
        elif group.slug not in shown_groups:
            shown_groups.add(group.slug)
            entries.append(group)
    return entries


def listed_services(services, groups=None):
    """Published services in index order, a group's tiers together in tier order."""
    listed = []
    for entry in index_entries(services, groups or {}):
        listed += entry.tiers if isinstance(entry, ServiceGroup) else [entry]
    return listed


def log_problem(source_path, field_name, problem, fix):
    logger.error("%s: %s: %s (%s)", source_path, field_name, problem, fix)


def check_settings_dates(settings, today):
    """PRICING["price_valid_until"] must not be before the build date (see plugin_support.build_clock)."""
    valid_until = settings["PRICING"]["price_valid_until"]
    if valid_until is not None and valid_until < today:
        report_setting_problem(
            settings,
            'PRICING["price_valid_until"]',
            f"{valid_until.isoformat()} is before the build date {today.isoformat()}",
            "the prices have expired: write a later date, or None",
        )


def collect_services(generator):
    """page_generator_finalized handler: read every service page's terms and FAQ, then groups.

    Each mistake is logged as one line; a service with mistakes gets `service = None`
    (its page still renders) and is not in the catalogue.
    """
    settings = generator.settings
    pages = service_pages(generator, settings["PRICING"]["service_path"])
    today = build_day(settings)
    check_settings_dates(settings, today)
    read = read_all_terms(pages, settings["PRICING"], today)
    groups = collect_groups(generator, pages, read.catalogue)
    add_faqs_and_structured_data(pages, groups, read.catalogue, settings)
    if choose_presentation(generator):
        use_service_template(pages)
    generator.context[CONTEXT_KEY] = read.catalogue
    generator.context[GROUPS_KEY] = groups
    generator.context[TODAY_KEY] = today
    generator.context[INVALID_KEY] = read.invalid
    generator.context[DRAFT_KEY] = read.drafts - set(read.catalogue)


@dataclass
class ReadTerms:
    """Every service page's terms, sorted by what citing the page would find."""

    catalogue: dict = field(default_factory=dict)  # slug -> Service, published ones
    invalid: set = field(default_factory=set)  # slugs of pages with mistakes
    drafts: set = field(default_factory=set)  # slugs of valid drafts


def read_all_terms(pages, pricing, today):
    """Read each page's terms into `page.service` (None with mistakes, each logged)."""
    read = ReadTerms()
    for page in pages:
        terms, problems = read_service(page.metadata, pricing, today)
        for problem in problems:
            log_problem(page.source_path, problem.field, problem.problem, problem.fix)
        if problems:
            read.invalid.add(page.slug)
        page.service = Service(page=page, terms=terms, locale=pricing["locale"]) if terms else None
        # A translation shares its original's slug: only the original is cited and noted.
        if page.service and page.in_default_lang:
            if page.status == "draft":
                read.drafts.add(page.slug)
            else:
                read.catalogue.setdefault(page.slug, page.service)
            note_what_the_date_changed(page.source_path, terms)
    return read


def note_what_the_date_changed(source_path, terms):
    """An announced price that took effect, a sale that ended: info lines, not mistakes."""
    if terms.applied_change:
        note_applied_change(source_path, terms, terms.applied_change)
    if terms.ended_sale:
        note_ended_sale(source_path, terms.ended_sale)


def add_faqs_and_structured_data(pages, groups, catalogue, settings):
    """Each service's FAQ and JSON-LD, and each group's JSON-LD."""
    pricing = settings["PRICING"]
    citable = {**catalogue, **groups}
    # FAQ answers may cite other services' prices, so they are read once all terms are known.
    # A page whose fields have mistakes is checked too: every mistake shows in one run.
    for page in pages:
        section = find_faq(resolve_references(reader_output(page), citable), pricing["faq_heading"])
        for problem, fix in faq_problems(section):
            log_problem(page.source_path, pricing["faq_heading"], problem, fix)
        if page.service is None:
            continue
        page.service.faq = section.entries if section else []
        page.service.jsonld = page_jsonld(page.service, settings)
    for group in groups.values():
        group.jsonld = group_jsonld(group, settings)


def use_service_template(pages):
    """Service pages render with the theme's service.html, unless one names its own Template."""
    for page in pages:
        if "template" not in page.metadata:
            page.template = "service"


def collect_groups(generator, pages, catalogue):
    """Check the groups of tiers and build them: {group slug: ServiceGroup}."""
    settings = generator.settings
    tiers = []
    for page in pages:
        group_name = field_text(page.metadata, "group")
        if not group_name or not page.in_default_lang:
            continue
        tiers.append(
            TierEntry(
                source_path=page.source_path,
                slug=page.slug,
                name=plain_text(page.title),
                group_name=group_name,
                listed=page.status == "published",
                terms=page.service.terms if page.service else None,
            )
        )
    service_slugs = sorted(
        {(page.source_path, page.slug) for page in pages if page.in_default_lang}
    )
    plans, problems = plan_groups(tiers, service_slugs, lambda name: group_slug(name, settings))
    for source_path, problem in problems:
        log_problem(source_path, problem.field, problem.problem, problem.fix)
    # An introduction may name any group a tier names, even one with mistakes (already
    # reported); only groups that are built get theirs.
    named = {group_slug(tier.group_name, settings) for tier in tiers} - {""}
    intros = read_group_intros(generator, named)
    groups = {}
    for plan in plans:
        groups[plan.slug] = make_group(plan, catalogue, intros.get(plan.slug), settings)
        for tier in groups[plan.slug].tiers:
            tier.group = groups[plan.slug]
    return groups


def group_slug(name, settings):
    return slugify(name, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))


def make_group(plan: GroupPlan, catalogue, intro, settings):
    pricing = settings["PRICING"]
    return ServiceGroup(
        name=plan.name,
        slug=plan.slug,
        url=pricing["page_url"].format(slug=plan.slug),
        save_as=pricing["page_save_as"].format(slug=plan.slug),
        tiers=[catalogue[tier.slug] for tier in plan.tiers],
        siteurl=settings.get("SITEURL", ""),
        intro=intro,
    )


def group_folder(settings):
    return os.path.join(settings["PRICING"]["service_path"].strip("/"), GROUP_FOLDER)


def read_group_intros(generator, group_slugs):
    """Read content/<service_path>/groups/<group-slug>.<ext> with Pelican's readers.

    Returns {group slug: Page}. A file naming no group, or stating a price, is a mistake.
    `group_slugs`: the slugs of every group some tier names.
    """
    intros = {}
    for stem, relative in group_intro_files(generator):
        page = read_intro_page(generator, relative)
        if page is None:
            continue
        report_intro_prices(page)
        if stem not in group_slugs:
            known = ", ".join(sorted(group_slugs)) or "none yet"
            log_problem(
                page.source_path,
                "file name",
                f'"{stem}" is not the slug of a group',
                f"name the file after its group's slug; known: {known}",
            )
            continue
        intros[stem] = page
    return intros


def group_intro_files(generator):
    """[(file stem, path relative to the content folder), …] that a reader can read."""
    folder = group_folder(generator.settings)
    absolute_folder = os.path.join(generator.path, folder)
    if not os.path.isdir(absolute_folder):
        return []
    files = []
    for name in sorted(os.listdir(absolute_folder)):
        stem, extension = os.path.splitext(name)
        if extension.lstrip(".") in generator.readers.extensions:
            files.append((stem, os.path.join(folder, name)))
    return files


def read_intro_page(generator, relative):
    """The introduction as a Page, as the page generator reads pages; None if it cannot be."""
    try:
        page = generator.readers.read_file(
            base_path=generator.path,
            path=relative,
            content_class=Page,
            context=generator.context,
            preread_signal=signals.page_generator_preread,
            preread_sender=generator,
            context_signal=signals.page_generator_context,
            context_sender=generator,
        )
    except Exception:  # the strict reader has named the field; Pelican's wording otherwise
        logger.error("Could not process %s", relative)
        return None
    return page if isinstance(page, Page) else None  # not a Page: Status: skip


def report_intro_prices(page):
    """A group introduction states no price: each tier's own file holds it."""
    price_fields = [key for key in CONTENT_FIELDS if key in page.metadata]
    if price_fields:
        log_problem(
            page.source_path,
            field_label(price_fields[0]),
            "a group introduction states no price",
            "each tier's own file holds its price; remove "
            + ", ".join(field_label(key) for key in price_fields),
        )


def field_label(key):
    """ "price_next_from" as the author writes it: "Price_Next_From"; "action_url": "Action_URL"."""
    return "_".join("URL" if part == "url" else part.capitalize() for part in key.split("_"))


def choose_presentation(generator):
    """Decide between the theme's service.html and injecting the box into the content.

    Returns True when service pages should use the theme's service.html.
    """
    inject = generator.settings["PRICING"]["inject"]
    theme_knows_services = theme_has_template(generator.settings, "service.html")
    if inject == "auto":
        inject = not theme_knows_services
    generator.context["PRICING_INJECT_BOX"] = inject
    return theme_knows_services and not inject
