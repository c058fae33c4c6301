"""Pages rendered by forked workers are the pages one process writes, byte for byte,
and a failure inside a worker is the build's one clear line, as it is without them."""

import shutil
import time
from datetime import date

import pytest
from fixture_sites import PROJECT_ROOT, FixtureSite
from plugin_support import forked_workers, parallel_writing

POSTS = 70  # with pages, tags and listings: well over the parallel threshold


def write_posts(site):
    for number in range(POSTS):
        site.write(
            f"posts/post-{number:03d}.md",
            f"""
            Title: Post {number} on "pricing" -- and what's included
            Slug: post-{number:03d}
            Date: {date.fromordinal(date(2026, 1, 1).toordinal() + number)} 09:00
            Category: {("Notes", "Pricing", "Case studies")[number % 3]}
            Tags: tag-{number % 7}, tag-{number % 5}
            Summary: Summary {number}, with <em>markup</em> escaped.

            ## What it costs

            Paragraph {number} with a [link](https://example.com/{number}) and `code`.
            """,
        )


def output_files(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = FixtureSite(tmp_path_factory.mktemp("parallel"))
    write_posts(site)
    return site


def build_with_workers(site, monkeypatch, workers, output, settings=None):
    monkeypatch.setenv(forked_workers.WORKERS_VARIABLE, str(workers))
    result = site.build("dev", output=output, settings=settings, fresh_process=True)
    return result, result.parallel["render"]


def test_two_workers_write_the_bytes_one_process_writes(site, monkeypatch):
    serial, serial_run = build_with_workers(site, monkeypatch, 1, site.root / "serial")
    parallel, parallel_run = build_with_workers(site, monkeypatch, 2, site.root / "parallel")

    assert serial.ok and parallel.ok, serial.problems + parallel.problems
    assert serial_run["processes"] == 1
    assert parallel_run["processes"] == 2
    # Another output folder: nothing to carry over, every page rendered.
    assert parallel_run["rendered"] == parallel_run["pages"] == serial_run["pages"]
    assert serial_run["pages"] > parallel_writing.SMALLEST_PARALLEL_JOB_COUNT
    serial_files, parallel_files = output_files(serial.output), output_files(parallel.output)
    assert serial_files.keys() == parallel_files.keys()
    assert [name for name in serial_files if serial_files[name] != parallel_files[name]] == []
    # No placeholder was left behind anywhere.
    marker = parallel_writing.PLACEHOLDER.split("{")[0].encode()
    assert not [name for name, data in parallel_files.items() if marker in data]


def test_a_small_site_renders_in_one_process(site_factory, monkeypatch):
    small = site_factory()
    small.write("posts/one.md", "Title: One\nDate: 2026-01-01\n\nBody.\n")
    result, run = build_with_workers(small, monkeypatch, 2, small.root / "out")
    assert result.ok
    assert run["processes"] == 1


def failing_theme(destination, failing_slug):
    """The project's theme, with a call to an undefined function on one post's page."""
    theme = shutil.copytree(PROJECT_ROOT / "theme", destination)
    template = theme / "templates" / "article.html"
    text = template.read_text(encoding="utf-8")
    trap = f'{{% if article.slug == "{failing_slug}" %}}{{{{ no_such_function() }}}}{{% endif %}}'
    template.write_text(text.replace("{% block content %}", "{% block content %}" + trap, 1))
    return theme


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_that_fails_in_a_worker_fails_the_build_with_one_line(
    site, monkeypatch, tmp_path, workers
):
    # With two workers, whichever process takes the failing page's chunk renders it;
    # test_an_error_in_a_forked_worker_reaches_this_process covers the worker's side.
    theme = failing_theme(tmp_path / "theme", f"post-{POSTS - 2:03d}")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the site before this build", encoding="utf-8")

    result, _ = build_with_workers(
        site, monkeypatch, workers, output, settings={"THEME": str(theme)}
    )

    assert result.problems == ["build stopped: UndefinedError: 'no_such_function' is undefined"]
    assert (output / "index.html").read_text(encoding="utf-8") == "the site before this build"


def test_a_started_worker_is_collected_or_stopped_never_left_running():
    """A worker started early (page_reuse's digests) sends its result when collected;
    one a stopped build never collects is stopped by the runner, not left behind."""
    import os
    import time

    collected = forked_workers.StartedWorker(lambda share: share * 2, 21)
    assert collected.outcome().result == 42

    waiting = forked_workers.StartedWorker(lambda share: time.sleep(share), 60)
    started = time.monotonic()
    forked_workers.stop_started_workers()
    assert time.monotonic() - started < 10
    assert waiting.outcome().error is not None
    with pytest.raises(ChildProcessError):  # stopped and reaped: no such child any more
        os.waitpid(waiting.pid, os.WNOHANG)


# What happened after the pages were rendered, in order (see the test below). Its
# step is a module-level function: the settings that list it are pickled.
AFTER_RENDERING = []


def count_live_jobs():
    import gc

    from pelican.contents import Content

    jobs = [thing for thing in gc.get_objects() if isinstance(thing, parallel_writing.RenderJob)]
    memoized_html = len(Content.get_content.cache) + len(Content.get_summary.cache)
    AFTER_RENDERING.append(("memory returned", len(jobs), memoized_html))


def search_index_step(settings, output_path):
    AFTER_RENDERING.append(("search index started",))


def test_nothing_of_the_rendering_is_alive_when_its_memory_is_given_back(site, monkeypatch):
    """The jobs (each page's context), the decisions and the HTML Pelican memoized for
    the pages are freed before the memory is returned, and that happens before the
    search index's step starts beside the build."""
    import site_search

    AFTER_RENDERING.clear()
    monkeypatch.setattr(parallel_writing, "return_freed_memory", count_live_jobs)
    monkeypatch.setattr(site_search, "start_search_index", search_index_step)
    result = site.build("dev", output=site.root / "freed")
    assert result.ok, result.problems
    # (site_search's finalized handler asks again, which the real step ignores.)
    assert AFTER_RENDERING[:2] == [("memory returned", 0, 0), ("search index started",)]


@pytest.mark.skipif(forked_workers._malloc_trim() is None, reason="glibc only")
def test_freed_memory_goes_back_to_the_system():
    """Memory freed in blocks the C library keeps (over Python's small-object size) is
    part of the process's size until it is handed back."""
    import psutil

    process = psutil.Process()
    blocks = [bytes(600) + bytes([number % 256]) for number in range(100_000)]  # ~60 MB
    last = blocks[-1]  # holds the top of the heap, so freeing the rest cannot shrink it
    before_free = process.memory_info().rss
    del blocks
    after_free = process.memory_info().rss
    forked_workers.return_freed_memory()
    after_return = process.memory_info().rss
    assert last
    assert before_free - after_free < 20 * 2**20  # freeing alone keeps most of it
    assert after_free - after_return > 40 * 2**20


def test_a_queued_page_gets_back_exactly_the_context_it_was_queued_with():
    """A job keeps what its page adds to the shared context, and the keys it lacks;
    the context it renders with equals the one Pelican's writer made, key for key and
    value for value (the same objects), even when the shared one changes later."""
    articles = ["a", "b"]
    shared = {"SITENAME": "Site", "articles": articles, "dates": articles, "period": None}
    page = {**shared, "article": object(), "period": (2026,), "output_file": "x/index.html"}
    del page["dates"]

    job = parallel_writing.RenderJob(0, None, page, dict(shared))
    shared["SITENAME"] = "Changed after the page was queued"
    shared["extra"] = True

    assert list(job.own) == ["period", "article", "output_file"]
    assert job.missing == ("dates",)
    rebuilt = job.context
    assert rebuilt == page
    assert list(rebuilt) == list(page)
    assert all(rebuilt[key] is page[key] for key in page)


def take_chunks(taking, order, chunks_taken):
    for chunk in order:
        if not taking(chunk):
            break
        chunks_taken.append(chunk)
        time.sleep(0.002)  # about what a chunk of early digests takes
    return chunks_taken


def test_work_split_from_both_ends_is_done_once_whoever_gets_to_it():
    """A forked worker takes chunks from the first up while this process, starting
    later, takes them from the last down: together every chunk, and at most one twice."""
    chunk_count = 500  # a second of work: the worker has long started when this side does
    split = forked_workers.SplitFromBothEnds()
    worker = forked_workers.StartedWorker(
        lambda _: take_chunks(split.take_from_start, range(chunk_count), []), None
    )
    time.sleep(0.05)  # this process is busy elsewhere first (queueing pages)
    here = take_chunks(split.take_from_end, range(chunk_count - 1, -1, -1), [])
    there = worker.outcome().result

    assert there and here, (there, here)  # both sides did part of it
    assert there == list(range(len(there)))  # the worker: from the first, in order
    assert here == list(range(chunk_count - 1, chunk_count - 1 - len(here), -1))
    assert set(there) | set(here) == set(range(chunk_count))
    assert len(set(there) & set(here)) <= 1


def test_chunks_go_to_whichever_process_is_free_and_come_back_in_item_order():
    """The forked worker here is four times slower (its core busy elsewhere): it takes
    fewer chunks, where a fixed half each would leave this process waiting for it."""
    import os

    parent = os.getpid()

    def double(item):
        time.sleep(0.001 if os.getpid() == parent else 0.004)
        return item * 2, os.getpid()

    done = forked_workers.map_in_chunks(double, list(range(300)), workers=2, chunk_size=3)

    assert [doubled for doubled, _ in done] == [item * 2 for item in range(300)]
    by_worker = sum(1 for _, pid in done if pid != parent)
    assert 0 < by_worker < 120, by_worker  # a fixed half would be 150


def test_chunks_report_what_a_serial_loop_would_whoever_did_them(caplog):
    """Log records come out in item order, and the first failing item (in item order)
    raises, after the records of the items before it, whichever process did what."""
    import logging

    def check(item):
        time.sleep(0.001)
        logging.getLogger("tests.chunks").warning("item %s", item)
        if item in (37, 150):
            raise ValueError(f"item {item} is wrong")
        return item

    with pytest.raises(ValueError, match="item 37 is wrong"):
        forked_workers.map_in_chunks(check, list(range(200)), workers=2, chunk_size=4)

    records = [record for record in caplog.records if record.name == "tests.chunks"]
    assert [record.getMessage() for record in records] == [f"item {n}" for n in range(38)]
    assert len({record.process for record in records}) == 2  # both processes took chunks


def test_any_number_of_items_fits_in_the_queue():
    """The chunks' numbers are all written before the fork, into a pipe's buffer: with
    many items the chunks grow instead (a queue too big for the pipe would wait
    forever; the alarm turns that into a failure)."""
    import signal

    def waited_too_long(signal_number, frame):
        raise TimeoutError("the queue of chunks did not fit in the pipe")

    previous = signal.signal(signal.SIGALRM, waited_too_long)
    signal.alarm(60)
    try:
        done = forked_workers.map_in_chunks(
            lambda item: item + 1, list(range(200_000)), workers=2, chunk_size=1
        )
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert done == [item + 1 for item in range(200_000)]


def test_an_error_in_a_forked_worker_reaches_this_process():
    """Raised in the worker, raised here; an error that cannot travel back (its class
    is local) arrives as its words."""
    import os

    parent = os.getpid()

    class LocalError(Exception):
        pass

    def fail_in_worker(item):
        time.sleep(0.001)
        if os.getpid() != parent:
            raise LocalError(f"item {item} failed in a worker")
        return item

    with pytest.raises(RuntimeError, match=r"^LocalError: item \d+ failed in a worker$"):
        forked_workers.map_in_chunks(fail_in_worker, list(range(400)), workers=2, chunk_size=4)


def test_a_worker_that_dies_fails_the_work_with_why():
    """A worker killed in the middle of a chunk sends nothing back: its chunks are
    missing, and that is an error, never a shorter list of results."""
    import os

    parent = os.getpid()

    def die_in_worker(item):
        time.sleep(0.001)
        if os.getpid() != parent:
            os._exit(3)
        return item

    with pytest.raises(RuntimeError, match=r"^a build worker stopped \(exit code 3\) before"):
        forked_workers.map_in_chunks(die_in_worker, list(range(400)), workers=2, chunk_size=4)


def test_a_problem_found_while_reading_ahead_is_reported_as_one_process_reports_it(
    site_factory, monkeypatch
):
    """Posts read ahead in forked workers: one whose reading finds a problem is read
    again by the build, so the report is the one a build without workers gives."""
    site = site_factory()
    for number in range(40):  # over the read-ahead's threshold
        field = "Sumary" if number in (5, 30) else "Summary"
        site.write(
            f"posts/post-{number:02d}.md",
            f"Title: Post {number}\nDate: 2026-01-01\n{field}: Post {number}.\n\nBody.\n",
        )
    reports = {}
    for workers in (1, 2):
        monkeypatch.setenv(forked_workers.WORKERS_VARIABLE, str(workers))
        reports[workers] = site.build(
            settings={"CACHE_PATH": str(site.root / f"cache-{workers}")},
            output=site.root / f"output-{workers}",
            fresh_process=True,
        )

    assert reports[2].parallel["read"] == {"files": 40, "processes": 2}
    # Pelican reads a folder's files in an order that changes from process to process
    # (it collects them in a set), and its report follows that order.
    assert sorted(reports[2].problems) == sorted(reports[1].problems)
    assert sorted(line.split(":")[0] for line in reports[2].problems) == [
        "content/posts/post-05.md",
        "content/posts/post-30.md",
    ]


# Run first in the build's process: every template compile is noted in TEMPLATE_LOG, with
# whether the process that compiled it is the build's own or a worker forked from it.
NOTE_TEMPLATE_COMPILES = """
import os, jinja2
BUILD_PROCESS = os.getpid()
_compile = jinja2.Environment.compile
def _noted_compile(self, source, name=None, *args, **kwargs):
    where = "build" if os.getpid() == BUILD_PROCESS else "worker"
    with open(os.environ["TEMPLATE_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{where} {name}\\n")
    return _compile(self, source, name, *args, **kwargs)
jinja2.Environment.compile = _noted_compile
"""


def test_templates_are_compiled_once_while_the_posts_are_read(site, monkeypatch, tmp_path):
    """The build process compiles the theme's templates while its workers read; the
    render workers forked later find them compiled instead of compiling their own."""
    log = tmp_path / "compiled.log"
    monkeypatch.setenv("TEMPLATE_LOG", str(log))
    monkeypatch.setenv(forked_workers.WORKERS_VARIABLE, "2")
    result = site.build(
        settings={"CACHE_PATH": str(tmp_path / "cache")},  # nothing read or compiled yet
        output=tmp_path / "output",
        fresh_process=True,
        prelude=NOTE_TEMPLATE_COMPILES,
    )

    assert result.ok, result.problems
    assert result.parallel["read"]["processes"] == 2
    assert result.parallel["render"]["processes"] == 2
    compiled = [line.split(" ", 1) for line in log.read_text(encoding="utf-8").splitlines()]
    theme_templates = PROJECT_ROOT / "theme" / "templates"
    in_build = [name for where, name in compiled if where == "build"]
    assert {"base.html", "article.html", "partials/footer.html"} <= set(in_build)
    # Compiled once for every environment of the build (the others load the code).
    assert len(in_build) == len(set(in_build))
    assert [
        name for where, name in compiled if where == "worker" and (theme_templates / name).is_file()
    ] == []


def body_facts(html):
    """A pure function of a text, as a DigestMemo computes; says where it ran."""
    import os

    from business_theme.article_parts import read_body

    headings, words = read_body(html)
    return [entry.text for entry in headings], words, os.getpid()


def test_a_memo_computes_what_it_does_not_remember_on_every_core(tmp_path, monkeypatch):
    """A cold build's post bodies are parsed on both cores: the results are the ones
    one process computes, in order, and are remembered for the next build."""
    import os

    from plugin_support import digest_memo
    from plugin_support.digest_memo import SMALLEST_PARALLEL_COMPUTE, DigestMemo

    monkeypatch.setenv(forked_workers.WORKERS_VARIABLE, "2")
    # The test runner's own threads (pytest-xdist's) make a build refuse to fork; the
    # worker here only computes and exits.
    monkeypatch.setattr(digest_memo, "can_fork", lambda: True)
    settings = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path)}
    texts = [
        f'<h2 id="s{number}">Part {number}</h2><p>{"word " * (number % 17)}</p>'
        for number in range(SMALLEST_PARALLEL_COMPUTE + 50)
    ]
    texts += texts[:10]  # a text twice is computed once

    memo = DigestMemo(settings, "bodies.pickle")
    results = memo.results(texts, str, body_facts)
    memo.save()

    assert [result[:2] for result in results] == [body_facts(text)[:2] for text in texts]
    where = {result[2] for result in results}
    assert len(where) == 2 and os.getpid() in where  # this process and one worker
    again = DigestMemo(settings, "bodies.pickle").results(texts, str, body_facts)
    assert again == results  # remembered: not computed again, anywhere


