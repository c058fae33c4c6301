"""Shared values and helpers for the pricing tests."""

from pelicanconf import PRICING as PROJECT_PRICING

__all__ = ["PROJECT_PRICING", "text_of"]


def text_of(element):
    """Visible text with typogrify's no-break spaces and line breaks as plain spaces."""
    return " ".join(element.get_text(" ").replace("\u00a0", " ").split())
