"""The build's date for pricing: Price_Updated may not be after it, Price_Valid_Until not before it.

The clock is the one every plugin shares (plugin_support.build_clock), fixed once
per build, so scheduled posts and prices agree on "today".
"""

from plugin_support.build_clock import build_day

__all__ = ["build_day"]
