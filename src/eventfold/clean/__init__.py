"""Clean stage: scrape debris out, cleaned text with offsets back to the input."""

from eventfold.clean.debris import CleanText, clean_text

__all__ = ["CleanText", "clean_text"]
