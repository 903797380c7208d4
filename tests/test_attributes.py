"""The attribute table sets what spaCy's attribute ruler sets, token for token: on the model's own rules
over varied text, and on hand-made rules that exercise the ruler's semantics one by one."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from communique import load
from communique.attributes import AttributeTable
from communique.settings import default_config
from conftest import SHARED

COMPARED = ["POS", "MORPH", "LEMMA", "TAG", "DEP", "HEAD"]
TEXTS = [
    "I ain't gonna sign it, y'all. Let's go, c'mon! There are two talks left; there's one more.",
    "She's been to Bamako twice. He'd have done it, wouldn't he? We've had enough of 'em.",
    "  Tabs\tand\n\nbreaks   between words.\n",
    "THE MINISTER SAID NOTHING. Somebody, anybody, nobody: it gets worse, and it got worse.",
    "The talks, which had stalled since 2019, resumed on Monday in Geneva (Switzerland).",
    "",
]


@pytest.fixture(scope="module")
def model() -> Language:
    return spacy.load(default_config()["pipeline"]["model"])


def _texts() -> list[str]:
    dev = sorted((SHARED / "devsets" / "polnear_dev" / "text").glob("*.txt"))[:15]
    return TEXTS + [path.read_text(encoding="utf-8") for path in dev]


def test_attribute_table_sets_what_the_models_ruler_sets(model: Language) -> None:
    ruler = model.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler) and AttributeTable.supports(ruler)
    table, lemmatizer = AttributeTable(ruler), model.get_pipe("lemmatizer")
    with model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        parsed = list(model.pipe(_texts()))
    for doc in parsed:
        by_ruler, by_table = lemmatizer(ruler(doc.copy())), lemmatizer(table(doc.copy()))
        assert (by_table.to_array(COMPARED) == by_ruler.to_array(COMPARED)).all(), doc.text[:60]
    slang = lemmatizer(table(parsed[0].copy()))
    assert [t.lemma_ for t in slang[:6]] == ["I", "be", "not", "go", "to", "sign"]  # patterns over two tokens
    assert [t.pos_ for t in slang if t.lower_ == "are"] == ["VERB"]  # 'there are': the second token set


def _hand_made() -> tuple[Language, AttributeRuler]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN", "MORPH": "Number=Sing"})
    ruler.add([[{"LOWER": "bank"}]], {"POS": "PROPN"})  # later: wins over the tag's
    ruler.add([[{"TAG": "DT", "LOWER": {"NOT_IN": ["the", "a"]}}]], {"POS": "DET", "MORPH": "PronType=Dem"})
    ruler.add([[{"LOWER": {"REGEX": "^re"}}], [{"TAG": "VBD", "LOWER": {"IN": ["sat", "sits"]}}]], {"LEMMA": "X"})
    ruler.add([[{"LOWER": "river"}, {"TAG": "NN"}]], {"LEMMA": "riverbank"}, index=-1)
    ruler.add([[{"LOWER": "river"}, {"LOWER": {"IN": ["bank", "mouth"]}}]], {"POS": "ADJ"}, index=0)
    ruler.add([[{"TAG": "NN", "LOWER": "bank"}]], {"MORPH": "Number=Plur"})  # after the two-token ones
    return nlp, ruler


def test_attribute_table_follows_the_rulers_semantics() -> None:
    """Later rules win, whether they span one token or two; IN, NOT_IN, REGEX; a negative index; words no
    rule names."""
    nlp, ruler = _hand_made()
    words = ["That", "river", "bank", "sat", "by", "the", "reed", "this", "river", "mouth", "rests"]
    tags = ["DT", "NN", "NN", "VBD", "IN", "DT", "NN", "DT", "NN", "NN", "VBZ"]
    doc = Doc(nlp.vocab, words=words, tags=tags)
    by_ruler, by_table = ruler(doc.copy()), AttributeTable(ruler)(doc.copy())
    assert (by_table.to_array(COMPARED) == by_ruler.to_array(COMPARED)).all()
    assert [(t.pos_, str(t.morph), t.lemma_) for t in by_table[1:4]] == [
        ("ADJ", "Number=Sing", ""),
        ("PROPN", "Number=Plur", "riverbank"),
        ("", "", "X"),
    ]
    assert [t.lemma_ for t in by_table[6:]] == ["X", "", "", "riverbank", "X"]


def test_attribute_table_leaves_rules_it_cannot_follow_to_spacy() -> None:
    for pattern, attrs in [
        ([{"LOWER": "bank", "OP": "+"}], {"POS": "NOUN"}),  # a quantifier
        ([{"ORTH": "Bank"}], {"POS": "PROPN"}),  # an attribute the table does not key on
        ([{"LOWER": {">=": 3}}], {"POS": "NOUN"}),  # a comparison
        ([{"LOWER": "bank"}], {"NORM": "bank"}),  # an attribute it does not set
    ]:
        nlp, ruler = _hand_made()
        ruler.add([pattern], attrs)  # type: ignore[list-item]
        assert not AttributeTable.supports(ruler)
    nlp = load()
    assert "communique_attributes" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
