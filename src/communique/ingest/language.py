"""A dependency-free check that a text is English, so that other languages are refused, not mis-coded."""

from __future__ import annotations

import re

from ..errors import LanguageError

_ENGLISH = frozenset(
    "the of and to in a is that for on with as by was it at from are be has have he said his not this "
    "an which but its will were their they had who or been would after more".split()
)
_SIGNS = {
    "fr": frozenset("le la les des du et est une pour que dans avec sur au aux par qui ont".split()),
    "de": frozenset("der die das und ist nicht mit von den zu im dem ein eine sich auf".split()),
    "es": frozenset("el los las del y es una por que con para en se su al como".split()),
    "ru": frozenset("и в не на что с по как это из за от".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str) -> str | None:
    """'en', another code, or None when the text is too short to tell."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if len(words) < 12:
        return None
    scores = {"en": sum(w in _ENGLISH for w in words)}
    scores.update({lang: sum(w in signs for w in words) for lang, signs in _SIGNS.items()})
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] < len(words) * 0.08:
        return "und"  # no known language's function words: another script or language
    return best


def check_english(text: str, source: str) -> None:
    """Raise LanguageError unless the text is English (or too short to tell)."""
    language = guess_language(text)
    if language not in (None, "en"):
        raise LanguageError("E009", source=source, language=_NAMES.get(language, "another language"))


_NAMES = {"fr": "French", "de": "German", "es": "Spanish", "ru": "Russian", "und": "an unknown language"}
