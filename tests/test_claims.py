"""Claims on sentences we wrote: every attribution construction, figures in any currency and unit,
dates both ways, hedges. Each test isolates one behaviour; none reads the seed article."""

from __future__ import annotations

import pytest

from communique import Article, Extraction, extract_one
from communique.claims.dates import resolve_date
from communique.claims.numbers import find_numbers, words_value
from communique.claims.units import currency_after, currency_before, measure_after
from communique.model import Quote


def claims(text: str, date: str = "2025-06-11") -> Extraction:
    return extract_one(Article(id="t", text=text, date=date))


def quote_of(record: Extraction, words: str) -> Quote:
    return next(q for q in record.quotes if words in q.content.text)


def speaker_name(record: Extraction, quote: Quote) -> str | None:
    actor = next((a for a in record.actors if a.id == quote.speaker.actor), None)
    return actor.name if actor else None


# Attribution


def test_quotes_direct_over_sentences_attributed_after() -> None:
    text = (
        '"We will not accept the ultimatum. Our army is ready to defend the border," '
        "Ukrainian President Volodymyr Zelensky said."
    )
    record = claims(text)
    quote = quote_of(record, "Our army is ready")
    assert quote.kind == "direct" and quote.content.text.startswith("We will not accept")
    assert quote.cue.text == "said" and speaker_name(record, quote) == "Volodymyr Zelensky"
    for span in (quote.content, quote.cue, quote.speaker):
        assert text[span.start : span.end] == span.text


def test_quotes_direct_split_around_the_attribution_in_curly_marks() -> None:
    record = claims("“The talks were useful,” Wang Yi told reporters, “but much remains to be done on trade.”")
    first, second = quote_of(record, "talks were useful"), quote_of(record, "much remains")
    assert first.kind == second.kind == "direct"
    assert "Wang Yi" in first.speaker.text and "Wang Yi" in second.speaker.text


def test_quotes_short_quote_needs_its_cue_next_to_it() -> None:
    assert quote_of(claims('"Never again," she said. The minister left.'), "Never again").kind == "direct"
    assert not claims('The so-called "reform package" passed on Monday.').quotes  # a scare quote


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        ("The Iranian foreign ministry warned that any attack would be met with force.", "warned", "any attack"),
        ("Kenyan officials announced that the border would reopen next week.", "announced", "the border"),
        ("Polish Prime Minister Donald Tusk believes the sanctions are working.", "believes", "the sanctions"),
        ("The Indian government fears the dispute could escalate.", "fears", "the dispute"),
        ("A new survey shows that most Germans support the aid package.", "shows", "most Germans"),
    ],
)
def test_quotes_indirect_speech_belief_and_evidence(sentence: str, cue: str, content: str) -> None:
    quote = quote_of(claims(sentence), content)
    assert quote.kind == "indirect" and quote.cue.text == cue


def test_quotes_intentions_and_demands() -> None:
    record = claims(
        "Brazil wants to double its exports to China. The European Union called for an immediate ceasefire."
    )
    assert quote_of(record, "double its exports").cue.text == "wants"
    assert quote_of(record, "immediate ceasefire").cue.text == "called"


@pytest.mark.parametrize(
    ("sentence", "cue", "attitude"),
    [
        ("The envoy said the border would reopen.", "said", "speech"),
        ("Analysts believe the border will reopen.", "believe", "belief"),
        ("There are fears that the border will stay shut.", "fears", "belief"),
        ("Lima wants to reopen the border.", "wants", "intention"),
        ("Quito condemned the closure of the border.", "condemned", "stance"),
    ],
)
def test_quotes_say_what_they_report(sentence: str, cue: str, attitude: str) -> None:
    found = {q.cue.text: q.attitude for q in claims(sentence).quotes}
    assert found.get(cue) == attitude, found


def test_quotes_participle_takes_the_subject_of_its_verb() -> None:
    record = claims("Egypt rejected the proposal on Tuesday, saying it would threaten regional water security.")
    quote = quote_of(record, "regional water security")
    assert quote.cue.text == "saying" and quote.speaker.text == "Egypt"


def test_quotes_parenthetical_and_relative_clause() -> None:
    record = claims("The agreement, the Turkish minister said, would be signed within days.")
    assert quote_of(record, "would be signed").cue.text == "said"
    relative = claims("Sergey Lavrov defended the treaty, which he said was fair to both sides.")
    quote = quote_of(relative, "fair to both sides")
    assert speaker_name(relative, quote) == "Sergey Lavrov"


