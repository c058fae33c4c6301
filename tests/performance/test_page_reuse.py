"""A warm build carries a page over from the previous site only when nothing it was
made from changed (plugin_support.page_reuse), and the result is always what a cold
build writes.

Real builds of small sites, in this process (one worker: the decisions are the same
on every core; tests/performance/test_fast_builds_stay_correct.py covers the corpus
on two). The digests themselves are checked across processes, where Python salts
its string hashes differently.
"""

import subprocess
import sys
from dataclasses import dataclass

import pytest
from fixture_sites import PROJECT_ROOT, differences
from plugin_support import forked_workers, page_reuse, parallel_writing
from plugin_support.digest_memo import read_versioned
from plugin_support.render_digests import RenderDigests, Undigestable

POST = """
Title: {title}
Slug: {slug}
Date: 2026-0{month}-01 09:00
Category: Notes
Tags: pricing, tag-{slug}

{body}
"""


def write_posts(site, changed=None, count=6):
    """`count` posts; `changed` maps a post number to a dict of its fields to change."""
    changed = changed or {}
    for number in range(count):
        fields = {
            "title": f"Post {number}",
            "slug": f"post-{number}",
            "month": 1 + number % 9,
            "body": f"Body of post {number}.",
            **changed.get(number, {}),
        }
        site.write(f"posts/post-{number}.md", POST.format(**fields))


@pytest.fixture
def one_worker(monkeypatch):
    monkeypatch.setenv(forked_workers.WORKERS_VARIABLE, "1")


def build(site, **settings):
    result = site.build(settings=settings)
    assert result.ok, result.problems
    return result, dict(parallel_writing.LAST_RENDER)


def cold_build(site, tmp_path):
    result = site.build(
        settings={"CACHE_PATH": str(tmp_path / "cold-cache")}, output=tmp_path / "cold-output"
    )
    assert result.ok, result.problems
    return result


def built_then_edited(site, before=None, after=None):
    """Build the posts as `before`, then again as `after`: (warm result, its render stats)."""
    write_posts(site, before)
    build(site)
    write_posts(site, after)
    return build(site)


def test_an_unchanged_site_is_carried_over_whole(site_factory, one_worker):
    site = site_factory()
    write_posts(site)
    first, first_run = build(site)
    before = {path: path.read_bytes() for path in first.output.rglob("*.html")}
    files_before = {path: path.stat().st_ino for path in before}
    again, again_run = build(site)
    # Carried over as the same files (hard links into the staged site), not rewritten.
    assert {path: path.stat().st_ino for path in before} == files_before

    assert first_run["rendered"] == first_run["pages"] > 10
    assert again_run["rendered"] == 0
    assert again_run["carried_over"] == first_run["pages"]
    assert {path: path.read_bytes() for path in again.output.rglob("*.html")} == before


def test_an_edited_body_renders_only_the_pages_that_show_it(site_factory, one_worker, tmp_path):
    site = site_factory()
    warm, run = built_then_edited(
        site, after={2: {"body": "A new body, with a new first sentence."}}
    )

    # The post's page, and the listings that show its summary (home, category, tags,
    # author, archives): not the other posts' pages or the static pages.
    assert 0 < run["rendered"] < run["pages"] / 2, run
    assert "A new body" in warm.text("blog/post-2/index.html")
    assert differences(warm.output, cold_build(site, tmp_path).output) == []


def test_a_new_title_reaches_the_neighbours_and_listings(site_factory, one_worker, tmp_path):
    site = site_factory()
    warm, run = built_then_edited(site, after={3: {"title": "Renamed post"}})

    assert run["carried_over"] > 0
    # Its neighbours link it by title ("previous"/"next"): they read it, so they changed.
    neighbour_links = [
        link.get_text(" ", strip=True)
        for number in (2, 4)
        for link in warm.soup(f"blog/post-{number}/index.html").select("a[rel=prev], a[rel=next]")
    ]
    assert len([text for text in neighbour_links if "Renamed" in text]) == 2, neighbour_links
    assert differences(warm.output, cold_build(site, tmp_path).output) == []


def test_a_moved_link_target_renders_the_page_that_links_to_it(site_factory, one_worker, tmp_path):
    site = site_factory()
    link = {"body": "See [the other post]({filename}post-5.md)."}
    warm, _ = built_then_edited(site, before={0: link}, after={0: link, 5: {"slug": "moved"}})

    link = warm.soup("blog/post-0/index.html").find("a", string="the other post")
    assert link["href"].endswith("/blog/moved/")
    assert differences(warm.output, cold_build(site, tmp_path).output) == []


def test_a_page_changed_by_hand_in_the_site_is_rendered_again(site_factory, one_worker):
    site = site_factory()
    write_posts(site)
    first, _ = build(site)
    page = first.path("blog/post-1/index.html")
    rendered = page.read_bytes()
    page.write_bytes(rendered.replace(b"Body of post 1.", b"Changed by hand"))
    again, run = build(site)

    assert run["rendered"] == 1
    assert again.path("blog/post-1/index.html").read_bytes() == rendered


