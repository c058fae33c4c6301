"""`invoke bench`: this project's build side by side with stock Pelican (issue 10).

A corpus of generated posts is added to a copy of the example site, then built with

    (a) this project's full configuration (pelicanconf.py: theme, every plugin,
        typogrify, search index) through the project's build runner,
    (b) stock Pelican, default theme, TYPOGRIFY = True, content cache on,
    (c) stock Pelican without typogrify,

each cold (no cache, no output) and warm (after one post's body is edited), in a
fresh process per build so one build's imports and memory never help the next.
Wall time and peak memory of the whole process tree (PSS, so pages a forked worker
shares with its parent count once) are the median over the runs.
The "live preview" figure is the warm rebuild as `invoke livereload` runs it on
each save: `invoke build --no-search-index` in a fork of the live preview's build
server (tooling.build_server), which imported everything once.
Social cards and image copies come from their own cache in every figure: a first
build makes them, and the time that takes is reported on its own line.

This file is also the worker each measured build runs in (see `main`), so it
imports nothing from the project at module level.
"""

import argparse
import contextlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTS = 1000
DEFAULT_RUNS = 3
QUICK_POSTS = 60
SERVICE_COUNT = 10
SEED = 20260401
# The generated posts live in their own folder, beside the example site's posts.
GENERATED_POSTS = Path("posts") / "generated"
# psutil lists the whole process table for each sample; every 100 ms catches a worker
# pool or Pagefind at its peak (the main process's own peak comes from wait4 anyway)
# while costing the 2-core machine about 2% of a core.
RSS_SAMPLE_SECONDS = 0.1

CONFIGURATIONS = {
    "project": "(a) this project (pelicanconf.py)",
    "stock_typogrify": "(b) stock Pelican, TYPOGRIFY",
    "stock_plain": "(c) stock Pelican, no typogrify",
}
REFERENCE = "stock_typogrify"

# Issue 10's targets at 1,000 posts: ratios of (a) to (b), and the live preview in seconds.
TARGETS = (
    ("cold", "cold build (a)/(b)", 0.6, 0.5),
    ("warm", "warm rebuild, one post edited, (a)/(b)", 0.3, None),
    ("peak_rss", "peak memory (PSS) of the process tree (a)/(b)", 1.5, None),
)
LIVE_PREVIEW_TARGET = (2.0, 1.0)
MEMORY_LIMIT_AT_10000_MB = 2048

# Stock Pelican as `pelican-quickstart` writes its pelicanconf.py (feeds off while
# developing, 10 posts a page), reading the same folders as this project.
STOCK_SETTINGS = """\
AUTHOR = "Dana Reyes"
SITENAME = "Benchmark"
SITEURL = ""
PATH = {content!r}
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 10
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages", "services"]
STATIC_PATHS = ["images"]
TYPOGRIFY = {typogrify}
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
"""


# --- The corpus -----------------------------------------------------------------------

CATEGORIES = (
    "Pricing",
    "Marketing",
    "Customer Service",
    "Case Studies",
    "Newsletters",
    "Small Business",
)
TAG_POOL = tuple(
    f"{first} {second}".strip()
    for first in ("", "email", "local", "retail", "online", "team", "yearly", "weekly")
    for second in ("pricing", "reviews", "support", "planning", "sales", "writing", "ads", "chat")
)
SUBJECTS = (
    "a bakery",
    "the cycle shop",
    "my newest client",
    "a two-person studio",
    "the owner",
    "every support team I've met",
    "a family garage",
    "your front desk",
)
VERBS = ("answers", "publishes", "prices", "measures", "rewrites", "reviews", "explains", "tracks")
OBJECTS = (
    "its price list",
    "the first reply",
    "a complaint in public",
    "the monthly newsletter",
    "a help page",
    "the quote template",
    "customer emails",
    "the booking form",
)
ENDINGS = (
    "before lunch on a Monday",
    "without hiring anyone",
    "in under a week",
    "with one spreadsheet",
    "and nobody noticed at first",
    "because customers kept asking",
    "for less than it costs to run an ad",
    "every quarter, on the same day",
)
ASIDES = (
    'as one reader put it, "the price is the pitch"',
    "which isn't as obvious as it sounds",
    "and that's the part people skip",
    "it's the dull work that pays",
    'the "we value your feedback" reply does the opposite',
    "though it won't suit everyone...",
)
LINK_TARGETS = (
    ("a guide to plain pricing", "https://example.com/guides/plain-pricing"),
    ("the survey results", "https://example.org/surveys/2025/small-business"),
    ("this checklist", "https://checklists.example.net/reply-times"),
    ("the government's advice", "https://www.example.gov/business/consumer-law"),
)


