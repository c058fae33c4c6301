"""The one exception publishing raises: a reason fit to print as one line."""


class PublishError(Exception):
    """Publishing stopped; `str(error)` says why in one line, `details` lists each problem."""

    def __init__(self, reason, details=()):
        super().__init__(reason)
        self.details = list(details)
