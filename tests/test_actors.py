"""The actors stage: user dictionaries, names the dictionaries know, no guessed countries, coreference."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from communique import Article, Extraction, extract_one
from communique.actors.gazetteer import load_gazetteer
from communique.dictionaries.actor_csv import read_actor_csv
from communique.dictionaries.codes import known_prefix
from communique.errors import ConfigError
from conftest import CLI

ACTORS = """# fictional people, for the tests
name,code,from,until,aliases
Amara Okonkwo-Bell,GHAGOV,2024-01-01,,Okonkwo-Bell
Tomas Varga-Lind,SWEGOV,2019-03-01,2023-02-28,Varga-Lind
Tomas Varga-Lind,IGOUNO,2023-03-01,,
Tomas Varga-Lind,SWEELI,,,
Petra Quillfeather,NORGOV,2020-01-01,,
Hugo Quillfeather,DNKGOV,2020-01-01,,
Ines Maria Carvalhal,PRTGOV,2021-01-01,,
"""


def code(text: str, date: str = "2025-06-10") -> Extraction:
    return extract_one(Article(id="t", text=text, date=date))


def person(record: Extraction, name: str):  # type: ignore[no-untyped-def]
    return next(a for a in record.actors if a.name == name)


@pytest.fixture(scope="module")
def actors_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("actors") / "people.csv"
    path.write_text(ACTORS, encoding="utf-8")
    return path


def test_actor_csv_rows_add_up_to_dated_roles() -> None:
    entries = {e["names"][0]: e for e in read_actor_csv(ACTORS, "people.csv", {"GHA", "SWE", "NOR", "DNK", "PRT"})}
    varga = entries["Tomas Varga-Lind"]
    assert varga["names"] == ["Tomas Varga-Lind", "Varga-Lind"]
    assert varga["codes"] == [
        ["SWEGOV", "2019-03-01", "2023-02-28"],
        ["IGOUNO", "2023-03-01", None],
        ["SWEELI", None, None],
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,code\nX,rusgov\n", "line 2: 'rusgov' is not an actor code"),
        ("name,code,from\nX,RUSGOV,2020-13-01\n", "line 2: from '2020-13-01' is not a date"),
        ("name,code,from,until\nX,RUSGOV,2021-01-01,2020-01-01\n", "line 2: 'until' 2020-01-01 is before"),
        ("# a comment\nname,code\n,RUSGOV\n", "line 3: the name is empty"),
        ("name,code\nX,RUS,extra\n", "line 2: 3 values for 2 columns"),
        ("person,code\nX,RUS\n", "the header must be name,code,from,until,aliases"),
        ("name,code\nX,RUZGOV\n", "line 2: 'RUZGOV' starts with RUZ, no country, region or CAMEO code"),
    ],
)
def test_actor_csv_errors_name_their_line(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match="E022") as error:
        read_actor_csv(text, "people.csv", {"RUS"})
    assert message in str(error.value)


def test_user_actors_hold_their_role_on_the_article_date(actors_csv: Path) -> None:
    gazetteer = load_gazetteer({"actors": ["packaged:actors.json", str(actors_csv)]})
    assert gazetteer.code_on("Tomas Varga-Lind", "2020-06-01") == "SWEGOV"
    assert gazetteer.code_on("Varga-Lind", "2024-06-01") == "IGOUNO"
    assert gazetteer.code_on("Tomas Varga-Lind", "2010-06-01") == "SWEELI"  # no role then: the default
    assert gazetteer.code_on("Carlos Menem", "1995-01-01") == "ARGGOV"  # 'Carlos Saul Menem' without his middle name


def test_a_middle_initial_may_be_left_out(actors_csv: Path) -> None:
    gazetteer = load_gazetteer({"actors": [str(actors_csv)]})
    assert gazetteer.code_on("Amara J. Okonkwo-Bell", "2025-01-01") == "GHAGOV"  # 'Amara Okonkwo-Bell'
    assert gazetteer.code_on("Amara Jo Okonkwo-Bell", "2025-01-01") is None  # a middle name is no initial
    record = code("Secretary of State John F. Kerry flew to Oslo on Monday.", date="2016-09-10")
    assert person(record, "John F. Kerry").code == "USAGOV"  # the dictionaries' 'John Kerry'


def test_a_surname_alone_names_a_known_person_only_when_it_is_unambiguous(actors_csv: Path) -> None:
    gazetteer = load_gazetteer({"actors": [str(actors_csv)]})
    assert gazetteer.code_on("Carvalhal", "2022-01-01") == "PRTGOV"  # one person of that name
    assert gazetteer.code_on("Quillfeather", "2022-01-01") is None  # two people, two countries
    assert gazetteer.code_on("Carvalhal", "2019-01-01") is None  # not in office, no default


def test_packaged_office_holders_know_people_in_office_since_2015() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.code_on("Volodymyr Zelenskyy", "2023-05-01") == "UKRGOV"
    assert gazetteer.code_on("Antony Blinken", "2023-05-01") == "USAGOV"
    assert gazetteer.code_on("Antony Blinken", "2025-05-01") == "USAELI"
    assert gazetteer.code_on("Mark Rutte", "2025-05-01") == "IGOWSTNAT"


def test_cli_actors_option_codes_a_user_actor(actors_csv: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Amara Okonkwo-Bell criticised France on Tuesday.\n", encoding="utf-8")
    with_file = subprocess.run(
        [str(CLI), "extract", str(article), "--date", "2025-03-02", "--actors", str(actors_csv), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"code": "GHAGOV"' in with_file.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("name,code\nSomeone,ghagov\n", encoding="utf-8")
    refused = subprocess.run([str(CLI), "extract", str(article), "--actors", str(bad)], capture_output=True, text=True)
    assert refused.returncode == 1
    assert "bad.csv: line 2: 'ghagov' is not an actor code" in refused.stderr


def test_a_guest_no_dictionary_knows_gets_no_country_from_the_place_visited() -> None:
    record = code(
        "Swiss officials welcomed delegates in Geneva. Minister Jorunn Halvdansen-Okafor arrived in Switzerland "
        "on Monday and criticised the plan."
    )
    minister = person(record, "Jorunn Halvdansen-Okafor")
    assert minister.country is None
    assert minister.sector == "GOV"


US_STORY = "Voters in Ohio, Texas and Iowa went to the polls on Tuesday. "


def test_an_unplaced_person_belongs_to_the_country_the_article_is_about() -> None:
    record = code(US_STORY + "Officials in Mexico watched. Senator Maribel Oyelaran-Finch said the vote was fair.")
    assert person(record, "Maribel Oyelaran-Finch").code == "USALEG"


@pytest.mark.parametrize(
    "text",
    [
        "Senator Maribel Oyelaran-Finch said the vote in Ohio was fair.",  # one mention: no home country
        US_STORY + "Crowds in Mexico City, Monterrey and Guadalajara watched. Senator Maribel Oyelaran-Finch spoke.",
        US_STORY + "Minister Corvin Adebayo-Strand visited Texas and praised the vote.",  # a guest
        US_STORY + "Minister Corvin Adebayo-Strand left for Texas on Monday to watch the vote.",
        US_STORY + "Secretary-General Antonio Guterres said the vote was fair.",  # of no state
        US_STORY + "Maribel Oyelaran-Finch said the vote was fair.",  # no title: a foreign name or a typo as likely
    ],
)
def test_no_home_country_is_given_where_none_stands_out_or_the_person_has_another(text: str) -> None:
    record = code(text)
    assert all(a.country is None for a in record.actors if a.kind == "person"), record.actors


def test_a_body_no_dictionary_places_is_the_home_countrys_where_its_name_says_government() -> None:
    kenyan = code("Crowds gathered in Nairobi and Mombasa. The Interior Ministry said Kenyan police would keep order.")
    assert next(a for a in kenyan.actors if a.name == "Interior Ministry").code == "KENGOV"
    alone = code("The Interior Ministry said police would keep order.")
    assert not any(a.name == "Interior Ministry" for a in alone.actors)
    un = code(
        US_STORY + "The United Nations sent observers; UN officials said the United Nations was satisfied. "
        "The General Assembly will debate the vote."
    )  # a story as much about the UN: no home country
    assert not any(a.name == "General Assembly" for a in un.actors)


def test_a_title_with_a_country_places_a_person_the_dictionaries_lack() -> None:
    record = code("Nigerien Foreign Minister Bakary Sangare met Chinese officials in Beijing.")
    assert person(record, "Bakary Sangare").code == "NERGOV"


def test_the_title_in_the_text_overrides_the_dictionary_sector() -> None:
    record = code("Defence Minister Boris Pistorius visited troops in Lithuania.", date="2024-05-01")
    assert person(record, "Boris Pistorius").code == "DEUMIL"


def test_a_ministry_of_anything_is_government_but_a_chamber_of_commerce_is_business() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.role_sector("Ministry of Foreign Trade and Industry") == "GOV"  # not BUS by 'industry'
    assert gazetteer.role_sector("Minister for Tourism and Industry") == "GOV"
    assert gazetteer.role_sector("Chamber of Commerce") == "BUS"  # its head is no government office
    assert gazetteer.role_sector("Chief of the Army") == "MIL"


def test_she_links_to_the_woman_not_the_nearest_man() -> None:
    record = code(
        "Queen Halvora Stenqvist received President Radek Morawiec-Kral in Oslo on Tuesday. "
        "She said the two countries would deepen trade."
    )
    queen = person(record, "Halvora Stenqvist")
    linked = [m for m in queen.mentions if m.text == "She"]
    assert linked and "pronoun" in (linked[0].link or "")
    assert not any(m.text == "She" for m in person(record, "Radek Morawiec-Kral").mentions)


def test_a_surname_links_to_the_full_name_seen_with_its_title_even_untagged() -> None:
    record = code("Queen Margit Halvorsen opened the session in Oslo. Halvorsen later met envoys from Denmark.")
    queen = person(record, "Margit Halvorsen")
    surname = next(m for m in queen.mentions if m.text == "Halvorsen")  # untagged by the entity model
    assert surname.link == "surname of Margit Halvorsen, named in the article"


def test_he_prefers_the_subject_of_the_nearest_sentence_naming_a_person() -> None:
    record = code(
        "Foreign Minister Tarik Olumide-Weiss met envoy Anselm Dravic in Cairo. He later said talks had gone well."
    )
    assert any(m.text == "He" for m in person(record, "Tarik Olumide-Weiss").mentions)


def test_role_nouns_link_to_the_holder_whose_role_fits_best() -> None:
    record = code(
        "Kremlin spokesman Oleg Varnavin spoke on Monday. White House spokeswoman Dana Whitcombe spoke on Tuesday. "
        "The Kremlin spokesman later denied the report."
    )
    assert any(m.text == "The Kremlin spokesman" for m in person(record, "Oleg Varnavin").mentions)
    assert not any("Kremlin spokesman" in m.text for m in person(record, "Dana Whitcombe").mentions)


def test_a_description_links_only_when_one_candidate_fits() -> None:
    one = code(
        "Mali and Russia signed a pact. Mali cut military ties with France, "
        "accusing the former colonial power of meddling."
    )
    france = next(a for a in one.actors if a.country == "FRA")
    assert any(m.text == "the former colonial power" and m.link for m in france.mentions)
    two = code(
        "Britain and France met Nigerian officials. Nigeria criticised Britain and France, accusing the former "
        "colonial power of meddling."
    )
    assert not any("colonial power" in m.text for a in two.actors for m in a.mentions)


def test_a_description_prefers_the_one_that_fits_in_its_own_sentence() -> None:
    record = code(
        "Germany and Italy held talks on Monday. Algeria recalled its envoy from Spain, accusing the country of bias."
    )
    spain = next(a for a in record.actors if a.country == "ESP")
    assert any(m.text == "the country" and m.link for m in spain.mentions)


def test_the_country_stays_unresolved_when_two_countries_are_near() -> None:
    record = code("Kenya and Uganda signed a trade deal on Monday. Officials said the country would benefit.")
    assert not any(m.text == "the country" for a in record.actors for m in a.mentions)


def test_a_place_name_inside_a_longer_name_is_not_the_place() -> None:
    record = code(
        "Michael Jordan visited Amman. Air France cancelled flights to Beirut. Fighting spread in northern Mali."
    )
    codes = {m.text: a.country for a in record.actors for m in a.mentions}
    assert codes.get("Jordan") is None and codes.get("France") is None  # a person, an airline
    assert codes["Amman"] == "JOR" and codes["Mali"] == "MLI"


def test_a_territory_listed_under_its_state_is_a_region_of_that_state() -> None:
    record = code("Egypt sent fuel to the Gaza Strip on Sunday, and Israeli jets later struck Gaza.")
    gaza = next(a for a in record.actors if a.code == "PSEGZA")
    assert (gaza.kind, gaza.country) == ("region", "PSE")
    assert {m.text for m in gaza.mentions} == {"the Gaza Strip", "Gaza"}
    assert ("ISR", "PSE") in {(e.source.country, e.target.country if e.target else None) for e in record.events}
    gazetteer = load_gazetteer()
    assert gazetteer.territory_code("the Gaza Strip") == "PSEGZA"
    assert gazetteer.territory_code("Kremlin") is None  # the state's government: a sector, no territory


def test_georgia_is_the_us_state_only_where_the_text_says_so() -> None:
    state = code("Police in Atlanta, Georgia, arrested two men. Officials of the state of Georgia met.")
    assert {a.country for a in state.actors} == {"USA"}
    country = code("Georgia's parliament passed the law in Tbilisi on Tuesday.")
    assert {a.country for a in country.actors} == {"GEO"}


def test_a_capital_where_two_parties_meet_is_the_place_not_a_party() -> None:
    record = code("Iran and Iraq held talks in Moscow on Monday.")
    assert {(e.source.code, e.target.code if e.target else None) for e in record.events} == {
        ("IRN", "IRQ"),
        ("IRQ", "IRN"),
    }
    assert {e.location.name for e in record.events if e.location} == {"Moscow"}
    one_side = code("Bolivia lifted a weekend curfew in Paraguay.")  # done by one party to a place: its target
    assert ("BOL", "PRY") in {(e.source.code, e.target.code if e.target else None) for e in one_side.events}


def test_a_place_in_the_name_of_a_war_is_no_party_to_what_is_done_about_the_war() -> None:
    record = code("Kerry marched against the Vietnam War. Senators debated the Iran-Iraq war with Turkey.")
    assert {a.country for a in record.actors if a.kind == "country"} == {"TUR"}
    fought = code("Iraq attacked Iran in 1980, and the war lasted eight years.")  # the parties themselves stay
    assert ("IRQ", "IRN") in {(e.source.code, e.target.code if e.target else None) for e in fought.events}


def test_a_country_in_the_name_of_a_currency_is_money_not_a_party() -> None:
    record = code("Germany lent Kenya 300 million Japanese yen and 50 million U.S. dollars in Swiss francs.")
    assert {a.country for a in record.actors if a.kind == "country"} == {"DEU", "KEN"}
    held = code("The United States criticised Japan over the falling yen.")  # the currency's country itself stays
    assert ("USA", "JPN") in {(e.source.code, e.target.code if e.target else None) for e in held.events}


def test_blocs_are_actors_with_one_code_however_named() -> None:
    record = code(
        "The African Union suspended Niger. ECOWAS lifted sanctions on Guinea, and the Economic Community of "
        "West African States later met the Alliance of Sahel States."
    )
    blocs = {a.code: a for a in record.actors if a.kind == "organization"}
    assert set(blocs) == {"IGOAFRAFU", "IGOWAFWAS", "IGOWAFAES"}
    assert {m.text for m in blocs["IGOWAFWAS"].mentions} == {"ECOWAS", "Economic Community of West African States"}
    assert ("IGOAFRAFU", "NER") in {(e.source.code, e.target.code if e.target else None) for e in record.events}


def test_a_bloc_with_an_unknown_member_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "blocs.tsv"
    table.write_text("PACT\tIGOPAC\tThe Pact\tFRA XXY\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bloc PACT: XXY is no known country"):
        load_gazetteer({"blocs": [str(table)]})


def test_packaged_blocs_have_their_members() -> None:
    blocs = load_gazetteer().blocs
    assert len(blocs["AU"].members) == 55 and len(blocs["EU"].members) == 27 and len(blocs["NATO"].members) == 32
    assert blocs["AES"].members == {"MLI", "BFA", "NER"} and not blocs["AES"].members & blocs["ECOWAS"].members


def test_a_capital_that_acts_stands_for_its_government() -> None:
    acting = code("Berlin rejected calls by Belarus for economic aid.")
    assert ("DEUGOV", "BLR") in {(e.source.code, e.target.code if e.target else None) for e in acting.events}
    place = code("Officials from Mali and Niger met in Berlin.")
    assert not any(side.code == "DEUGOV" for e in place.events for side in (e.source, e.target) if side)


def test_a_reported_pronoun_is_a_mention_of_the_reports_subject() -> None:
    record = code("Syria said on Monday that it would close its border with Turkey.")
    syria = next(a for a in record.actors if a.country == "SYR")
    linked = next(m for m in syria.mentions if m.text == "it")
    assert linked.link == "pronoun 'it': the subject of the report it is in"
    assert ("SYR", "TUR") in {(e.source.code, e.target.code if e.target else None) for e in record.events}


def test_every_packaged_actor_code_starts_with_something_known() -> None:
    gazetteer = load_gazetteer()
    codes = {dated.code for codes in gazetteer.known.values() for dated in codes}
    assert codes and not [code for code in codes if not known_prefix(code, gazetteer.countries)]
    assert all(code[:3] in gazetteer.countries for code in gazetteer.capitals.values())


def test_an_institution_the_dictionary_knows_is_an_organisation_not_a_person() -> None:
    record = code("The Federal Reserve raised interest rates on Wednesday.", date="1987-03-01")
    fed = next(a for a in record.actors if a.name == "Federal Reserve")
    assert (fed.kind, fed.country) == ("organization", "USA")


def test_a_title_places_a_person_whom_the_dictionary_gives_another_office() -> None:
    record = code("Indonesian Energy Minister Subroto said output was within the ceiling.", date="1987-03-01")
    assert person(record, "Subroto").code == "IDNGOV"  # not IGOBUSOPC, his later office at OPEC


def test_a_role_noun_links_only_to_a_role_it_names() -> None:
    record = code("Reserve Bank Governor Spencer Russell spoke in Wellington. The bank later raised rates.")
    assert not any(m.text.lower() == "the bank" for m in person(record, "Spencer Russell").mentions)


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Niger and Nigeria closed their shared border.", {"NER", "NGA"}),
        ("Guinea, Guinea-Bissau and Equatorial Guinea signed a fisheries pact.", {"GIN", "GNB", "GNQ"}),
        ("Congo and the Democratic Republic of Congo reopened the river crossing.", {"COG", "COD"}),
        ("Turkey and Türkiye are one country; Washington state officials met in Seattle.", {"TUR", "USA"}),
    ],
)
def test_names_that_look_alike_are_different_countries(text: str, countries: set[str]) -> None:
    assert {a.country for a in code(text).actors} == countries


def test_an_organisation_word_is_no_surname() -> None:
    """'Secretary of State': 'State' is the last word of the Islamic State's dictionary name, but surnames
    name people, so an organisation's word never links to it (#22)."""
    record = code("Secretary of State Amelia Hartwell spoke with the Peruvian foreign minister on Monday.")
    assert all(actor.code != "IMGMUSISI" for actor in record.actors), [(a.name, a.code) for a in record.actors]


