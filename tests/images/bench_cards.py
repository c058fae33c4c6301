"""What social cards cost: N cards drawn from nothing, then the same N from the cache.

    python tests/images/bench_cards.py [N]     (default 1000)

Uses the plugin's own cache and drawing code (ImageBuild.card_file), with the
example site's settings, outside a Pelican build so only card work is timed.
Not part of the test suite: timings belong in benchmarks, not in unit tests.
"""

import json
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_ROOT / "plugins"))

from images.card_drawing import CardText  # noqa: E402
from images.image_build import image_build  # noqa: E402
from images.settings import validated_settings  # noqa: E402
from pelican.settings import read_settings  # noqa: E402


def card_settings(folder):
    settings = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))
    settings["PATH"] = str(folder / "content")
    settings["OUTPUT_PATH"] = str(folder / "output")
    settings["IMAGES"] = validated_settings(
        {**settings, "IMAGES": {"cache_path": str(folder / "image-cache")}}
    )
    return settings


def timed_cards(settings, count):
    """Seconds to give `count` posts their cards in one fresh build state."""
    state = image_build({}, settings)
    started, started_cpu = time.perf_counter(), time.process_time()
    for number in range(count):
        text = CardText(
            title=f"Benchmark post {number}: what a fair price for customer service looks like",
            site_name="Dana Reyes · Marketing & Customer Service",
            price="$1,500 per month" if number % 5 == 0 else "",
            label="Pricing",
        )
        state.card_file(f"blog/bench-{number:04d}", text)
    return time.perf_counter() - started, time.process_time() - started_cpu, state.cache.stats


def main(count):
    with tempfile.TemporaryDirectory(prefix="bench-cards-") as folder:
        settings = card_settings(Path(folder))
        cold, cold_cpu, cold_stats = timed_cards(settings, count)
        warm, warm_cpu, warm_stats = timed_cards(settings, count)
    figures = {
        "cards": count,
        "from_nothing_s": round(cold, 2),
        "from_cache_s": round(warm, 3),
        # CPU time is what a quiet machine's wall time would be; it ignores other load.
        "from_nothing_cpu_s": round(cold_cpu, 2),
        "from_cache_cpu_s": round(warm_cpu, 3),
        "ms_per_card_from_nothing": round(1000 * cold / count, 1),
        "ms_per_card_from_cache": round(1000 * warm / count, 3),
        "made": cold_stats.made,
        "reused_on_second_pass": warm_stats.reused,
    }
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
