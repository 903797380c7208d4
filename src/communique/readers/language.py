"""Language identification, so that articles in other languages are refused, not mis-coded.

py3langid (a maintained fork of langid.py, BSD licence, model shipped in the wheel) decides. Only a
confident decision refuses an article: wire copy in capitals, tables of figures and very short texts
often look like nothing in particular, and are coded as English. A language given by the user
(`--language`, or `"language"` in a JSONL line) is taken without asking the identifier.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..errors import LanguageError

MIN_WORDS = 12  # below this, a text is too short to tell
MIN_CONFIDENCE = 0.95  # normalised probability needed to call a text non-English
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_NAMES = {
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "ru": "Russian",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ar": "Arabic",
    "zh": "Chinese",
    "ja": "Japanese",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "pl": "Polish",
    "fa": "Persian",
}


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code, or None when the text is too short or too unlike any language to tell."""
    sample = text[:5000]
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return None
    language, confidence = _identifier().classify(sample.lower())
    return str(language) if confidence >= MIN_CONFIDENCE else None


def check_english(text: str, source: str) -> None:
    """Raise LanguageError when the text is confidently in another language than English."""
    language = guess_language(text)
    if language not in (None, "en"):
        raise LanguageError("E009", source=source, language=language_name(language))


def language_name(code: str) -> str:
    return _NAMES.get(code, f"language '{code}'")
