"""The clause reading every stage shares: each predicate's arguments, governor, reporter, modality and tense."""

from .frames import CLAUSE_DEPS, RELATIVE_PRONOUNS, Clause, Clauses, Tense, clauses_of, labelled, phrase
from .words import SPEECH_VERBS, STATEMENT_NOUNS

__all__ = [
    "CLAUSE_DEPS",
    "RELATIVE_PRONOUNS",
    "SPEECH_VERBS",
    "STATEMENT_NOUNS",
    "Clause",
    "Clauses",
    "Tense",
    "clauses_of",
    "labelled",
    "phrase",
]
