"""The one exception publishing raises: a reason fit to print as one line."""


class PublishError(Exception):
    """Publishing stopped; `str(error)` says why in one line, `details` lists each problem."""

    def __init__(self, reason, details=()):
        super().__init__(reason)
        self.details = list(details)

    def lines_before_reason(self):
        """The details to print before the reason, without any the reason already says.

        A lone problem often is the reason (a settings mistake, a symlink): it is
        printed once, as the reason.
        """
        reason = str(self)
        return [line for line in self.details if line not in reason]
