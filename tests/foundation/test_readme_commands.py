"""The README's two first commands work on a Debian or Ubuntu machine, where a system
`pip install` is refused: both make and use a virtual environment, git ignores it,
and CI runs the second one word for word."""

import re

from fixture_sites import PROJECT_ROOT

VENV = "python3 -m venv .venv && . .venv/bin/activate && "


def readme_commands():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)][:2]


def test_both_top_commands_create_and_use_a_virtual_environment():
    run_site, run_tests = readme_commands()
    assert run_site == VENV + "pip install -r requirements.txt && invoke build serve"
    assert run_tests == VENV + "pip install -r requirements-dev.txt && invoke test"


def test_ci_runs_the_second_command_word_for_word():
    ci_lines = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci_lines[-1] == readme_commands()[1]


def test_git_ignores_the_virtual_environment():
    ignored = (PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".venv/" in ignored
