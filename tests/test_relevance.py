"""Off-topic articles (a match report, a film or product review) code only what governments and international
organisations do in them; a political article that mentions sport codes as before. Every text is written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique import Article, extract_one
from communique.errors import ConfigError
from communique.events.relevance import load_topics

MATCH_REPORT = (
    "Portugal beat Spain 3-1 in Lisbon on Saturday. Spain attacked from the start, but the Portuguese "
    "goalkeeper blocked two early shots, and a midfielder scored twice before half-time. Spain fought back "
    "after the break and threatened to level in stoppage time."
)
CONGRATULATED = " Portuguese President Marcelo Rebelo de Sousa congratulated Spain's prime minister on a fair game."
FILM_REVIEW = (
    "The sequel, set in Kenya, opened to a record box office. In its most tense scene Kenya attacks Uganda, "
    "and the screenplay never explains why."
)
PHONE_REVIEW = (
    "The new handset from the Chinese maker beats its Korean rival on battery life, and the touchscreen is "
    "brighter than any other we tested. China and South Korea compete hard for this market."
)
SPORT_POLITICS = (
    "Qatar criticised Germany on Monday after the German interior minister said the World Cup should never have "
    "been awarded to Qatar. The tournament opens in November."
)


def events(text: str, **settings: object) -> set[tuple[str, str, str | None]]:
    config = {"events": settings} if settings else None
    record = extract_one(Article(id="t", text=text, date="2025-03-01"), config=config)
    return {(e.source.code, e.cameo, e.target.code if e.target else None) for e in record.events}


@pytest.mark.parametrize("text", [MATCH_REPORT, FILM_REVIEW, PHONE_REVIEW])
def test_an_off_topic_article_codes_no_event_of_teams_places_or_products(text: str) -> None:
    assert events(text, off_topic=[]) != set()  # the verbs of war are there: without the judgement, events
    assert events(text) == set()


def test_a_government_acting_in_an_off_topic_article_is_still_coded() -> None:
    coded = events(MATCH_REPORT + CONGRATULATED)
    assert coded and all(source.startswith("PRT") and source.endswith("GOV") for source, _, _ in coded), coded


def test_a_political_article_that_mentions_sport_codes_as_before() -> None:
    coded = events(SPORT_POLITICS)
    assert ("QAT", "111", "DEU") in {(s[:3], c, t[:3] if t else None) for s, c, t in coded}, coded
    assert coded == events(SPORT_POLITICS, off_topic=[])


def test_one_term_is_not_enough_and_the_threshold_is_a_setting() -> None:
    one = "Kenya attacked Uganda on Friday, hours after the goalkeeper of the national team was arrested."
    assert events(one) == events(one, off_topic=[]) != set()
    assert events(one, off_topic_terms=1) == set()


def test_a_term_file_that_is_not_term_tab_topic_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "terms.tsv"
    bad.write_text("# terms\ngoalkeeper sport\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 2"):
        load_topics([str(bad)], 2)
    with pytest.raises(ConfigError, match="1 or more"):
        load_topics([], 0)