def _plain_sentence(rng):
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}"
    return text[0].upper() + text[1:]


def _sentence(rng):
    text = _plain_sentence(rng)
    roll = rng.random()
    if roll < 0.15:
        text += f" -- {rng.choice(ASIDES)}"
    elif roll < 0.25:
        text += f", {rng.choice(ASIDES)}"
    elif roll < 0.32:
        text += f" (see `{rng.choice(('price.csv', 'reply-template.txt', 'Order: 2', '{price}'))}`)"
    elif roll < 0.40:
        label, url = rng.choice(LINK_TARGETS)
        text += f", as [{label}]({url}) shows"
    elif roll < 0.48:
        text = f"*{text}*"
    elif roll < 0.54:
        text = f'"{text}," they said'
    return f"{text}."


def _paragraph(rng, sentences=None):
    count = sentences or rng.randint(4, 7)
    text = " ".join(_sentence(rng) for _ in range(count))
    if rng.random() < 0.3:
        text = text.replace(" the ", " the **most important** ", 1)
    return "\n".join(textwrap.wrap(text, 78))


def _list_block(rng, numbered):
    items = []
    for position in range(1, rng.randint(3, 6) + 1):
        marker = f"{position}." if numbered else "-"
        items.append(f"{marker} {_sentence(rng)}")
    return "\n".join(items)


def _quote_block(rng):
    return "\n".join(f"> {line}" for line in textwrap.wrap(_paragraph(rng, 2), 76))


def post_slug(number):
    return f"generated-post-{number:05d}"


def service_slug(number):
    return f"generated-service-{number:02d}"


def post_text(number, post_count, rng):
    """About 8 KB of Markdown for post `number`: fields, then sections of varied blocks."""
    fields = _post_fields(number, post_count, rng)
    blocks = _post_blocks(number, rng)
    return "\n".join(fields) + "\n\n" + "\n\n".join(blocks) + "\n"


def _post_fields(number, post_count, rng):
    category = CATEGORIES[number % len(CATEGORIES)]
    tags = rng.sample(TAG_POOL, rng.randint(2, 5))
    # Spread over ten years ending in 2025, so no post is scheduled whatever today is.
    published = datetime(2016, 1, 4, 9, 0) + timedelta(
        minutes=(number * 10 * 365 * 24 * 60) // max(post_count, 1)
    )
    title = f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if number % 7 == 0:
        title = f'Q&A #{number}: "{title}?"'
    fields = [
        f"Title: {title}",
        f"Slug: {post_slug(number)}",
        f"Date: {published:%Y-%m-%d %H:%M}",
        f"Category: {category}",
        f"Tags: {', '.join(tags)}",
    ]
    if number % 5 != 4:  # the rest get Pelican's summary from the text
        # Summaries are plain text in this project (FORMATTED_FIELDS = []).
        fields.append(f"Summary: {_plain_sentence(rng)}. {_plain_sentence(rng)}.")
    if number % 50 < 4:
        fields += [f"Series: Pricing clinic {number // 50 + 1}", f"Series_Part: {number % 50 + 1}"]
    return fields


