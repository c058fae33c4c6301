"""The live preview serves every file from one read of it, never half of two versions.

Tornado's static handler looks at a file several times for one request: its size and
time (a stat), its ETag (livereload reads the whole file), then its bytes (opened
again by name). The live preview replaces pages while the browser loads them: the
saved post's page as soon as it is saved (tooling.quick_preview), the whole site when
a build ends. A page replaced between those looks was sent with the old page's length
and the new page's bytes; the browser dropped it as broken (a length mismatch), and
with it livereload's script, so that tab stopped reloading until the author pressed
reload by hand. Here the file is opened once, and its size, time, ETag and bytes all
come from that one open file: each response is a whole version, old or new.
"""

import hashlib
import os

from livereload.handlers import StaticFileHandler
from tornado.web import HTTPError


class WholeFileHandler(StaticFileHandler):
    """livereload's static handler (no 304s, the reload script added to pages), with
    each file read once per request."""

    def validate_absolute_path(self, root, absolute_path):
        path = super().validate_absolute_path(root, absolute_path)
        if path is None:  # redirected (a folder without its slash)
            return None
        try:
            with open(path, "rb") as file:
                self._whole = file.read()
                self._stat_result = os.fstat(file.fileno())  # what Tornado's size and time use
        except (FileNotFoundError, IsADirectoryError):  # gone since Tornado looked
            raise HTTPError(404) from None
        return path

    def get_content(self, abspath, start=None, end=None):
        return self._whole[start:end]

    def compute_etag(self):
        return f'"{hashlib.md5(self._whole, usedforsecurity=False).hexdigest()}"'
