"""The HTML Pelican shows for a post or page, computed when it is asked for.

Pelican stores what the reader produced (`_content`) and, when it is first
asked for `content`, calls the object's `_get_content` if it has one, then
resolves its own `{filename}` links and memoizes the result. Hooking in there
means every build recomputes references from the prices of that build, even
for a post that came out of the content cache.
"""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from markupsafe import Markup
from pelican.contents import Article, Page
from plugin_support.pelican_internals import (
    add_html_step,
    build_context,
    forget_memoized_html,
    reader_output,
)
from plugin_support.site_content import all_items

from .catalogue import CONTEXT_KEY, DRAFT_KEY, GROUPS_KEY, INVALID_KEY, TODAY_KEY, log_problem
from .faq import find_faq
from .notes import note_changed_citation
from .references import PRICE_KINDS, references_in, resolve_references
from .rendering import pricing_environment, render_snippet
from .settings import GROUP_FOLDER


def is_service_page(content):
    folder = content.settings["PRICING"]["service_path"].strip("/") + "/"
    path = content.get_relative_source_path()
    return (
        isinstance(content, Page)
        and path.startswith(folder)
        and not path.startswith(folder + GROUP_FOLDER + "/")  # a group's introduction
    )


def citable(context):
    """Everything {price}/{service} may name in this build: services and groups, by slug."""
    return {**(context.get(CONTEXT_KEY) or {}), **(context.get(GROUPS_KEY) or {})}


def written_on(content):
    """The day a dated post or page was written, in the site's TIMEZONE; None without a Date."""
    moment = getattr(content, "date", None)
    if moment is None:
        return None
    zone = ZoneInfo(content.settings.get("TIMEZONE") or "UTC")
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(zone).date()


def note_renderer(context):
    """Citation -> HTML from pricing/citation.html (a theme may override it)."""
    template = pricing_environment(context).get_template("pricing/citation.html")

    def render(citation):
        return Markup(template.render(citation=citation).strip())  # noqa: S704 - autoescaped

    return render


def citation_options(content):
    """Keyword arguments for resolve_references: the post's day, today, the note's markup."""
    context = build_context(content)
    if not content.settings["PRICING"]["citation_note"]:
        return {}
    return {
        "written_on": written_on(content),
        "today": context.get(TODAY_KEY),
        "render_note": note_renderer(context),
    }


def install_body_hook(content):
    """content_object_init handler: posts and pages that cite or are services get the hook.

    Service pages also get their own URL (services/<slug>/): Pelican has one
    PAGE_URL for every page folder.
    """
    if not isinstance(content, Article | Page):
        return
    service_page = is_service_page(content)
    # Other plugins (share/follow/signup) tell services apart by this mark alone.
    content.is_service_page = service_page
    if service_page or references_in(reader_output(content)):
        add_html_step(content, page_body)
    # Drafts keep DRAFT_PAGE_URL and translations PAGE_LANG_URL, so none collide.
    if service_page and content.status != "draft" and content.in_default_lang:
        pricing = content.settings["PRICING"]
        if "url" not in content.metadata:
            content.override_url = pricing["page_url"].format(slug=content.slug)
        if "save_as" not in content.metadata:
            content.override_save_as = pricing["page_save_as"].format(slug=content.slug)


def page_body(content, html):
    """References resolved and the FAQ section rendered, from this build's services."""
    html = html or ""
    context = build_context(content)
    if context.get(CONTEXT_KEY) is None:
        # Asked before all pages are read; all_generators_finalized forgets this result.
        return html
    html = resolve_references(html, citable(context), **citation_options(content))
    service = getattr(content, "service", None)
    if service is None:
        return html
    section = find_faq(html, content.settings["PRICING"]["faq_heading"])
    if section is not None:
        faq_html = render_snippet(context, "faq", section=section)
        html = html[: section.start] + faq_html + html[section.end :]
    return html


