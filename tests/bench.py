"""Build-speed benchmark: `invoke bench`.

Builds synthetic sites of growing size with the production settings and checks
two targets: a post costs at most MAX_MS_PER_POST to build, and the cost per post
does not grow with the number of posts (per-page work is independent of site size).
Prints a table; exits non-zero when a target is missed. Not part of `invoke test`:
timings belong here, not in unit tests.
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT / "plugins"))

from tooling.runner import build_site  # noqa: E402

SIZES = (100, 400)
MAX_MS_PER_POST = 60.0
# Per-post time at the largest size may be at most this multiple of the smallest.
MAX_GROWTH = 1.5
CATEGORIES = ("Pricing", "Marketing", "Customer Service", "Case Studies")


def write_synthetic_site(root, post_count):
    shutil.copytree(PROJECT_ROOT / "content", root / "content")
    posts = root / "content" / "posts"
    for number in range(post_count):
        category = CATEGORIES[number % len(CATEGORIES)]
        month, day = 1 + number % 10, 1 + number % 28
        (posts / f"bench-{number:04d}.md").write_text(
            f'Title: Benchmark post {number}: pricing & "quotes"\n'
            f"Date: 2025-{month:02d}-{day:02d} 09:{number % 60:02d}\n"
            f"Category: {category}\nTags: bench, tag{number % 25}\n"
            f"Summary: Synthetic post {number} for the benchmark.\n\n"
            + "A paragraph of text about transparent prices and fair work. " * 40
            + "\n\n## A heading\n\n- one\n- two\n- three\n",
            encoding="utf-8",
        )


def timed_build(post_count):
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        root = Path(folder)
        write_synthetic_site(root, post_count)
        overrides = {
            "PATH": str(root / "content"),
            "OUTPUT_PATH": str(root / "output"),
            "CACHE_PATH": str(root / "cache"),
            "LOAD_CONTENT_CACHE": False,
            # Cards and image copies come from their own cache, kept between runs, as in
            # a real project; tests/images/bench_cards.py times making them from nothing.
            "IMAGES": {"cache_path": str(PROJECT_ROOT / "cache" / "bench-images")},
        }
        started = time.perf_counter()
        report = build_site(PROJECT_ROOT / "publishconf.py", overrides)
        seconds = time.perf_counter() - started
        if not report.ok:
            raise SystemExit("benchmark site failed to build:\n" + "\n".join(report.problems))
        size = sum(p.stat().st_size for p in (root / "output").rglob("*") if p.is_file())
        return seconds, size


def main():
    rows = []
    for post_count in SIZES:
        seconds, size = timed_build(post_count)
        rows.append((post_count, seconds, 1000 * seconds / post_count, size))
    print(f"{'posts':>6} {'seconds':>8} {'ms/post':>8} {'output MB':>10}")
    for post_count, seconds, per_post, size in rows:
        print(f"{post_count:>6} {seconds:>8.2f} {per_post:>8.1f} {size / 1e6:>10.2f}")
    failures = []
    worst = max(per_post for _, _, per_post, _ in rows)
    if worst > MAX_MS_PER_POST:
        failures.append(
            f"a post takes {worst:.1f} ms to build (target: at most {MAX_MS_PER_POST} ms)"
        )
    growth = rows[-1][2] / rows[0][2]
    if growth > MAX_GROWTH:
        failures.append(
            f"per-post time grows {growth:.2f}x from {SIZES[0]} to {SIZES[-1]} posts "
            f"(target: at most {MAX_GROWTH}x; some per-page work depends on the number of posts)"
        )
    for failure in failures:
        print(f"bench: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