def _post_blocks(number, rng):
    blocks = [_paragraph(rng), _paragraph(rng)]
    if number % 5 == 0:
        service = service_slug(number % SERVICE_COUNT)
        blocks.append(
            f"The [service it's built on]({{service}}{service}) costs {{price}}{service}, "
            'and that\'s the price on the page -- no "call us" needed.'
        )
    if number % 10 == 3:
        blocks.append(
            "![Bar chart of enquiries by source: newsletter first, referrals second]"
            "({static}/images/enquiry-sources-2025.svg)"
        )
    if number > 0:
        earlier = rng.randrange(number)
        blocks.append(f"I wrote about this [in an earlier post]({{filename}}{earlier:05d}.md).")
    for section in range(rng.randint(3, 4)):
        blocks += _post_section(section, rng)
    return blocks


def _post_section(section, rng):
    blocks = [
        f"## {rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS)}",
        _paragraph(rng),
        _list_block(rng, numbered=section % 2 == 1),
        _paragraph(rng),
    ]
    if section % 2 == 0:
        blocks.append(f"### What {rng.choice(SUBJECTS)} learned")
        blocks.append(_quote_block(rng))
        blocks.append(_paragraph(rng))
    return blocks


def service_text(number):
    """A service page that meets the price contract (plugins/pricing/contract.py)."""
    price_type = ("fixed", "from", "range")[number % 3]
    price = 200 + 150 * number
    lines = [
        f"Title: Generated service {number:02d}",
        f"Slug: {service_slug(number)}",
        f"Price: {price}",
        f"Currency: {('USD', 'EUR', 'GBP')[number % 3]}",
        f"Price_Unit: {('project', 'month', 'hour', 'session')[number % 4]}",
        f"Price_Type: {price_type}",
        "Price_Updated: 2025-06-01",
        f"Price_History: 2023-01-01 {price - 100}; 2024-01-01 {price - 50}",
        "Includes: A call to agree the goals; A written plan; Two rounds of changes",
        "Turnaround: 2 weeks",
        f"Order: {10 + number}",
        "Action: contact",
        f"Summary: A generated service at a posted price, number {number}.",
    ]
    if price_type == "range":
        lines.insert(6, f"Price_Max: {price * 2}")
    body = (
        "What you get, and what it costs, written down before we start.\n\n"
        "## Questions\n\n### Can I pay in instalments?\n\n"
        "Yes: half when we start and half when you get the plan.\n"
    )
    return "\n".join(lines) + "\n\n" + body


def write_corpus(site_root, post_count, seed=SEED):
    """Copy the example site's content into `site_root` and add the generated files.

    Returns the path of the post the warm builds edit.
    """
    content = site_root / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    posts = content / GENERATED_POSTS
    posts.mkdir(parents=True)
    # Seeded, not secret: the same corpus on every machine, run after run.
    rng = random.Random(seed)  # noqa: S311
    for number in range(post_count):
        (posts / f"{number:05d}.md").write_text(
            post_text(number, post_count, rng), encoding="utf-8"
        )
    for number in range(SERVICE_COUNT):
        (content / "services" / f"{service_slug(number)}.md").write_text(
            service_text(number), encoding="utf-8"
        )
    return edited_post_of(posts, post_count)


def edited_post_of(posts_folder, post_count):
    """The post warm builds edit: one from the middle, neither the newest nor the oldest."""
    return posts_folder / f"{post_count // 2:05d}.md"


def edit_post(path, marker):
    """Change one post's body, as an author saving an edit does.

    `marker` is one word of letters, digits and hyphens, so it reaches the page unchanged
    by typogrify and the bench can check that the rebuild showed the edit.
    """
    with open(path, "a", encoding="utf-8") as post:
        post.write(f'\nEdited ({marker}): it\'s the "same" post -- with one more line.\n')


def edit_marker(configuration, run):
    return f"bench-edit-{configuration.replace('_', '-')}-run-{run}"


# --- Measuring ------------------------------------------------------------------------


@dataclass
class Measurement:
    seconds: float
    # User + system time of the whole tree: steadier than wall time on a shared machine.
    cpu_seconds: float
    peak_rss_mb: float
    # Sampled; several processes of one program (a worker pool) count as the largest one.
    peak_rss_by_program_mb: dict = field(default_factory=dict)
    # The live preview only: how soon the edited post's page was written, before the build.
    shown_seconds: float | None = None