def write_three_times(writer, overrides):
    """Pelican's writer asked to write one file three times, with the given
    override_output flags; the outcome of each write (None, or the error it raised)."""
    from jinja2 import Environment

    environment = Environment(autoescape=True)
    outcomes = []
    for number, override in enumerate(overrides):
        template = environment.from_string(f"write {number}: {{{{ output_file }}}}")
        try:
            writer.write_file("same/index.html", template, {}, override_output=override)
            outcomes.append(None)
        except Exception as error:
            outcomes.append(type(error).__name__)
    return outcomes


@pytest.mark.parametrize(
    "overrides",
    [(False, True, False), (True, False, False), (False, False, True), (True, False, True)],
    ids=["overwritten-then-kept", "kept", "second-write-refused", "second-override-refused"],
)
def test_queued_pages_follow_pelicans_overwrite_rules_without_touching_the_disk(
    tmp_path, overrides
):
    """Pelican decides which of several writes to one file stays (or stops the build);
    the writer keeps the placeholders in memory, and the page it renders is the one
    Pelican's own writer leaves in the file."""
    from pelican.writers import Writer

    settings = {"RELATIVE_URLS": False, "PAGINATED_TEMPLATES": {}}
    pelican_writer = Writer(str(tmp_path / "pelican"), settings=settings)
    expected_outcomes = write_three_times(pelican_writer, overrides)
    expected = (tmp_path / "pelican" / "same" / "index.html").read_text(encoding="utf-8")

    writer = parallel_writing.ParallelWriter(str(tmp_path / "queued"), settings=settings)
    outcomes = write_three_times(writer, overrides)
    assert outcomes == expected_outcomes
    assert not (tmp_path / "queued" / "same" / "index.html").exists()  # nothing written yet
    winners = parallel_writing._winning_jobs(writer.jobs, writer.placeholders)
    assert [job.template.render(job.context) for job in winners] == [expected]


