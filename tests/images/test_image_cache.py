"""Cards and copies come from a cache outside the output: a warm build encodes nothing,
and its output equals a cold build's byte for byte."""

import os
import shutil

import pytest
from fixture_sites import FixtureSite
from image_site import images_on, write_photo

POST = """
    Title: {title}
    Slug: workshop
    Date: 2026-03-02 10:00
    Category: Case Studies

    ![The workshop]({{static}}/images/workshop.jpg)
"""
SERVICE = """
    Title: Strategy session
    Slug: session
    Price: 150
    Price_Unit: hour
    Action_URL: mailto:dana@example.test

    Two hours on your plan.
"""
# One fixed "now", so two builds minutes apart see the same site.
BUILD_TIME = {"PUBLICATION": {"preview": True, "build_time": "2026-06-01T12:00:00+00:00"}}


def write_site(root, title="A day in the workshop"):
    site = FixtureSite(root)
    write_photo(site.content / "images" / "workshop.jpg", size=(1000, 600))
    site.write("posts/workshop.md", POST.format(title=title))
    site.write("services/session.md", SERVICE)
    return site


def settings_with_cache(cache):
    return {**images_on(cache_path=str(cache)), **BUILD_TIME}


def snapshot(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def cache_state(cache):
    """{file: modification time} of every file in the cache."""
    return {path: path.stat().st_mtime_ns for path in cache.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def cold_and_warm(tmp_path_factory):
    root = tmp_path_factory.mktemp("cache")
    cache = root / "image-cache"
    site = write_site(root / "site")
    cold = site.build(settings=settings_with_cache(cache))
    assert cold.ok, cold.problems
    cold_files = snapshot(cold.output)
    cache_after_cold = cache_state(cache)
    warm = site.build(settings=settings_with_cache(cache))
    assert warm.ok, warm.problems
    return {
        "root": root,
        "cache": cache,
        "site": site,
        "cold_files": cold_files,
        "cache_after_cold": cache_after_cold,
        "warm": warm,
    }


def derived_files(files):
    return sorted(name for name in files if name.startswith("media/"))


def test_a_cold_build_puts_cards_and_copies_in_the_cache_and_the_output(cold_and_warm):
    names = derived_files(cold_and_warm["cold_files"])
    assert [name for name in names if name.startswith("media/cards/")] == [
        name for name in names if name.endswith(".png")
    ]
    assert len([name for name in names if name.startswith("media/cards/")]) == 2
    assert len([name for name in names if name.startswith("media/images/workshop-")]) >= 3
    cached = [path for path in cold_and_warm["cache_after_cold"] if path.suffix != ".json"]
    assert len(cached) == len(names)


def test_a_warm_build_encodes_nothing(cold_and_warm):
    # Nothing written to the cache: no new file, and no file rewritten.
    assert cache_state(cold_and_warm["cache"]) == cold_and_warm["cache_after_cold"]


def test_the_output_links_to_the_cached_files_instead_of_copying_them(cold_and_warm):
    warm = cold_and_warm["warm"]
    cached = set(cold_and_warm["cache_after_cold"])
    for name in derived_files(warm.files()):
        assert any(os.path.samefile(warm.path(name), path) for path in cached), name


def test_a_warm_build_equals_the_cold_one_byte_for_byte(cold_and_warm):
    assert snapshot(cold_and_warm["warm"].output) == cold_and_warm["cold_files"]


def test_a_cold_build_with_an_empty_cache_makes_the_same_bytes(cold_and_warm):
    other = write_site(cold_and_warm["root"] / "elsewhere")
    rebuilt = other.build(settings=settings_with_cache(cold_and_warm["root"] / "empty-cache"))
    assert rebuilt.ok, rebuilt.problems
    assert snapshot(rebuilt.output) == cold_and_warm["cold_files"]


def test_a_new_title_makes_one_new_card_and_reuses_everything_else(tmp_path):
    cache = tmp_path / "image-cache"
    site = write_site(tmp_path / "site")
    assert site.build(settings=settings_with_cache(cache)).ok
    before = cache_state(cache)
    site.write("posts/workshop.md", POST.format(title="A busy day in the workshop"))
    edited = site.build(settings=settings_with_cache(cache))
    assert edited.ok, edited.problems
    after = cache_state(cache)
    assert {path: after[path] for path in before} == before  # nothing re-encoded
    (new_card,) = set(after) - set(before)
    assert new_card.suffix == ".png"
    cards = [name for name in edited.files() if name.startswith("media/cards/blog/")]
    assert len(cards) == 1  # the old card is not in the new output
    assert os.path.samefile(edited.path(cards[0]), new_card)


def test_a_new_encoder_setting_makes_new_copies(tmp_path):
    cache = tmp_path / "image-cache"
    site = write_site(tmp_path / "site")
    first = site.build(settings=settings_with_cache(cache))
    assert first.ok, first.problems
    first_webp = {name for name in first.files() if name.endswith(".webp")}
    lower_quality = {"IMAGES": {"cache_path": str(cache), "quality": {"webp": 60}}}
    second = site.build(settings={**settings_with_cache(cache), **lower_quality})
    assert second.ok, second.problems
    second_webp = {name for name in second.files() if name.endswith(".webp")}
    assert first_webp and second_webp and not first_webp & second_webp


def test_the_staged_build_keeps_the_cache_and_the_default_cache_is_beside_cache_path(tmp_path):
    site = write_site(tmp_path / "site")
    built = site.build(settings={**images_on(), **BUILD_TIME})
    assert built.ok, built.problems
    # FixtureSite's CACHE_PATH is <root>/cache-dev, so the images cache is <root>/images.
    default_cache = site.root / "images"
    assert len([path for path in default_cache.rglob("*.png")]) == 2
    shutil.rmtree(built.output)  # like `invoke clean`: the next build needs no image work
    before = cache_state(default_cache)
    assert site.build(settings={**images_on(), **BUILD_TIME}).ok
    assert cache_state(default_cache) == before