def test_quotes_a_person_the_dictionaries_know_speaks_as_the_person_not_the_country() -> None:
    """The entity model tags a sentence-initial 'Trump' ORG; the dictionaries know him as a person (#23)."""
    record = claims("Trump said on Monday that the United States would leave the agreement.", date="2019-01-01")
    speaker = next(a for a in record.actors if a.id == quote_of(record, "would leave").speaker.actor)
    assert (speaker.name, speaker.kind, speaker.country) == ("Trump", "person", "USA")


def test_quotes_he_said_follows_gender_and_salience_or_stays_unresolved() -> None:
    record = claims(
        "President Donald Trump met German Chancellor Angela Merkel on Tuesday. Merkel said she hoped for a "
        'trade deal. "Germany is a friend," he said later.'
    )
    assert speaker_name(record, quote_of(record, "a trade deal")) == "Angela Merkel"
    assert speaker_name(record, quote_of(record, "is a friend")) == "Donald Trump"  # 'she' showed Merkel a woman
    subject = claims("Paul Ferris met Mark Dunlow in Geneva. He said the inquiry would end in May.")
    assert speaker_name(subject, quote_of(subject, "would end")) == "Paul Ferris"
    either = claims("The committee thanked Paul Ferris and Mark Dunlow. He said the inquiry would end in May.")
    quote = quote_of(either, "would end")
    assert quote.speaker.text == "He" and quote.speaker.actor is None


def test_quotes_according_to_is_the_source_either_side() -> None:
    after = quote_of(
        claims("Exports to India rose sharply last year, according to the Saudi trade ministry."), "Exports"
    )
    assert after.cue.text == "according to" and "Saudi trade ministry" in after.speaker.text
    before = quote_of(claims("According to Nigerian police, the attackers fled into the forest."), "the attackers")
    assert "Nigerian police" in before.speaker.text


def test_quotes_via_the_outlet_that_relayed_them() -> None:
    told = claims("Kremlin spokesman Dmitry Peskov told RIA Novosti that Moscow was open to talks.")
    assert quote_of(told, "open to talks").via is not None and quote_of(told, "open to talks").via.text == "RIA Novosti"
    carried = claims("Iran said the drills would continue, in a statement carried by the IRNA news agency.")
    via = quote_of(carried, "drills would continue").via
    assert via is not None and "IRNA" in via.text


def test_quotes_headline_and_dash_attributions() -> None:
    record = claims("Poll: Most voters back the new trade deal with Japan\nMore text follows in the body of the story.")
    assert quote_of(record, "Most voters").speaker.text == "Poll"
    dashed = claims("Russia will keep its troops in Syria for years – Peskov\nThe body starts here.")
    assert quote_of(dashed, "keep its troops").speaker.text == "Peskov"
    signed = claims("“Our farmers cannot wait another season for the new rules.” ― Maria Lopez")
    assert quote_of(signed, "Our farmers").speaker.text == "Maria Lopez"


def test_quotes_sourceless_report_is_kept_hedged() -> None:
    record = claims("It was reported that the Sudanese army had retaken the airport.")
    quote = quote_of(record, "retaken the airport")
    assert quote.speaker.actor is None and quote.speaker.text == "" and quote.hedged


# Figures


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Exports reached $5bn last year.", 5e9, "USD"),
        ("The fund holds €300m in bonds.", 3e8, "EUR"),
        ("The budget allots 1.7 trillion rubles to defence.", 1.7e12, "RUB"),
        ("Senegal borrowed 150 billion CFA francs from the regional market.", 1.5e11, "XOF"),
        ("Nokia paid 420 million Finnish markka for the cable maker.", 4.2e8, "FIM"),
        ("The deal is worth 2.5 billion yuan.", 2.5e9, "CNY"),
        ("Canada pledged C$ 16.4 million to the programme.", 16.4e6, "CAD"),
        ("The bill came to 500 USD.", 500.0, "USD"),
        ("Inflation rose 15 percent in March.", 15.0, "percent"),
        ("Unemployment fell to 7.5% in the fourth quarter.", 7.5, "percent"),
        ("Saudi Arabia will cut output by 600,000 barrels per day.", 6e5, "barrel per day"),
        ("The convoy travelled about ten miles before the ambush.", 10.0, "mile"),
        ("The new wall is 3 metres high.", 3.0, "metre"),
        ("Shares closed at 470 pence a share.", 470.0, "penny per share"),
        ("It only cost three dollars and fifty cents.", 3.5, "USD"),
        ("He was fined 12,34,567 rupees.", 1234567.0, "INR"),
        ("The bond raised USD115m in a day.", 115e6, "USD"),
        ("Revenue reached 120 MEUR last year.", 120e6, "EUR"),
        ("Tickets cost 15 €", 15.0, "EUR"),
        ("The index was up 3 points on Monday.", 3.0, "point"),
        ("The ship carried 20 tonnes of grain.", 20.0, "tonne"),
        ("The talks lasted three hours.", 3.0, "hour"),
    ],
)
def test_figures_money_percent_and_measures(sentence: str, value: float, unit: str) -> None:
    figures = claims(sentence).figures
    assert any(abs(f.value - value) < 1e-6 * value and f.unit == unit for f in figures), figures


