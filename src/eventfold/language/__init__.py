"""Language stage: detection and the per-language data every later stage reads."""

from eventfold.language.data import LanguageData, UnsupportedLanguage, language_data, languages
from eventfold.language.detect import detect_language

__all__ = ["LanguageData", "UnsupportedLanguage", "detect_language", "language_data", "languages"]