@dataclass
class Figures:
    """Every run of one kind of build, and their medians."""

    runs: list = field(default_factory=list)

    @property
    def seconds(self):
        return statistics.median(run.seconds for run in self.runs)

    @property
    def cpu_seconds(self):
        return statistics.median(run.cpu_seconds for run in self.runs)

    @property
    def peak_rss_mb(self):
        return statistics.median(run.peak_rss_mb for run in self.runs)

    @property
    def shown_seconds(self):
        shown = [run.shown_seconds for run in self.runs if run.shown_seconds is not None]
        return statistics.median(shown) if shown else None

    def as_json(self):
        figures = {
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "runs": [asdict(run) for run in self.runs],
        }
        if self.shown_seconds is not None:
            figures["shown_seconds"] = round(self.shown_seconds, 3)
        return figures


def _tree_rss(process, peak_by_program):
    """The memory of `process` and its descendants now; each program's own peak goes into
    `peak_by_program`, which shows what holds the memory (Python, Pagefind, workers).

    Each process counts its proportional set size: a page shared by a build and the
    workers it forked counts once in the total, not once per process as RSS would.
    """
    import psutil

    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            rss, program = member.memory_full_info().pss, member.name()
        except psutil.Error:  # a worker that ended between listing and reading
            continue
        total += rss
        peak_by_program[program] = max(peak_by_program.get(program, 0), rss)
    return total


def measured_run(command, log_path, cwd):
    """Run `command` to its end; return its wall time, CPU time and the peak memory of its tree.

    The tree is sampled with psutil (the main process plus every concurrent child,
    such as worker pools and pagefind); the kernel's own peak for the largest single
    process (wait4) is taken too, in case a peak fell between two samples.
    """
    import psutil

    with open(log_path, "wb") as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        watched = psutil.Process(child.pid)
        peak_bytes, peak_by_program = 0, {}
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            with contextlib.suppress(psutil.Error):  # the build ended between two samples
                peak_bytes = max(peak_bytes, _tree_rss(watched, peak_by_program))
            time.sleep(RSS_SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        tail = Path(log_path).read_text(encoding="utf-8", errors="replace").strip()
        raise BenchmarkError(
            f"{' '.join(map(str, command[:4]))} … exited with {child.returncode}:\n"
            + "\n".join(tail.splitlines()[-15:])
        )
    # wait4's usage covers the process and every child it waited for (Pagefind included).
    return Measurement(
        seconds=round(seconds, 3),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 3),
        peak_rss_mb=round(peak_bytes / 2**20, 1),
        peak_rss_by_program_mb={
            program: round(rss / 2**20, 1) for program, rss in sorted(peak_by_program.items())
        },
    )


class BenchmarkError(Exception):
    """A build under measurement failed; the message says which and why."""


@dataclass
class BenchSite:
    """The corpus in a temporary folder, with one output and cache folder per configuration."""

    root: Path
    edited_post: Path

    @classmethod
    def find(cls, root):
        """The bench site written earlier into `root`."""
        posts = sorted((root / "content" / GENERATED_POSTS).glob("*.md"))
        return cls(root=root, edited_post=edited_post_of(posts[0].parent, len(posts)))

    @property
    def content(self):
        return self.root / "content"

    def output(self, configuration):
        return self.root / f"output-{configuration}"

    def cache(self, configuration):
        return self.root / f"cache-{configuration}"

    def edited_page(self, configuration):
        """Where the edited post is written: ARTICLE_SAVE_AS of pelicanconf.py, or stock's."""
        slug = post_slug(int(self.edited_post.stem))
        if configuration == "project":
            return self.output(configuration) / "blog" / slug / "index.html"
        return self.output(configuration) / f"{slug}.html"

    def check_edit_shown(self, configuration, marker):
        """A warm build that did not show the edit would be timing the wrong thing."""
        page = self.edited_page(configuration)
        if not page.is_file() or marker not in page.read_text(encoding="utf-8"):
            raise BenchmarkError(f"{CONFIGURATIONS[configuration]}: {page} does not show the edit")

    def forget_builds(self, configuration):
        """Cold: no content cache and no output."""
        shutil.rmtree(self.output(configuration), ignore_errors=True)
        shutil.rmtree(self.cache(configuration), ignore_errors=True)

    def build_command(self, configuration):
        if configuration == "project":
            return [sys.executable, __file__, "project-build", str(self.root)]
        settings_file = self.root / f"{configuration}conf.py"
        settings_file.write_text(
            STOCK_SETTINGS.format(
                content=str(self.content),
                cache=str(self.cache(configuration)),
                typogrify=configuration == "stock_typogrify",
            ),
            encoding="utf-8",
        )
        output = self.output(configuration)
        # --quiet: stock Pelican warns about this project's {service} links; the
        # build goes on, and the warnings are not what is measured.
        return [
            sys.executable,
            "-m",
            "pelican",
            str(self.content),
            "-s",
            str(settings_file),
            "-o",
            str(output),
            "--quiet",
        ]


