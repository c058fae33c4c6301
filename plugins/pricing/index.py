"""What the plugin writes besides service pages: the pricing index at /services/, a page
per group of tiers, prices.json with its JSON Schema, and the price-change feed."""

import json
import logging
import os

from pelican.utils import sanitised_join

from .catalogue import CONTEXT_KEY, GROUPS_KEY, TODAY_KEY, index_entries, listed_services
from .change_feed import change_feed, price_changes
from .price_list import price_list, price_list_schema

logger = logging.getLogger(__name__)


def planned_outputs(groups):
    """Group page file -> (what writes it, None). The files PRICING's *_save_as settings
    name are compared with every other writer by strict_build's output check."""
    return {
        group.save_as: (f'the page of the group "{group.name}"', None) for group in groups.values()
    }


def report_clashes(generator, outputs):
    """A page writing where the plugin writes: one line each; True if any."""
    service_folder = generator.settings["PRICING"]["service_path"].strip("/") + "/"
    clashing = [
        page
        for page in generator.pages + generator.hidden_pages
        if page.save_as in outputs
        # A service whose slug is a group's slug is already reported by the group check.
        and not (
            outputs[page.save_as][1] is None
            and page.get_relative_source_path().startswith(service_folder)
        )
    ]
    for page in clashing:
        what, key = outputs[page.save_as]
        fix = (
            f'give the page another Slug, or change PRICING["{key}"]'
            if key
            else "give the page another Slug, or rename the group"
        )
        logger.error(
            "%s: output: writes %s, which %s also writes (%s)",
            page.source_path,
            page.save_as,
            what,
            fix,
        )
    return bool(clashing)


def write_text(settings, save_as, text):
    """Write a file into the output folder, as Pelican's writer does for feeds."""
    path = sanitised_join(settings["OUTPUT_PATH"], save_as)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def write_json(settings, save_as, document):
    write_text(settings, save_as, json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def write_index(generator, writer):
    """page_writer_finalized handler: write the index, group pages, prices.json, schema, feed."""
    groups = generator.context.get(GROUPS_KEY) or {}
    if report_clashes(generator, planned_outputs(groups)):
        return
    services = generator.context.get(CONTEXT_KEY) or {}
    entries = index_entries(services, groups)
    listed = listed_services(services, groups)
    write_index_page(generator, writer, entries, listed, groups)
    write_group_pages(generator, writer, groups)
    listed_groups = [entry for entry in entries if entry in groups.values()]
    write_price_data(generator, listed, listed_groups)


def write_index_page(generator, writer, entries, listed, groups):
    """The pricing index at PRICING["index_save_as"], from the theme's services.html if any."""
    pricing = generator.settings["PRICING"]
    index_template = generator.env.select_template(["services.html", "pricing/services.html"])
    writer.write_file(
        pricing["index_save_as"],
        index_template,
        generator.context,
        services=listed,
        entries=entries,
        groups=list(groups.values()),
        relative_urls=generator.settings["RELATIVE_URLS"],
        url=pricing["index_url"],
        page_name="services",
    )


def write_group_pages(generator, writer, groups):
    """A page per group of tiers, from the theme's service_group.html if any."""
    group_template = generator.env.select_template(
        ["service_group.html", "pricing/service_group.html"]
    )
    for group in groups.values():
        writer.write_file(
            group.save_as,
            group_template,
            generator.context,
            group=group,
            relative_urls=generator.settings["RELATIVE_URLS"],
            url=group.url,
            page_name=f"services/{group.slug}",
        )


def write_price_data(generator, listed, listed_groups):
    """prices.json, its JSON Schema and (if PRICING["feed_save_as"]) the price-change feed."""
    settings = generator.settings
    pricing = settings["PRICING"]
    siteurl = settings.get("SITEURL", "")
    schema_url = f"{siteurl}/{pricing['schema_save_as']}"
    write_json(
        settings, pricing["json_save_as"], price_list(listed, listed_groups, siteurl, schema_url)
    )
    write_json(settings, pricing["schema_save_as"], price_list_schema(schema_url))
    if pricing["feed_save_as"]:
        changes = price_changes(listed, generator.context.get(TODAY_KEY), pricing["locale"])
        feed = change_feed(changes, settings, pricing["index_url"], pricing["feed_save_as"])
        write_text(settings, pricing["feed_save_as"], feed.writeString("utf-8"))
