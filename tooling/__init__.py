"""The project's tooling: what runs Pelican and git for `invoke` (tasks.py).

Not Pelican plugins (those live in plugins/). Here:
- runner: one staged, strict build, every problem as one line;
- problems: turns Pelican's and the plugins' log records into those lines;
- scaffold: `invoke new-post` / `new-service` files;
- publishing: `invoke publish` to the gh-pages branch.
"""