def project_overrides(site_root):
    """Where a project build of the bench site reads and writes; everything else is pelicanconf.py."""
    return {
        "PATH": str(site_root / "content"),
        "OUTPUT_PATH": str(site_root / "output-project"),
        "CACHE_PATH": str(site_root / "cache-project"),
    }


def _project_build_site():
    # The project's own build runner, exactly as `invoke build` and `invoke livereload` call it.
    sys.path[:0] = [str(PROJECT_ROOT), str(PROJECT_ROOT / "plugins")]
    from tooling.runner import build_site, end_process_quickly

    def build(site_root, search_index=True):
        overrides = project_overrides(site_root)
        if not search_index:  # what `invoke build --no-search-index` sets
            overrides["SITE_SEARCH"] = {"enabled": True, "index": False}
        report = build_site(PROJECT_ROOT / "pelicanconf.py", overrides)
        end_process_quickly()  # as `invoke build` does
        if not report.ok:
            raise SystemExit("the benchmark site has problems:\n" + "\n".join(report.problems))

    return build


def progress_note(text):
    print(text, file=sys.stderr, flush=True)


def run_benchmark(post_count, runs, log_folder=None, note=progress_note):
    """Generate the corpus, build it every way `runs` times, return the results as a dict."""
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-site-") as folder:
        root = Path(folder)
        logs = Path(log_folder or root / "logs")
        logs.mkdir(parents=True, exist_ok=True)
        note(f"bench: writing {post_count} posts and {SERVICE_COUNT} services into {root}")
        site = BenchSite(root=root, edited_post=write_corpus(root, post_count))
        source_files = sum(1 for path in site.content.rglob("*") if path.is_file())
        derived_assets = measure_build(site, "project", "cold", 0, logs)
        note(
            f"bench: (a) cold, social cards and image copies made from nothing: "
            f"{derived_assets.seconds:.2f} s (not in the figures below)"
        )
        figures = {name: {"cold": Figures(), "warm": Figures()} for name in CONFIGURATIONS}
        live_preview = Figures()
        # Runs interleave the configurations, so a burst of load on the shared machine
        # lands on all of them rather than on one.
        for run in range(1, runs + 1):
            for name in CONFIGURATIONS:
                for kind in ("cold", "warm"):
                    measurement = measure_build(site, name, kind, run, logs)
                    figures[name][kind].runs.append(measurement)
                    note(
                        f"bench: run {run}/{runs} {CONFIGURATIONS[name]} {kind}: "
                        f"{measurement.seconds:.2f} s, {measurement.peak_rss_mb:.0f} MB"
                    )
            rebuild = measure_live_preview(site, run, logs)
            live_preview.runs.append(rebuild)
            note(
                f"bench: run {run}/{runs} live preview: post shown {rebuild.shown_seconds:.2f} s,"
                f" site rebuilt {rebuild.seconds:.2f} s"
            )
    results = results_as_json(post_count, runs, source_files, figures, live_preview, load_before)
    results["project_cold_with_derived_assets_from_nothing"] = asdict(derived_assets)
    return results