def test_figures_counts_with_their_noun_and_qualifier() -> None:
    [figure] = claims("The clashes killed at least fourteen soldiers near the border.").figures
    assert (figure.value, figure.unit, figure.qualifier, figure.subject) == (14.0, "count", ">", "soldiers")
    assert figure.text == "at least fourteen"


def test_figures_ranges_share_the_unit_and_bound_both_ways() -> None:
    values = {(f.value, f.unit) for f in claims("Prices rose between 10 and 15 percent this year.").figures}
    assert values == {(10.0, "percent"), (15.0, "percent")}
    scaled = {f.value for f in claims("The project will cost $10-15 billion.").figures}
    assert scaled == {10e9, 15e9}


def test_figures_currency_names_that_are_english_words() -> None:
    [medals] = claims("Ghana won 2 gold medals in Paris.").figures
    assert (medals.value, medals.unit, medals.subject) == (2.0, "count", "gold medals")


def test_figures_skip_years_dates_and_labels() -> None:
    record = claims("In 2024, the UN Security Council passed Resolution 2231 on 5 June with Route 66 closed.")
    assert record.figures == []


@pytest.mark.parametrize(
    "sentence",
    [
        "One analyst said the plan would fail, and one of the envoys agreed.",  # 'one' as a determiner or pronoun
        "Prices in the 1970s and the 1880's were lower.",  # decades
        "Security after 9/11 changed, the venture is 50/50, and the help desk works 24/7.",  # dates and ratios
        "The airline flies Airbus 320 jets and the team runs Linux 6 servers.",  # names with a number
        "The court split in a 5-4 ruling after a 2-1 win.",  # tallies and scores
    ],
)
def test_figures_leave_out_what_is_no_quantity(sentence: str) -> None:
    assert claims(sentence).figures == []


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "subject"),
    [
        ("Nearly seven of 10 farmers voted for the plan.", 0.7, "fraction", "farmers"),
        ("One in four clinics closed.", 0.25, "fraction", "clinics"),
        ("Two-thirds of the delegates left.", 2 / 3, "fraction", None),
        ("The war has lasted six-and-a-half years.", 6.5, "year", None),
        ("The rate is 2-3/8 pct above the benchmark.", 2.375, "percent", None),
        ("Kenya exported 3.5 mln tonnes of maize.", 3.5e6, "tonne", "maize"),
        ("The company lost 12 mln dlrs in the quarter.", 12e6, "USD", None),
        ("The field pumps 40,000 bpd of crude.", 4e4, "barrel per day", "crude"),
        ("The road is 26 km long.", 26.0, "kilometre", None),
        ("Ghana made a payment of $4 million to the lenders.", 4e6, "USD", "payment"),
    ],
)
def test_figures_read_shares_wire_abbreviations_and_what_they_measure(
    sentence: str, value: float, unit: str, subject: str | None
) -> None:
    figure = next(f for f in claims(sentence).figures if abs(f.value - value) < 1e-6 * value)
    assert figure.unit == unit
    if subject:
        assert figure.subject == subject


