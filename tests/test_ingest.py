"""Readers: each format, and bad input that gets a clear error while the rest is still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique import Article, InputError, read_paths
from communique.readers import read_bytes
from communique.readers.language import guess_language
from conftest import SHARED, without_shared


def _read(data: bytes, name: str) -> list[Article | InputError]:
    return list(read_bytes(data, source=name))


def test_ingest_text_title_when_blank_line_follows() -> None:
    [article] = _read(b"Headline here\n\nBody sentence one. Body two.", "a.txt")
    assert isinstance(article, Article)
    assert article.title == "Headline here"
    assert article.text == "Body sentence one. Body two."
    assert article.id == "a"


def test_ingest_text_without_blank_line_has_no_title() -> None:
    [article] = _read(b"First line\nsecond line", "b.txt")
    assert isinstance(article, Article) and article.title is None and article.text.startswith("First line")


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "E001"), (b"  \n\n ", "E001"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "E002"), (b"caf\xe9 au lait", "E003")],
)
def test_ingest_bad_bytes_have_coded_errors(data: bytes, code: str) -> None:
    [error] = _read(data, "bad.txt")
    assert isinstance(error, InputError) and error.code == code
    assert "bad.txt" in str(error)


def test_ingest_title_without_body_is_an_error() -> None:
    [error] = _read(b"Only a title\n\n   \n", "t.txt")
    assert isinstance(error, InputError) and error.code == "E012"


def test_ingest_jsonl_bad_line_does_not_stop_the_others() -> None:
    lines = [
        json.dumps({"id": "one", "text": "Mali severed ties with France.", "date": "2025-06-10T09:00"}),
        "{not json",
        json.dumps({"id": "three"}),
        json.dumps({"id": 4, "text": "Niger met Chad.", "date": 5}),
        json.dumps({"text": "No id here."}),
    ]
    items = _read("\n".join(lines).encode(), "feed.jsonl")
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "InputError", "Article"]
    assert items[0].date == "2025-06-10"  # type: ignore[union-attr]
    assert [i.code for i in items if isinstance(i, InputError)] == ["E004", "E005", "E010"]
    assert "line 2" in str(items[1])
    assert items[4].id == "feed:5"  # type: ignore[union-attr]


def test_ingest_html_article(tmp_path: Path) -> None:
    page = Path(__file__).resolve().parent.parent / "examples" / "sahel-sanctions.html"
    [article] = list(read_paths([str(page)]))
    assert isinstance(article, Article)
    assert article.title == "ECOWAS lifts sanctions on Niger as talks resume"
    assert "lifted most of the economic sanctions" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.date == "2024-02-25"


def test_ingest_html_without_body(tmp_path: Path) -> None:
    [error] = _read(b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>", "empty.html")
    assert isinstance(error, InputError) and error.code == "E006"


def test_ingest_missing_file_and_defaults(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Mali severed ties with France.", encoding="utf-8")
    items = list(read_paths([str(tmp_path / "nope.txt"), str(good)], date="2025-01-02", outlet="Wire"))
    assert isinstance(items[0], InputError) and items[0].code == "E007"
    assert isinstance(items[1], Article) and items[1].date == "2025-01-02" and items[1].outlet == "Wire"


def test_ingest_language_guess() -> None:
    english = "The minister said on Monday that the government would not change its position on the talks."
    french = (
        "Le ministre a déclaré lundi que le gouvernement ne changerait pas sa position sur les négociations "
        "avec la France."
    )
    assert guess_language(english) == "en"
    assert guess_language(french) == "fr"
    assert guess_language("Too short") is None


def test_ingest_other_language_is_refused_by_extract() -> None:
    from communique import LanguageError, extract

    french = Article(
        id="fr",
        text="Le ministre a déclaré lundi que le gouvernement ne changerait pas sa position sur "
        "les négociations avec la France et le Mali.",
    )
    english = Article(id="en", text="Mali severed diplomatic ties with France.")
    results = list(extract([french, english]))
    assert isinstance(results[0], LanguageError) and results[0].code == "E009" and "French" in str(results[0])
    assert results[1].id == "en"  # type: ignore[union-attr]


def test_ingest_byte_order_marks_decide_the_encoding() -> None:
    text = "Mali severed diplomatic ties with France."
    for encoding in ("utf-16", "utf-32", "utf-8-sig"):
        [article] = _read(text.encode(encoding), "marked.txt")
        assert isinstance(article, Article) and article.text == text, encoding


def test_ingest_unknown_encoding_is_a_coded_error() -> None:
    [error] = list(read_bytes(b"Mali severed ties.", source="a.txt", encoding="nosuchenc"))
    assert isinstance(error, InputError) and error.code == "E020" and "nosuchenc" in str(error)


def test_ingest_unsupported_suffix_and_empty_folder(tmp_path: Path) -> None:
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\nIHDR" + b"x" * 50)
    empty = tmp_path / "nothing"
    empty.mkdir()
    plain = tmp_path / "README"
    plain.write_text("Mali severed ties with France.", encoding="utf-8")
    items = list(read_paths([str(image), str(empty), str(plain)]))
    assert [getattr(i, "code", "article") for i in items] == ["E013", "E021", "article"]


def test_ingest_jsonl_dates_are_validated_and_normalised() -> None:
    lines = [
        json.dumps({"id": "a", "text": "Mali severed ties.", "date": "June 10, 2025"}),
        json.dumps({"id": "b", "text": "Mali severed ties.", "date": "10/06/2025"}),
        json.dumps({"id": "c", "text": "Mali severed ties.", "date": "2025-13-45"}),
    ]
    items = _read("\n".join(lines).encode(), "dated.jsonl")
    assert items[0].date == "2025-06-10"  # type: ignore[union-attr]
    assert [getattr(i, "code", None) for i in items[1:]] == ["E014", "E014"]


def test_ingest_jsonl_language_field_is_kept() -> None:
    [article] = _read(json.dumps({"id": "a", "text": "SHR 1.20 DLRS", "language": "EN"}).encode(), "l.jsonl")
    assert isinstance(article, Article) and article.language == "en"


def test_ingest_nul_in_jsonl_text_keeps_offsets() -> None:
    [article] = _read(json.dumps({"id": "n", "text": "Mali\u0000 severed ties."}).encode(), "n.jsonl")
    assert isinstance(article, Article) and article.text == "Mali\ufffd severed ties."


REUTERS = SHARED / "corpora" / "reuters21578"


@pytest.mark.skipif(not REUTERS.is_dir(), reason=without_shared("corpora/reuters21578"))
def test_ingest_language_check_refuses_no_english_wire_story() -> None:
    from communique.readers.language import check_english

    bodies: list[str] = []
    for part in sorted(REUTERS.glob("*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            body = (json.loads(line).get("body") or "").strip()
            if body:
                bodies.append(body)
        if len(bodies) >= 400:
            break
    for body in bodies[:400]:  # tables and all-caps wire copy among them
        check_english(body, "reuters")


def test_ingest_default_date_is_normalised_or_refused() -> None:
    [article] = list(read_bytes(b"Mali severed ties with France.", source="a.txt", date="June 10, 2025"))
    assert isinstance(article, Article) and article.date == "2025-06-10"
    with pytest.raises(ValueError, match="not a date"):
        list(read_bytes(b"Mali severed ties with France.", source="a.txt", date="10/06/2025"))