def test_a_file_written_for_real_replaces_a_queued_page(tmp_path):
    """A feed written where a page was queued (Pelican allows it with override) is the
    file: the page is not rendered over it."""
    from jinja2 import Environment

    settings = {"RELATIVE_URLS": False, "PAGINATED_TEMPLATES": {}}
    writer = parallel_writing.ParallelWriter(str(tmp_path), settings=settings)
    writer.write_file("feed.xml", Environment(autoescape=True).from_string("a page"), {})
    with writer._open_w(str(tmp_path / "feed.xml"), "utf-8", override=True) as feed:
        feed.write("<feed/>")
    assert parallel_writing._winning_jobs(writer.jobs, writer.placeholders) == []
    assert (tmp_path / "feed.xml").read_text(encoding="utf-8") == "<feed/>"


def test_a_page_queued_but_never_written_does_not_swallow_the_next_file(tmp_path):
    """Pelican renders a page (which queues it) and then works out its path: if it stops
    in between, the next file opened (a feed) is still written for real."""
    from jinja2 import Environment

    settings = {"RELATIVE_URLS": False, "PAGINATED_TEMPLATES": {}}
    writer = parallel_writing.ParallelWriter(str(tmp_path), settings=settings)
    template = Environment(autoescape=True).from_string("a page")
    with pytest.raises(RuntimeError, match="break out of output directory"):
        writer.write_file("../outside/index.html", template, {})  # queued, then refused
    with writer._open_w(str(tmp_path / "feed.xml"), "utf-8") as feed:
        feed.write("<feed/>")
    assert (tmp_path / "feed.xml").read_text(encoding="utf-8") == "<feed/>"
    assert parallel_writing._winning_jobs(writer.jobs, writer.placeholders) == []