def measure_build(site, configuration, kind, run, logs):
    """One cold build (cache and output removed) or warm build (one post edited first)."""
    marker = edit_marker(configuration, run)
    if kind == "cold":
        site.forget_builds(configuration)
    else:
        edit_post(site.edited_post, marker)
    command = site.build_command(configuration)
    measurement = measured_run(command, logs / f"{configuration}-{kind}-{run}.log", site.root)
    if kind == "warm":
        site.check_edit_shown(configuration, marker)
    return measurement


def measure_live_preview(site, run, logs):
    """One save as livereload handles it, after the preview's previous build (unmeasured),
    as when an author saves one post after another: the edited post's page written from
    that build's state (tooling.quick_preview; `shown_seconds`), then the whole site
    rebuilt in a fork of the build server (tooling.build_server), without the search
    index (the Measurement's own figures)."""
    sys.path[:0] = [str(PROJECT_ROOT), str(PROJECT_ROOT / "plugins")]
    from tooling.build_server import BuildServer

    marker = edit_marker("live-preview", run)
    with open(logs / f"live-preview-{run}.log", "w", encoding="utf-8") as log:
        server = BuildServer(
            [sys.executable, __file__, "serve-builds", str(site.root)], cwd=site.root, stderr=log
        )
        try:
            _built_by(server, "the live preview's previous build")
            edit_post(site.edited_post, marker)
            started = time.perf_counter()
            if server.preview([site.edited_post]) != 1:
                raise BenchmarkError("the live preview did not show the edited post first")
            shown_seconds = time.perf_counter() - started
            site.check_edit_shown("project", marker)
            measurement = _measured_build_by(server)
        finally:
            server.stop()
    site.check_edit_shown("project", marker)
    measurement.shown_seconds = round(shown_seconds, 3)
    return measurement


def _built_by(server, what):
    status, _cpu_seconds = server.build()
    if status != 0:
        raise BenchmarkError(f"{what} exited with {status} (see the live-preview log)")


