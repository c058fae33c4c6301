"""The GitHub Actions workflows: valid, findings-free, and publishing only from main."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((PROJECT_ROOT / ".github" / "workflows").glob("*.yml"))
PUBLISH_WORKFLOW = PROJECT_ROOT / ".github" / "workflows" / "publish.yml"
# zizmor ships as a binary next to the Python that installed it.
ZIZMOR = Path(sys.executable).parent / "zizmor"
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def load(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def run(*command):
    return subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_workflows_exist():
    assert PUBLISH_WORKFLOW in WORKFLOWS


def test_workflows_match_the_github_workflow_schema():
    result = run(
        sys.executable,
        "-m",
        "check_jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        *map(str, WORKFLOWS),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_offline_has_no_findings():
    result = run(str(ZIZMOR), "--offline", "--no-progress", ".github/workflows")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def uses_lines(path):
    return [
        line.split("uses:", 1)[1].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith(("uses:", "- uses:"))
    ]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_full_sha_with_its_version(path):
    used = uses_lines(path)
    assert used
    for action in used:
        assert PINNED_ACTION.match(action), action


def test_triggers_are_push_to_main_daily_off_the_hour_manual_and_pull_requests():
    triggers = load(PUBLISH_WORKFLOW)["on"]
    assert triggers["push"] == {"branches": ["main"]}
    assert "pull_request" in triggers
    assert "workflow_dispatch" in triggers
    (schedule,) = triggers["schedule"]
    minute, hour, *every_day = schedule["cron"].split()
    assert every_day == ["*", "*", "*"]
    assert minute.isdigit() and int(minute) not in (0, 30), "pick a minute off the hour"
    assert hour.isdigit()


def test_only_the_publish_job_may_write_and_only_main_publishes():
    workflow = load(PUBLISH_WORKFLOW)
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    for name, job in jobs.items():
        expected = {"contents": "write"} if name == "publish" else {"contents": "read"}
        assert job["permissions"] == expected, name
    publish = jobs["publish"]
    assert publish["needs"] == "test"
    assert "github.event_name != 'pull_request'" in publish["if"]
    assert "github.ref == 'refs/heads/main'" in publish["if"]
    assert publish["concurrency"] == {"group": "publish-gh-pages", "cancel-in-progress": False}
    assert publish["steps"][-1]["run"] == "invoke publish"


def test_checkouts_drop_the_token_except_where_the_push_needs_it():
    for name, job in load(PUBLISH_WORKFLOW)["jobs"].items():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is (name == "publish"), name


def test_caches_are_keyed_by_content_hashes():
    steps = [step for job in load(PUBLISH_WORKFLOW)["jobs"].values() for step in job["steps"]]
    caches = [step["with"] for step in steps if step.get("uses", "").startswith("actions/cache@")]
    pelican = [cache for cache in caches if cache["path"] == "cache"]
    assert pelican
    for cache in pelican:
        assert "hashFiles('content/**'" in cache["key"]
    pip_keys = [cache["key"] for cache in caches if "pip" in cache["path"]]
    pip_keys += [
        step["with"]["cache-dependency-path"]
        for step in steps
        if step.get("uses", "").startswith("actions/setup-python@")
    ]
    assert pip_keys and all("requirements" in key for key in pip_keys)
