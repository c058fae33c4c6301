"""`invoke bench`: the corpus it generates, and the harness run end to end in quick mode."""

import json
import os
import subprocess
import sys

from fixture_sites import PROJECT_ROOT

from tooling.benchmark import CONFIGURATIONS, write_corpus

CONFIGURATION_NAMES = {"project", "stock_typogrify", "stock_plain"}
RATIOS = ("cold", "warm", "peak_rss", "cold_cpu", "warm_cpu")


def files_under(root):
    return {path.relative_to(root): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_corpus_is_the_same_every_time_with_8_kb_posts_services_and_price_references(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    edited = write_corpus(first, 40)
    write_corpus(second, 40)

    posts = sorted((first / "content/posts/generated").glob("*.md"))
    services = sorted((first / "content/services").glob("generated-service-*.md"))
    assert len(posts) == 40 and len(services) == 10
    assert files_under(first) == files_under(second)
    mean_size = sum(path.stat().st_size for path in posts) / len(posts)
    assert 6_000 < mean_size < 10_000
    texts = [path.read_text(encoding="utf-8") for path in posts]
    assert sum("{price}generated-service-" in text for text in texts) == 40 // 5
    # Headings, lists, quotes, links, code spans, and what typogrify rewrites: in every post.
    for feature in ("\n## ", "\n- ", "\n1. ", "\n> ", "](https://", "`", "'", '"', " -- "):
        assert all(feature in text for text in texts), feature
    assert sum("**" in text for text in texts) > len(texts) // 2
    assert edited in posts
    # The example site comes along: its posts, pages and service pages.
    assert (first / "content/posts/what-an-audit-costs.md").is_file()
    assert (first / "content/services/strategy-session.md").is_file()


def test_quick_bench_measures_every_configuration_end_to_end(tmp_path):
    results_path = tmp_path / "bench.json"
    completed = subprocess.run(
        [sys.executable, "-m", "invoke", "bench", "--quick", "--json", str(results_path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert completed.returncode == 0, completed.stderr

    results = json.loads(results_path.read_text(encoding="utf-8"))
    assert (results["posts"], results["runs"]) == (60, 1)
    assert results["machine"]["cores"] == os.cpu_count()
    assert set(results["configurations"]) == CONFIGURATION_NAMES == set(CONFIGURATIONS)
    for name, entry in results["configurations"].items():
        for kind in ("cold", "warm"):
            assert entry[kind]["seconds"] > 0 and entry[kind]["cpu_seconds"] > 0, (name, kind)
            # A Python process running Pelican holds well over 20 MB.
            assert entry[kind]["peak_rss_mb"] > 20, (name, kind)
            assert len(entry[kind]["runs"]) == 1
        assert set(entry["ratio_to_stock_typogrify"]) == set(RATIOS)
        assert max(entry["peak_rss_by_program_mb"].values()) <= entry["peak_rss_mb"]
    # This project's search index is a program of its own, built while Python waits for it.
    assert "pagefind" in " ".join(results["configurations"]["project"]["peak_rss_by_program_mb"])
    reference = results["configurations"]["stock_typogrify"]["ratio_to_stock_typogrify"]
    assert reference == dict.fromkeys(RATIOS, 1.0)
    assert results["live_preview"]["seconds"] > 0 and results["live_preview"]["cpu_seconds"] > 0
    # The edited post's page is written from the last build's state before the rebuild.
    assert 0 < results["live_preview"]["shown_seconds"] < results["live_preview"]["seconds"]
    # Cards and image copies are made once, before the measured runs, and reported apart.
    assert results["project_cold_with_derived_assets_from_nothing"]["seconds"] > 0

    targets = {target["name"]: target for target in results["targets"]}
    assert set(targets) == {"cold", "warm", "peak_rss", "live_preview", "live_preview_rebuild"}
    assert all(isinstance(target["met"], bool) for target in targets.values())
    assert targets["cold"]["limit"] == 0.6 and targets["cold"]["stretch"] == 0.5

    table = completed.stdout
    assert "60 generated posts" in table and f"{os.cpu_count()} cores" in table
    for entry in results["configurations"].values():
        assert entry["label"] in table
    assert "live preview" in table and "Targets" in table
    assert "cards + image copies new" in table