def test_a_value_that_cannot_be_digested_renders_every_page(site_factory, one_worker):
    site = site_factory()
    write_posts(site)
    build(site, SOMETHING_OPAQUE=object())
    _, run = build(site, SOMETHING_OPAQUE=object())

    assert run["rendered"] == run["pages"]
    assert run["undigestable"] == ["builtins.object"]


def test_a_page_record_names_each_item_it_read_once(site_factory, one_worker):
    """What the build (and every worker that renders) holds for each page: each item's
    class and path once, then the names of its attributes the page read, sorted."""
    site = site_factory()
    write_posts(site)
    build(site)
    (record_file,) = site.root.rglob(page_reuse.RECORD_FILE)
    record = read_versioned(record_file, page_reuse.RECORD_VERSION)
    reads = record["blog/post-2/index.html"][1]

    groups = reads.split(page_reuse.READ_SEPARATOR)
    items = [tuple(group.split(page_reuse.FIELD_SEPARATOR)[:2]) for group in groups]
    assert len(items) == len(set(items)) > 1 and items == sorted(items)
    names = dict(page_reuse._decoded_reads(reads))[("Article", "posts/post-2.md")]
    assert {"title", "content", "date"} <= set(names) and names == sorted(set(names))
    assert reads.count("posts/post-2.md") == 1


@dataclass
class Tier:
    name: str
    group: object = None


@dataclass
class Group:
    name: str
    tiers: list


def a_catalogue(price):
    group = Group("Audits", [])
    group.tiers += [Tier("Starter", group), Tier(f"Premium at {price}", group)]
    return {
        "tags": {"pricing", "audits", "email"},
        "groups": [group],
        "nested": {"a": [1, 2.5]},
        # Plain values only (digested whole, by marshal), a set among them.
        "plain": {"terms": [("scope", 3), {"days", "weeks", "months"}], "price": price},
    }


DIGEST_IN_A_NEW_PROCESS = """
import sys
root = sys.argv[1]
sys.path[:0] = [root, root + "/plugins", root + "/tests", root + "/tests/performance"]
from plugin_support.render_digests import RenderDigests
from test_page_reuse import a_catalogue
print(RenderDigests({}, {}).of(a_catalogue(sys.argv[2])).hex())
"""


def digest_in_a_new_process(price, hash_seed):
    completed = subprocess.run(
        [sys.executable, "-c", DIGEST_IN_A_NEW_PROCESS, str(PROJECT_ROOT), price],
        capture_output=True,
        text=True,
        env={"PYTHONHASHSEED": hash_seed, "PATH": "/usr/bin:/bin"},
        check=True,
    )
    return completed.stdout.strip()


def test_digests_depend_on_values_not_on_the_process():
    # Sets of strings iterate in a different order under each hash seed; a cycle (a
    # group and its tiers) is digested by where it points back to.
    first, second = digest_in_a_new_process("$900", "1"), digest_in_a_new_process("$900", "2")
    changed = digest_in_a_new_process("$950", "1")
    assert first == second == RenderDigests({}, {}).of(a_catalogue("$900")).hex()
    assert changed != first


def test_a_value_in_a_cycle_has_one_digest_whichever_was_digested_first():
    """The early digests are made from both ends of the list at once: a tier's digest
    must not depend on whether another tier of its group was digested before it."""
    group = a_catalogue("$900")["groups"][0]
    starter, premium = group.tiers
    alone = RenderDigests({}, {}).of(premium)
    after_its_neighbour = RenderDigests({}, {})
    after_its_neighbour.of(starter)
    assert after_its_neighbour.of(premium) == alone
    after_its_group = RenderDigests({}, {})
    after_its_group.of(group)
    assert after_its_group.of(premium) == alone
    # The same walk, so still the values: another price, another digest.
    group.tiers[1] = Tier("Premium at $950", group)
    assert RenderDigests({}, {}).of(group.tiers[1]) != alone


def test_an_object_without_a_value_cannot_be_digested():
    with pytest.raises(Undigestable, match=r"builtins\.object"):
        RenderDigests({}, {}).of({"opaque": object()})


def test_decisions_are_shared_by_cost_in_contiguous_runs():
    from plugin_support.page_reuse import _contiguous_shares

    # Cheap pages first, dear ones after (a blog's posts, then its listing pages).
    jobs = [1] * 60 + [3] * 40
    shares = _contiguous_shares(jobs, 2, cost=lambda job: job)
    assert [job for share in shares for job in share] == jobs
    assert len(shares) == 2
    costs = [sum(share) for share in shares]
    assert abs(costs[0] - costs[1]) <= 3, costs
    assert len(shares[0]) > len(shares[1])
    assert _contiguous_shares(jobs[:1], 2, cost=lambda job: job) == [[1]]