@pytest.mark.parametrize(
    ("sentence", "text", "subject"),
    [
        # the object a verb sets at the figure ('by', 'to', 'at', 'from'), not the verb's subject
        (
            "The agency increased its growth forecast for Brazil by 0.3 percentage points to 2.1 percent.",
            "2.1 percent",
            "its growth forecast for Brazil",
        ),
        ("Analysts put grain exports through the port at 40,000 tonnes last week.", "40,000 tonnes", "grain exports"),
        ("The bank kept its main lending rate steady at 4.5 percent.", "4.5 percent", "its main lending rate"),
        # an intransitive verb's figure still measures its subject; 'compared with' the main clause's
        ("Output rose 1.2 pct in 2023 compared with 0.8 pct in 2022.", "0.8 pct", "Output"),
        # a share that is the subject counts the group 'among' names, in a joined clause too
        (
            "Among registered voters, 38 percent would choose the mayor and 35 percent would back his rival.",
            "35 percent",
            "registered voters",
        ),
        ("Half the roads were closed and 12 percent of bridges shut.", "12 percent", "bridges"),
        # the noun the quantity modifies, money 'in' a noun, a participle describing it
        ("Officials reported a 12 pct rise in steel imports.", "12 pct", "rise"),
        ("The treasury will issue a further 1.5 billion dlrs in bonds.", "1.5 billion dlrs", "bonds"),
        ("She founded the firm with $3 million borrowed from a cousin.", "$3 million", "borrowed from a cousin"),
        # 'it takes / costs N to do X': the doing
        (
            "It would take about two months and at least 15 mln dlrs to build the road.",
            "at least 15 mln dlrs",
            "to build the road",
        ),
        # an apposition is left out
        ("Inflation, a key concern, was at 2.7 pct in 1986.", "2.7 pct", "Inflation"),
        # a pronoun says nothing: no subject rather than 'It'
        ("It rose 4 percent.", "4 percent", None),
    ],
)
def test_figures_subject_is_what_the_clause_says_the_figure_measures(sentence: str, text: str, subject: str) -> None:
    figure = next(f for f in claims(sentence).figures if f.text == text)
    assert figure.subject == subject


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        # cents and pence are hundredths of the one currency their sentence states
        ("Diesel rose 6 cents to $3.10 a gallon.", "6 cents", 0.06, "USD"),
        ("Brent rose 40 cents a barrel, to 18 dlrs.", "40 cents a barrel", 0.4, "USD per barrel"),
        ("The shares fell 3 pence to 150 pounds.", "3 pence", 0.03, "GBP"),
        ("A loaf costs 80 euro cents.", "80 euro cents", 0.8, "EUR"),
        # no currency, several, or pence beside dollars: the text does not say whose hundredths
        ("The shares fell 34 cents.", "34 cents", 34.0, "cent"),
        ("Fares rose 10 cents while the euro bought $1.10 and 0.85 pounds.", "10 cents", 10.0, "cent"),
        ("The shares fell 5 pence to 120 dollars.", "5 pence", 5.0, "penny"),
    ],
)
def test_figures_cents_in_the_currency_the_sentence_states(sentence: str, text: str, value: float, unit: str) -> None:
    figure = next(f for f in claims(sentence).figures if f.text == text)
    assert (round(figure.value, 6), figure.unit) == (value, unit)


def test_figures_a_year_is_not_the_start_of_a_range() -> None:
    [figure] = claims("The plan cuts emissions by 2030 to 40 percent below their level.").figures
    assert (figure.value, figure.unit) == (40.0, "percent")


def test_figures_a_table_takes_the_unit_its_heading_declares() -> None:
    rows = "Opening  1.20   1.15   1.10\nCrop  2.45   2.50   2.38"
    text = f"Cocoa balance, in mln tonnes --\n\n{rows}\n\nPrices rose 4 pct."
    figures = claims(text).figures
    cells = [(f.value, f.unit, f.subject) for f in figures if f.unit == "tonne"]
    assert (1.2e6, "tonne", "Cocoa balance Opening") in cells and (2.45e6, "tonne", "Cocoa balance Crop") in cells
    assert len(cells) == 6
    assert any(f.unit == "percent" and f.value == 4.0 for f in figures)  # prose after the table keeps its own unit


def test_figures_period_is_the_sentence_date() -> None:
    [figure] = claims("In 2024, Kenyan tea exports rose 15 percent.").figures
    assert (figure.value, figure.unit, figure.period) == (15.0, "percent", "2024")


def test_figures_claimed_by_the_speaker_and_hedged() -> None:
    record = claims("The Kenyan health ministry said 32 patients had died. Rebels reportedly seized 12 villages.")
    died = next(f for f in record.figures if f.value == 32)
    assert died.claimed_by is not None and not died.hedged
    assert next(f for f in record.figures if f.value == 12).hedged


def test_numbers_in_words_and_fractions() -> None:
    assert [n.value for n in find_numbers("twenty-five, 1/2, ½, 10 1/2, a dozen")] == [25, 0.5, 0.5, 10.5, 12]
    assert words_value("three hundred and two") == 302 and words_value("half a million") == 5e5
    assert find_numbers("G20 and F-16 and COVID-19 on 10/06/2025, the 5th") == []