def _measured_build_by(server):
    """One build by the server: its wall time, CPU time, and the peak memory of the
    server's tree (the server, the build it forked, and that build's workers)."""
    import psutil

    peak = {"bytes": 0, "by_program": {}}

    def sample(server_pid):
        with contextlib.suppress(psutil.Error):
            tree = _tree_rss(psutil.Process(server_pid), peak["by_program"])
            peak["bytes"] = max(peak["bytes"], tree)

    started = time.perf_counter()
    status, cpu_seconds = server.build(while_waiting=sample, interval=RSS_SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    if status != 0:
        raise BenchmarkError(f"the live preview's build exited with {status}")
    return Measurement(
        seconds=round(seconds, 3),
        cpu_seconds=round(cpu_seconds, 3),
        peak_rss_mb=round(peak["bytes"] / 2**20, 1),
        peak_rss_by_program_mb={
            program: round(rss / 2**20, 1) for program, rss in sorted(peak["by_program"].items())
        },
    )


def results_as_json(post_count, runs, source_files, figures, live_preview, load_before):
    configurations = {
        name: _configuration_json(label, figures[name], figures[REFERENCE], post_count)
        for name, label in CONFIGURATIONS.items()
    }
    ratios = configurations["project"]["ratio_to_stock_typogrify"]
    targets = [_ratio_target(ratios, *target) for target in TARGETS]
    targets += _live_preview_targets(live_preview)
    if post_count >= 10000:
        peak = configurations["project"]["peak_rss_mb"]
        targets.append(
            {
                "name": "memory_at_10000",
                "description": "peak memory (PSS) of (a) at 10,000 posts, MB",
                "value": peak,
                "limit": MEMORY_LIMIT_AT_10000_MB,
                "met": peak < MEMORY_LIMIT_AT_10000_MB,
            }
        )
    return {
        "posts": post_count,
        "source_files": source_files,
        "runs": runs,
        "machine": machine_description(load_before),
        "configurations": configurations,
        "live_preview": live_preview.as_json(),
        "targets": targets,
    }


def _configuration_json(label, figures, reference, post_count):
    cold, warm = figures["cold"], figures["warm"]
    peak_rss = max(cold.peak_rss_mb, warm.peak_rss_mb)
    reference_rss = max(reference["cold"].peak_rss_mb, reference["warm"].peak_rss_mb)
    return {
        "label": label,
        "cold": cold.as_json(),
        "warm": warm.as_json(),
        "peak_rss_mb": peak_rss,
        "peak_rss_by_program_mb": _largest_by_program(cold.runs + warm.runs),
        "cold_ms_per_post": round(1000 * cold.seconds / post_count, 2),
        "ratio_to_stock_typogrify": {
            "cold": round(cold.seconds / reference["cold"].seconds, 3),
            "warm": round(warm.seconds / reference["warm"].seconds, 3),
            "peak_rss": round(peak_rss / reference_rss, 3),
            "cold_cpu": round(cold.cpu_seconds / reference["cold"].cpu_seconds, 3),
            "warm_cpu": round(warm.cpu_seconds / reference["warm"].cpu_seconds, 3),
        },
    }


def _ratio_target(ratios, key, description, limit, stretch):
    target = {"name": key, "description": description, "value": ratios[key], "limit": limit}
    target["met"] = ratios[key] <= limit
    if f"{key}_cpu" in ratios:  # the same ratio in CPU time, for a loaded machine
        target["cpu_time_value"] = ratios[f"{key}_cpu"]
    if stretch is not None:
        target["stretch"] = stretch
        target["stretch_met"] = ratios[key] <= stretch
    return target


def _live_preview_targets(live_preview):
    """The edited post shown (the page written from the last build's state), and the
    whole site rebuilt after it: both against the live preview's target."""
    limit, stretch = LIVE_PREVIEW_TARGET
    figures = [
        ("live_preview", "live preview, edited post shown, seconds", live_preview.shown_seconds),
        ("live_preview_rebuild", "live preview, whole site rebuilt, seconds", live_preview.seconds),
    ]
    return [
        {
            "name": name,
            "description": description,
            "value": round(seconds, 3),
            "limit": limit,
            "met": seconds < limit,
            "stretch": stretch,
            "stretch_met": seconds < stretch,
        }
        for name, description, seconds in figures
    ]


def _largest_by_program(measurements):
    largest = {}
    for measurement in measurements:
        for program, megabytes in measurement.peak_rss_by_program_mb.items():
            largest[program] = max(largest.get(program, 0), megabytes)
    return largest


def write_results(results, path):
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def machine_description(load_before):
    from importlib.metadata import version

    processor = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            processor = next(
                (
                    line.split(":", 1)[1].strip()
                    for line in cpuinfo
                    if line.startswith("model name")
                ),
                processor,
            )
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "processor": processor,
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "typogrify": version("typogrify"),
        # The machine is shared: a high load average means noisy figures.
        "load_average_before": [round(load, 2) for load in load_before],
        "load_average_after": [round(load, 2) for load in os.getloadavg()],
    }


def format_table(results):
    """The side-by-side table, ratios to (b), and the targets as met / not met."""
    machine = results["machine"]
    lines = [
        f"{results['posts']} generated posts + the example site ({results['source_files']} "
        f"source files), {machine['cores']} cores, median of {results['runs']} "
        f"run{'s' if results['runs'] != 1 else ''}; Pelican {machine['pelican']}, "
        f"Python {machine['python']}",
        "Wall time, then CPU time (user + system, whole process tree: steadier when the",
        "machine is busy), then peak memory (PSS) of the process tree; each with its ratio to (b).",
        "",
        f"{'':34}{'cold':>14}{'warm (1 edit)':>14}{'cold CPU':>14}{'warm CPU':>14}{'peak memory':>14}",
        *_figure_rows(results),
        *_memory_by_program_rows(results),
        "",
        "Targets (issue 10; reported, not asserted):",
        *(_target_row(target) for target in results["targets"]),
    ]
    load = machine["load_average_before"][0], machine["load_average_after"][0]
    lines.append(
        f"Load average before/after: {load[0]:.2f}/{load[1]:.2f} (a shared machine adds noise)"
    )
    return "\n".join(lines)


def _cell(value, unit, ratio):
    if unit == "s":
        return f"{value:>6.1f} {unit} {ratio:>4.2f}x"
    return f"{value:>5.0f} {unit} {ratio:>4.2f}x"


