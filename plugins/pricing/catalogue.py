"""The site's services: each valid service page with its terms, FAQ and URLs.

Built once per build after every page is read, and kept in the generator
context (shared by every generator and content object of this build only).
"""

import logging
from dataclasses import dataclass, field

from plugin_support.pelican_internals import reader_output
from plugin_support.settings import report_setting_problem
from plugin_support.site_content import items_of, plain_text

from .clock import build_day
from .contract import ServiceTerms, read_service
from .faq import faq_problems, find_faq
from .references import resolve_references
from .rendering import theme_has_template
from .structured_data import page_jsonld

logger = logging.getLogger(__name__)

CONTEXT_KEY = "PRICING_SERVICES"
# Slugs of service pages with mistakes: already reported, so citing them is not a new error.
INVALID_KEY = "PRICING_INVALID_SERVICES"
# Slugs of valid service pages with Status: draft: citing one gets its own message.
DRAFT_KEY = "PRICING_DRAFT_SERVICES"


@dataclass
class Service:
    """One service page and what the pricing plugin knows about it."""

    page: object
    terms: ServiceTerms
    faq: list = field(default_factory=list)
    jsonld: list = field(default_factory=list)

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

    def absolute_url(self, siteurl):
        return f"{siteurl}/{self.page.url}"


def service_pages(generator, service_path):
    """Every page (any status, any language) whose file sits under `service_path`."""
    folder = service_path.strip("/") + "/"
    return [
        page for page in items_of(generator) if page.get_relative_source_path().startswith(folder)
    ]


def listed_services(services):
    """Published services in index order: by Order (if any), then by price, then name."""
    chosen = [service for service in services.values() if service.is_listed]
    return sorted(
        chosen,
        key=lambda service: (
            service.terms.order is None,
            service.terms.order or 0,
            service.terms.price.amount,
            service.name.lower(),
        ),
    )


def log_problem(source_path, field_name, problem, fix):
    logger.error("%s: %s: %s (%s)", source_path, field_name, problem, fix)


def check_settings_dates(settings, today):
    """PRICING["price_valid_until"] must not be before the build date (see clock.py)."""
    valid_until = settings["PRICING"]["price_valid_until"]
    if valid_until is not None and valid_until < today:
        report_setting_problem(
            settings,
            'PRICING["price_valid_until"]',
            f"{valid_until.isoformat()} is before the build date {today.isoformat()}",
            "the prices have expired: write a later date, or None",
        )


def collect_services(generator):
    """page_generator_finalized handler: read every service page's terms and FAQ.

    Each mistake is logged as one line; a service with mistakes gets `service = None`
    (its page still renders) and is not in the catalogue.
    """
    settings = generator.settings
    pricing = settings["PRICING"]
    pages = service_pages(generator, pricing["service_path"])
    today = build_day(settings)
    check_settings_dates(settings, today)
    catalogue = {}
    invalid = set()
    drafts = set()
    for page in pages:
        terms, problems = read_service(page.metadata, pricing, today)
        for problem in problems:
            log_problem(page.source_path, problem.field, problem.problem, problem.fix)
        if problems:
            invalid.add(page.slug)
        page.service = Service(page=page, terms=terms) if terms else None
        if page.service and page.in_default_lang:
            if page.status == "draft":
                drafts.add(page.slug)
            else:
                catalogue.setdefault(page.slug, page.service)

    # FAQ answers may cite other services' prices, so they are read once all terms are known.
    # A page whose fields have mistakes is checked too: every mistake shows in one run.
    for page in pages:
        section = find_faq(
            resolve_references(reader_output(page), catalogue), pricing["faq_heading"]
        )
        for problem, fix in faq_problems(section):
            log_problem(page.source_path, pricing["faq_heading"], problem, fix)
        if page.service is None:
            continue
        page.service.faq = section.entries if section else []
        page.service.jsonld = page_jsonld(page.service, settings)

    use_theme_template = choose_presentation(generator)
    if use_theme_template:
        for page in pages:
            if "template" not in page.metadata:
                page.template = "service"
    generator.context[CONTEXT_KEY] = catalogue
    generator.context[INVALID_KEY] = invalid
    generator.context[DRAFT_KEY] = drafts - set(catalogue)


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