def test_units_come_from_babel_and_pint() -> None:
    assert currency_after(" Swiss francs ") == ("CHF", 13)
    assert currency_after(" euros")[0] == "EUR"  # type: ignore[index]
    assert currency_before("HK$")[0] == "HKD"  # type: ignore[index]
    assert currency_before("a $") == ("USD", 1)  # 'a $700 million contract' is no Australian dollar
    assert measure_after(" kilometres per hour")[0] == "kilometre per hour"  # type: ignore[index]
    assert measure_after(" in the morning") is None and measure_after(" pm") is None
    assert measure_after(" Portland/ Tacoma 3.06") is None  # a dangling operator is no unit, and no crash (#21)
    assert measure_after(" x/06x") is None and measure_after(" kg/0") is None  # nor a division by zero


# Dates


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("on Friday", "future", "2025-06-13"),
        ("on Friday", "past", "2025-06-06"),
        ("Friday", None, "2025-06-06"),
        ("next Monday", None, "2025-06-16"),
        ("May 5", None, "2025-05-05"),
        ("5 June", "future", "2026-06-05"),
        ("5 June", "past", "2025-06-05"),
        ("June 5, 2025", "future", "2025-06-05"),
        ("earlier this week", None, "2025-06"),
        ("next year", "future", "2026"),
        ("mid-2026", None, "2026"),
        ("two weeks", None, None),
        ("the 1990s", None, None),
        ("in the coming weeks", "future", None),
    ],
)
def test_dates_resolve_by_tense_and_granularity(expression: str, tense: str | None, expected: str | None) -> None:
    assert resolve_date(expression, "2025-06-11", tense) == expected  # type: ignore[arg-type]


def test_dates_tense_of_the_clause_picks_the_weekday() -> None:
    will = claims("Chinese and Indian diplomats will meet in Delhi on Friday.").events
    met = claims("Chinese and Indian diplomats met in Delhi on Friday.").events
    assert will and met
    assert {e.date for e in will} == {"2025-06-13"} and {e.date for e in met} == {"2025-06-06"}


# Hedges


def test_hedged_events_are_kept_and_marked() -> None:
    hedged = claims("Russian troops reportedly attacked the Ukrainian town of Avdiivka.").events
    plain = claims("Russian troops attacked the Ukrainian town of Avdiivka.").events
    assert hedged and all(e.hedged for e in hedged)
    assert plain and not any(e.hedged for e in plain)


def test_quotes_any_verb_with_a_that_clause_and_nouns_of_statement() -> None:
    record = claims("Venezuela insinuated that the blackout was sabotage. Kyiv voiced fears that the truce would end.")
    assert quote_of(record, "the blackout was sabotage").cue.text == "insinuated"
    fears = quote_of(record, "the truce would end")
    assert fears.cue.text == "fears" and fears.speaker.text == "Kyiv"
    owned = claims("Moscow's claim that the strike was defensive was rejected.")
    assert quote_of(owned, "the strike was defensive").speaker.text == "Moscow"


def test_quotes_transcript_lines_and_nested_attributions_keep_their_own_speakers() -> None:
    record = claims('"GUTERRES: I think the ceasefire in Gaza must hold for the talks to go on.')
    outer = quote_of(record, "I think the ceasefire")
    assert outer.speaker.text == "GUTERRES" and outer.cue.text == ":"
    inner = next(q for q in record.quotes if q.cue.text == "think")
    assert inner.speaker.text == "I" and inner.content.text.startswith("the ceasefire")
    trailing = claims("Iran had told the inspectors it would cooperate, but the agency disagreed, a diplomat said.")
    said = next(q for q in trailing.quotes if q.cue.text == "said")
    assert said.content.text.startswith("Iran had told") and said.content.text.endswith("the agency disagreed")
    assert any(q.cue.text == "told" and q.speaker.text == "Iran" for q in trailing.quotes)


def test_quotes_not_from_passive_intentions_or_table_rows() -> None:
    passive = claims("The export controls were intended to deny Moscow access to chips.")
    assert not [q for q in passive.quotes if q.cue.text == "intended"]
    table = claims("Weekly delays at the port\nNorth End: 13 hrs 15 hrs 22 hrs\nSouth End: 4 hrs 26 hrs 9 hrs")
    assert not [q for q in table.quotes if q.cue.text == ":"]


def test_figures_a_text_that_groups_thousands_with_points() -> None:
    """'1.500' is fifteen hundred and '2,5' two and a half where the text writes numbers so throughout."""
    figures = claims("The fund holds 1.500 million euros and its returns grew 2,5 percent.").figures
    assert {(f.value, f.unit) for f in figures} == {(1.5e9, "EUR"), (2.5, "percent")}
    english = claims("The fund holds 1,500 million euros and its returns grew 2.5 percent.").figures
    assert {(f.value, f.unit) for f in english} == {(1.5e9, "EUR"), (2.5, "percent")}