@pytest.mark.parametrize(
    ("text", "source", "filed"),
    [
        ("KAMPALA, Uganda — Kenya accused Tanzania of closing the border.", "KEN", ("KAMPALA", "UGA")),
        ("LIMA (Wire Service) - Chile praised Peru on Friday.", "CHL", None),
    ],
)
def test_a_dateline_is_where_the_story_was_filed_never_a_side(text: str, source: str, filed: tuple | None) -> None:
    record = code(text)
    [event] = [e for e in record.events if e.cameo[:2] != "01"]
    assert event.source.country == source
    assert all(a.country != "UGA" for a in record.actors)  # the place the story was filed from is no actor
    if filed is not None:
        assert event.location is not None and (event.location.name, event.location.country) == filed


def test_a_newspaper_named_for_its_city_is_an_outlet_not_the_place() -> None:
    record = code("The Tehran Times said Ankara had criticised Baghdad. Tehran later summoned Turkey's ambassador.")
    outlet = next(a for a in record.actors if a.name == "Tehran Times")
    assert (outlet.kind, outlet.country, outlet.sector) == ("organization", "IRN", "MED")
    iran = next(a for a in record.actors if a.kind == "country" and a.country == "IRN")
    assert [m.text for m in iran.mentions] == ["Tehran"]


def test_an_envoy_to_a_country_is_not_of_that_country() -> None:
    record = code("Maria Olsen, the special envoy to Yemen, met Saudi officials in Riyadh on Monday.")
    envoy = person(record, "Maria Olsen")
    assert (envoy.country, envoy.role) == (None, "special envoy")
    lavrov = person(code("Sergey Lavrov, the Russian foreign minister, criticised Ukraine."), "Sergey Lavrov")
    assert lavrov.country == "RUS"


def test_a_one_word_namesake_is_linked_only_where_the_story_names_their_country() -> None:
    record = code("Rasmussen said voters were tired of the campaign.", date="2016-09-15")
    assert person(record, "Rasmussen").country is None  # a pollster, not a Danish prime minister
    danish = code("Rasmussen said Denmark would send troops.", date="2016-09-15")
    assert person(danish, "Rasmussen").country == "DNK"