def _figure_rows(results):
    rows = []
    for entry in results["configurations"].values():
        ratio = entry["ratio_to_stock_typogrify"]
        rows.append(
            f"{entry['label']:34}"
            + _cell(entry["cold"]["seconds"], "s", ratio["cold"])
            + _cell(entry["warm"]["seconds"], "s", ratio["warm"])
            + _cell(entry["cold"]["cpu_seconds"], "s", ratio["cold_cpu"])
            + _cell(entry["warm"]["cpu_seconds"], "s", ratio["warm_cpu"])
            + _cell(entry["peak_rss_mb"], "MB", ratio["peak_rss"])
        )
    live = results["live_preview"]
    rows.append(
        f"{'live preview (a): post shown':34}{'':14}{live['shown_seconds']:>6.2f} s"
        "        (the edited post's page, from the last build's state)"
    )
    rows.append(
        f"{'live preview (a): site rebuilt':34}{'':14}{live['seconds']:>6.1f} s{'':7}"
        f"{'':14}{live['cpu_seconds']:>6.1f} s"
    )
    derived = results.get("project_cold_with_derived_assets_from_nothing")
    if derived:
        rows.append(
            f"{'(a) cold, cards + image copies new':34}{derived['seconds']:>6.1f} s"
            "        (the first build only; the figures above reuse them, as CI's cache does)"
        )
    return rows


def _memory_by_program_rows(results):
    rows = [
        "Peak memory by program (proportional set size: pages shared with forked render"
        " workers count once; concurrent programs add up):"
    ]
    for entry in results["configurations"].values():
        programs = ", ".join(
            f"{program} {megabytes:.0f} MB"
            for program, megabytes in entry["peak_rss_by_program_mb"].items()
        )
        rows.append(f"  {entry['label']}: {programs}")
    return rows


def _target_row(target):
    verdict = "met" if target["met"] else "NOT met"
    goal = f"<= {target['limit']}"
    if "stretch" in target:
        goal += f", stretch {target['stretch']}"
        if target["stretch_met"]:
            verdict += " (stretch met)"
    cpu_time = f" [in CPU time: {target['cpu_time_value']}]" if "cpu_time_value" in target else ""
    return f"  {target['description']}: {target['value']}{cpu_time} ({goal}): {verdict}"


# --- The worker: one measured build per process -----------------------------------------


def main(arguments=None):
    parser = argparse.ArgumentParser(
        description="The bench site by hand: write it, build it, edit it (to profile a build)."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    corpus = commands.add_parser("corpus", help="write the example site plus generated posts")
    corpus.add_argument("site_root", type=Path)
    corpus.add_argument("--posts", type=int, default=DEFAULT_POSTS)
    edit = commands.add_parser("edit", help="edit one post, as before a warm build")
    edit.add_argument("site_root", type=Path)
    one_build = commands.add_parser("project-build", help="build with pelicanconf.py, once")
    one_build.add_argument("site_root", type=Path)
    one_build.add_argument(
        "--no-search-index", action="store_true", help="as livereload builds: no Pagefind"
    )
    server = commands.add_parser("serve-builds", help="build on request, as livereload does")
    server.add_argument("site_root", type=Path)
    options = parser.parse_args(arguments)

    if options.command == "corpus":
        write_corpus(options.site_root, options.posts)
        return
    if options.command == "edit":
        edit_post(BenchSite.find(options.site_root).edited_post, f"edit-{time.time_ns()}")
        return
    build = _project_build_site()
    if options.command == "serve-builds":
        _serve_live_preview_builds(build, options.site_root)
        return
    build(options.site_root, search_index=not options.no_search_index)


def _serve_live_preview_builds(build, site_root):
    from tooling import quick_preview
    from tooling.runner import load_settings

    def build_once():
        build(site_root, search_index=False)  # exits non-zero on a problem
        return 0

    quick_preview.serve_builds(build_once, settings=load_settings(PROJECT_ROOT / "pelicanconf.py"))


if __name__ == "__main__":
    main()