def price_box_before(localcontext, item):
    """own_page_blocks renderer: a service page's own page opens with its price box,
    for themes without service.html (decided in catalogue.choose_presentation)."""
    service = getattr(item, "service", None)
    if service is None or not localcontext.get("PRICING_INJECT_BOX"):
        return None
    return render_snippet(localcontext, "injected", service=service, page=item), ""


@dataclass(frozen=True)
class CitableServices:
    """What a {price}/{service} reference may name in this build, and why others fail."""

    catalogue: dict  # slug -> Service or ServiceGroup
    already_reported: set  # slugs of service pages with mistakes of their own
    drafts: set
    today: object
    service_folder: str

    @classmethod
    def of_build(cls, context, settings):
        return cls(
            catalogue=citable(context),
            already_reported=context.get(INVALID_KEY) or set(),
            drafts=context.get(DRAFT_KEY) or set(),
            today=context.get(TODAY_KEY),
            service_folder=settings["PRICING"]["service_path"].strip("/"),
        )

    @property
    def known(self):
        return ", ".join(sorted(self.catalogue)) or "none yet"


def check_references(generators):
    """all_generators_finalized handler: every {price}/{service} names a known service.

    Also resolves {price} in a Summary, which Pelican prints as it is.
    """
    context = generators[0].context
    citable_services = CitableServices.of_build(context, generators[0].settings)
    intros = [group.intro for group in (context.get(GROUPS_KEY) or {}).values() if group.intro]
    citing = [
        content
        for content in all_items(generators) + intros
        if check_item_references(content, citable_services)
    ]
    # Anything that read their HTML before the catalogue existed saw raw references.
    forget_memoized_html(citing)


def check_item_references(content, citable_services):
    """One post or page: report what its body and Summary cite wrongly, resolve its Summary.
    True when it cites a service."""
    found = references_in(reader_output(content))
    summary = content.metadata.get("summary")
    in_summary = references_in(summary) if isinstance(summary, str) else []
    report_unknown_references(content, found + in_summary, citable_services)
    report_links_in_summary(content, in_summary)
    catalogue = citable_services.catalogue
    if in_summary:
        # The reader escaped the summary, and a price text is escaped on the way in.
        content.metadata["summary"] = Markup(  # noqa: S704
            resolve_references(summary, catalogue, **citation_options(content))
        )
    list_changed_citations(content, found + in_summary, catalogue, citable_services.today)
    return bool(found or in_summary)


def report_unknown_references(content, references, citable_services):
    """One line per slug that names no published service (a draft gets its own wording)."""
    for kind, slug in dict.fromkeys(references):
        if slug in citable_services.catalogue or slug in citable_services.already_reported:
            continue
        if slug in citable_services.drafts:
            log_problem(
                content.source_path,
                f"{{{kind}}}{slug}",
                f'the service "{slug}" is a draft',
                "publish it, or cite another service",
            )
        else:
            log_problem(
                content.source_path,
                f"{{{kind}}}{slug}",
                f'no published service has the slug "{slug}"',
                f"use the slug of a page in content/{citable_services.service_folder}/; "
                f"known: {citable_services.known}",
            )


def report_links_in_summary(content, in_summary):
    """A summary is plain text in listings and meta tags: it cannot hold a link."""
    for slug in dict.fromkeys(slug for kind, slug in in_summary if kind == "service"):
        log_problem(
            content.source_path,
            "Summary",
            f"{{service}}{slug} cannot be a link in a summary",
            f"use {{price}}{slug} there, and link the service in the body",
        )


def list_changed_citations(content, references, catalogue, today):
    """Log (for `invoke check --prices`) each price this post cites that changed since."""
    day = written_on(content)
    if day is None:
        return
    for kind, slug in dict.fromkeys(references):
        target = catalogue.get(slug)
        if kind not in PRICE_KINDS or target is None:
            continue
        citation = target.citation(day, today)
        if citation.has_changed:
            note_changed_citation(content.source_path, kind, slug, citation)
