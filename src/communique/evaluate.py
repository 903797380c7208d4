"""`communique eval`: accuracy on the development sets, with the metrics of `shared/tools/score_dev.py`.

Each set is coded in-process with the same `extract` the CLI runs, then scored exactly as the
independent measurement scores it (see each scorer's docstring). Per-type precision and recall
show where events go wrong, and every miss and false alarm is written to a file a person can read.
Floors (`tests/accuracy_floors.json`) turn a drop in any figure into a failing check.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CommuniqueError
from .events.classifier import training_hashes
from .events.ontology import quad_label
from .events.tags import read_tagged, tagged_spans
from .model import Article, Extraction
from .settings import Config, read_config
from .stream_score import StreamSet, score

SETS = ("plover", "conflibert", "participants", "quotes", "figures", "petrarch", "stream", "stream_figures")
TOLERANCE = 0.02  # a figure may fall this far below its floor before the check fails
NON_STATES = frozenset({"", "IGO", "NGO", "MNC", "---"})
SECTORS = frozenset("GOV MIL REB OPP CVL COP JUD LEG MED EDU REF BUS ELI PTY LAB HLH".split())  # PLOVER's, CAMEO's
# Words a figure's subject and its gold subject may share without naming the same thing (score_dev.py's list).
SUBJECT_STOPWORDS = frozenset("the a an of in on for to and its their his her by with from at".split())
_OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass
class Report:
    """Figures by name, per-type breakdowns, and the misses a person should read."""

    figures: dict[str, float] = field(default_factory=dict)
    by_type: dict[str, dict[str, float]] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # breakdowns: title -> rows
    misses: list[str] = field(default_factory=list)
    failures: list[CommuniqueError] = field(default_factory=list)  # articles that could not be coded at all

    def below(self, floors: dict[str, float], tolerance: float = TOLERANCE) -> dict[str, tuple[float, float]]:
        """{name: (figure, floor)} for every figure more than `tolerance` below its floor."""
        return {
            name: (self.figures[name], floor)
            for name, floor in floors.items()
            if name in self.figures and self.figures[name] < floor - tolerance
        }


def evaluate(devsets: Path, *, sets: Iterable[str] = SETS, config: str | Path | Config | None = None) -> Report:
    """Code and score the chosen development sets found under `devsets` (`shared/devsets`)."""
    report = Report()
    extract = Extractor(read_config(config), report.failures)
    for name in sets:
        _SCORERS[name](devsets, report, extract)
    return report


@dataclass(frozen=True)
class Extractor:
    """Codes articles with the evaluated configuration; `swap` replaces some of its settings (dictionaries)."""

    settings: dict[str, dict[str, Any]]
    failures: list[CommuniqueError]  # where the articles that could not be coded go, so a report can say so

    def __call__(self, articles: list[Article], swap: Config | None = None) -> dict[str, Extraction]:
        from .pipeline import extract

        config = {section: {**values, **(swap or {}).get(section, {})} for section, values in self.settings.items()}
        records = {}
        for result in extract(articles, config=config):
            if isinstance(result, CommuniqueError):
                self.failures.append(result)
            else:
                records[result.id] = result
        return records

    def unseen(self, path: Path) -> Config | None:
        """The swap that leaves out a classifier or participant tagger trained on this very file: scored on
        its own training sentences it would flatter itself (its cross-validated figures are in its folder)."""
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        events = self.settings["events"]
        swap = {
            key: "" for key in ("classifier", "participants") if events[key] and digest in training_hashes(events[key])
        }
        return {"events": swap} if swap else None


def _placed_sectors(record: Extraction | None) -> set[tuple[str, str]]:
    """(country, sector) of each actor and event side of a record: 'Russian officials' acts as RUS GOV."""
    if record is None:
        return set()
    sides = [side for e in record.events for side in (e.source, e.target) if side is not None]
    pairs = {(a.country, a.sector) for a in record.actors} | {(s.country, s.sector) for s in sides}
    return {(country, sector) for country, sector in pairs if country and sector}


def plover_type(name: str) -> str:
    return _OLD_TYPES.get(name.upper(), name.upper())


def score_plover(devsets: Path, report: Report, extract: Extractor) -> None:
    """type_recall: gold sentences with a predicted event of the gold PLOVER type; triple_recall: the same
    with a gold source and target country; type_precision: predicted events of the sentence's gold type;
    actor_recall: gold ISO3 codes among the sentence's actors. A classifier trained on this file is left out."""
    path = devsets / "plover_gsr_dev.json"
    gold = [r for r in json.loads(path.read_text("utf-8")) if r.get("event") != "DOCUMENT"]
    articles = [Article(id=r["id"], text=r["text"], date=(r.get("date") or "2000-01-01")[:10]) for r in gold]
    out = extract(articles, extract.unseen(path))
    type_hits = triple_hits = predicted = right = actors_gold = actors_found = sectors_gold = sectors_found = 0
    per_type: Counter[tuple[str, str]] = Counter()
    for r in gold:
        gold_type = plover_type(r["event"])
        sources = {(a.get("code") or "")[:3].upper() for a in r.get("source") or [] if isinstance(a, dict)}
        targets = {(a.get("code") or "")[:3].upper() for a in r.get("target") or [] if isinstance(a, dict)}
        record = out.get(r["id"])
        events = record.events if record else []
        have = {(a.country or a.code[:3] or "").upper() for a in (record.actors if record else [])}
        for code in (sources | targets) - NON_STATES:
            actors_gold += 1
            actors_found += code in have
        placed = _placed_sectors(record)
        for actor in [a for side in ("source", "target") for a in r.get(side) or [] if isinstance(a, dict)]:
            country, sector = (actor.get("code") or "")[:3].upper(), actor.get("sector")
            if sector in SECTORS and country not in NON_STATES:
                sectors_gold += 1
                sectors_found += (country, sector) in placed
        types = [plover_type(e.plover.type) for e in events]
        predicted += len(events)
        right += sum(t == gold_type for t in types)
        type_hits += gold_type in types
        triple_hits += any(
            plover_type(e.plover.type) == gold_type
            and (e.source.country or e.source.code[:3]) in sources
            and (not targets or (e.target is not None and (e.target.country or e.target.code[:3]) in targets))
            for e in events
        )
        per_type[(gold_type, "gold")] += 1
        per_type[(gold_type, "found")] += gold_type in types
        for t in types:
            per_type[(t, "predicted")] += 1
            per_type[(t, "right")] += t == gold_type
        if gold_type not in types or any(t != gold_type for t in types):
            predicted_text = ", ".join(
                f"{e.source.code} {e.cameo} {plover_type(e.plover.type)} {e.target.code if e.target else '-'}"
                for e in events
            )
            report.misses.append(f"plover {r['id']}: gold {gold_type}; predicted [{predicted_text}]\n    {r['text']}")
    n = len(gold)
    report.figures.update(
        plover_type_recall=type_hits / n,
        plover_triple_recall=triple_hits / n,
        plover_type_precision=_ratio(right, predicted),
        plover_actor_recall=_ratio(actors_found, actors_gold),
        plover_sector_recall=_ratio(sectors_found, sectors_gold),
    )
    for ptype in sorted({t for t, _ in per_type}):
        gold_n, predicted_n = per_type[(ptype, "gold")], per_type[(ptype, "predicted")]
        precision = _ratio(per_type[(ptype, "right")], predicted_n)
        recall = _ratio(per_type[(ptype, "found")], gold_n)
        report.by_type[ptype] = {
            "gold": gold_n,
            "predicted": predicted_n,
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
        }


def score_petrarch(devsets: Path, report: Report, extract: Extractor) -> None:
    """PETRARCH's unit-test sentences, coded with the fictional `PETR.Validate.*` dictionaries swapped in
    for the configured ones: the share of expected (source, target, CAMEO root) triples found."""
    reference = devsets.parent / "reference" / "petrarch"
    swap: dict[str, dict[str, Any]] = {
        "gazetteer": {
            "actors": [str(reference / "PETR.Validate.actors.txt")],
            "agents": [str(reference / "PETR.Validate.agents.txt")],
        },
        # PETRARCH codes an announced deed as the deed ('will abandon ties' 34, not intent 03)
        "events": {
            "lexicon": [str(reference / "PETR.Validate.verbs.txt")],
            "discards": [str(reference / "PETR.Validate.discards.txt")],
            "announced_as_intent": False,
        },
    }
    lines = (devsets / "petrarch_unittest.jsonl").read_text("utf-8").splitlines()
    cases = [{**case, "id": case["id"] or f"line-{n}"} for n, case in enumerate(map(json.loads, lines), start=1)]
    articles = [Article(id=c["id"], text=c["text"], date=c["date"], language="en") for c in cases]
    out = extract(articles, swap)
    expected_n = found = 0
    for case in cases:
        record = out.get(case["id"])
        coded = {
            (e.source.code, e.target.code if e.target else "", e.cameo[:2]) for e in (record.events if record else [])
        }
        for expected in case["expected_events"]:
            if not expected.get("eventcode"):
                continue
            expected_n += 1
            triple = (expected.get("sourcecode") or "", expected.get("targetcode") or "", expected["eventcode"][:2])
            if triple in coded:
                found += 1
            else:
                report.misses.append(
                    f"petrarch {case['id']}: missed {' '.join(triple)}; coded {sorted(coded)}\n    {case['text']}"
                )
    report.figures["petrarch_triple_recall"] = _ratio(found, expected_n)


def score_conflibert(devsets: Path, report: Report, extract: Extractor) -> None:
    """The earliest event's CAMEO quad (no event = 0, statements) against the label: accuracy and macro-F1.
    A classifier trained on this file is left out."""
    path = devsets / "conflibert_cameo_class_train.tsv"
    lines = path.read_text("utf-8").splitlines()
    rows = [line.rsplit("\t", 1) for line in lines if "\t" in line]
    articles = [Article(id=str(i), text=text, date="2017-01-01") for i, (text, _) in enumerate(rows)]
    out = extract(articles, extract.unseen(path))
    gold = [int(label) for _, label in rows]
    guessed = []
    for i, (text, label) in enumerate(rows):
        record = out.get(str(i))
        events = sorted(record.events, key=lambda e: e.start) if record else []
        guessed.append(quad_label(events[0].cameo) if events else 0)
        if guessed[-1] != int(label):
            report.misses.append(f"conflibert {i}: gold quad {label}, predicted {guessed[-1]}\n    {text}")
    accuracy, f1s = label_scores(gold, guessed, labels=5)
    report.figures.update(conflibert_accuracy=accuracy, conflibert_macro_f1=sum(f1s) / 5)


def score_participants(devsets: Path, report: Report, extract: Extractor) -> None:
    """ConfliBERT's word-tagged sentences: the share of gold SOURCE spans an event's source mention overlaps,
    of gold TARGET spans an event's target overlaps (RECIPROCAL spans count as both), and of all of them
    any actor mention overlaps. A participant tagger trained on this file is left out."""
    path = devsets / "conflibert_cameo_ner_train.txt"
    sentences = read_tagged(path.read_text("utf-8"))
    articles = [Article(id=str(i), text=s.text, date="2017-01-01") for i, s in enumerate(sentences)]
    out = extract(articles, extract.unseen(path))
    found: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    for i, sentence in enumerate(sentences):
        record = out.get(str(i))
        sides = _side_spans(record) if record else {"S": [], "T": []}
        mentions = [(m.start, m.end) for a in (record.actors if record else []) for m in a.mentions]
        for kind, span in _char_spans(sentence.words, sentence.tags):
            for role in ("S", "T") if kind == "R" else (kind,):
                gold[role] += 1
                found[role] += any(_overlap(span, side) for side in sides[role])
            gold["actor"] += 1
            found["actor"] += any(_overlap(span, mention) for mention in mentions)
    report.figures.update(
        conflibert_source_span_recall=_ratio(found["S"], gold["S"]),
        conflibert_target_span_recall=_ratio(found["T"], gold["T"]),
        conflibert_actor_span_recall=_ratio(found["actor"], gold["actor"]),
    )


def _char_spans(words: tuple[str, ...], tags: tuple[str, ...]) -> list[tuple[str, tuple[int, int]]]:
    """(S, T or R, character span in the words joined by spaces) of each BIO-tagged span."""
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    return [(label, (starts[start], starts[end - 1] + len(words[end - 1]))) for start, end, label in tagged_spans(tags)]


def _side_spans(record: Extraction) -> dict[str, list[tuple[int, int]]]:
    """The character spans of the mentions each event's source ('S') and target ('T') stand on."""
    mentions = {a.id: a.mentions for a in record.actors}
    spans: dict[str, list[tuple[int, int]]] = {"S": [], "T": []}
    for event in record.events:
        for role, side in (("S", event.source), ("T", event.target)):
            if side is not None and side.actor:
                spans[role] += [
                    (m.start, m.end) for m in mentions.get(side.actor, []) if event.start <= m.start < event.end
                ]
    return spans


def label_scores(gold: list[int], guessed: list[int], *, labels: int) -> tuple[float, list[float]]:
    """Accuracy and the F1 of each label 0..labels-1 (their mean is the macro-F1)."""
    f1s = []
    for label in range(labels):
        tp = sum(g == label == p for g, p in zip(gold, guessed, strict=True))
        fp = sum(g != label == p for g, p in zip(gold, guessed, strict=True))
        fn = sum(p != label == g for g, p in zip(gold, guessed, strict=True))
        f1s.append(_f1(_ratio(tp, tp + fp), _ratio(tp, tp + fn)))
    return _ratio(sum(g == p for g, p in zip(gold, guessed, strict=True)), len(gold)), f1s


def _spans(segment: str) -> list[tuple[int, int]]:
    """'Content 302 427;430 440' -> [(302, 427), (430, 440)]."""
    return [(int(a), int(b)) for a, b in (part.split() for part in segment.split(" ", 1)[1].split(";"))]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _hits(span: tuple[int, int], gold: list[tuple[int, int]]) -> bool:
    return any(_overlap(span, g) >= 0.5 * min(span[1] - span[0], g[1] - g[0]) > 0 for g in gold)


def score_quotes(devsets: Path, report: Report, extract: Extractor) -> None:
    """A gold attribution is found when a predicted content span overlaps it by half the shorter span;
    speaker accuracy: found attributions whose speaker overlaps (or equals) the gold source."""
    base = devsets / "polnear_dev"
    articles: dict[str, tuple[str, list[tuple[list[tuple[int, int]], list[tuple[int, int]], str]]]] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem in articles:
            continue
        text = (base / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        spans, gold = {}, []
        for line in ann.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("T") and len(cols) >= 2:
                spans[cols[0]] = _spans(cols[1])
            elif line.startswith("E") and len(cols) >= 2:
                relation = dict(x.split(":", 1) for x in cols[1].split())
                content, source = spans.get(relation.get("Content", ""), []), spans.get(relation.get("Source", ""), [])
                if content:
                    gold.append((content, source, " ".join(text[a:b] for a, b in source).lower()))
        articles[stem] = (text, gold)
    out = extract([Article(id=stem, text=text) for stem, (text, _) in articles.items()])
    n_gold = n_predicted = predicted_right = found = speakers = 0
    for stem, (text, gold) in articles.items():
        record = out.get(stem)
        quotes = record.quotes if record else []
        spans_predicted = [(q.content.start, q.content.end) for q in quotes]
        n_gold += len(gold)
        n_predicted += len(quotes)
        for quote, span in zip(quotes, spans_predicted, strict=True):
            if any(_hits(span, g[0]) for g in gold):
                predicted_right += 1
            else:
                report.misses.append(
                    f"quotes {stem}: false alarm\n    {quote.speaker.text} | {quote.content.text[:200]}"
                )
        for content, source, source_text in gold:
            best = next((q for q, span in zip(quotes, spans_predicted, strict=True) if _hits(span, content)), None)
            if best is None:
                report.misses.append(
                    f"quotes {stem}: missed\n    {source_text} | {' '.join(text[a:b] for a, b in content)[:200]}"
                )
                continue
            found += 1
            speaker = (best.speaker.start, best.speaker.end)
            named = bool(best.speaker.text) and best.speaker.text.lower() == source_text  # as score_dev.py:
            right = any(_overlap(speaker, g) > 0 for g in source) or named  # no source is no match
            speakers += right
            if not right:
                report.misses.append(
                    f"quotes {stem}: wrong speaker {best.speaker.text!r} (cue {best.cue.text!r}), gold {source_text!r}"
                )
    report.figures.update(_scores("quote_content", predicted_right, n_predicted, found, n_gold))
    report.figures["quote_speaker_accuracy"] = _ratio(speakers, found)


_CURRENCY_NAMES = {
    "USD": "dollar",
    "EUR": "euro",
    "JPY": "japanese yen",
    "CNY": "chinese yuan",
    "GBP": "pound sterling",
    "AUD": "australian dollar",
    "CAD": "canadian dollar",
    "INR": "indian rupee",
    "RUB": "russian ruble",
}
_MONEY = ("dollar", "euro", "yen", "yuan", "pound sterling", "rupee", "ruble")


def _unit_ok(gold: str | None, predicted: str | None) -> bool:
    g, p = (gold or "").lower(), predicted or ""
    if g == "percentage":
        return p.lower() in ("percent", "%", "percentage", "pct")
    name = _CURRENCY_NAMES.get(p.upper(), p.lower())
    return name == g or (g == "dollar" and name.endswith("dollar"))


def score_figures(devsets: Path, report: Report, extract: Extractor) -> None:
    """A predicted figure matches a gold quantity of the same value (0.5% tolerance); for money and
    percentages, recall and the share of matches with the right currency or percent unit."""
    data: list[dict[str, Any]] = []
    for name in ("recognizers_currency.json", "recognizers_dimension.json"):
        data.extend(json.loads((devsets / name).read_text("utf-8")))
    out = extract([Article(id=str(i), text=r["text"]) for i, r in enumerate(data)])
    tp = n_predicted = n_gold = money_gold = money_found = money_unit = 0
    for i, r in enumerate(data):
        gold = []
        for quantity in r["quantities"]:
            try:
                gold.append((float(quantity["value"]), quantity.get("normalized_unit")))
            except (TypeError, ValueError):
                continue
        record = out.get(str(i))
        predicted = record.figures if record else []
        n_gold += len(gold)
        n_predicted += len(predicted)
        used: set[int] = set()
        for value, unit in gold:
            hit = next(
                (
                    j
                    for j, f in enumerate(predicted)
                    if j not in used and abs(value - f.value) <= 0.005 * max(abs(value), abs(f.value), 1e-9)
                ),
                None,
            )
            money = unit == "percentage" or (unit or "").endswith(_MONEY)
            money_gold += money
            if hit is None:
                report.misses.append(f"figures {i}: missed {value} {unit}\n    {r['text']}")
                continue
            used.add(hit)
            tp += 1
            if money:
                money_found += 1
                money_unit += _unit_ok(unit, predicted[hit].unit)
    report.figures.update(_scores("figure_value", tp, n_predicted, tp, n_gold))
    report.figures["money_percent_recall"] = _ratio(money_found, money_gold)
    report.figures["money_percent_unit_accuracy"] = _ratio(money_unit, money_found)


def score_stream(devsets: Path, report: Report, extract: Extractor) -> None:
    """Whole articles with every sentence annotated (stream_dev): precision on a real stream (`stream_score`)."""
    stream = StreamSet.read(devsets / "stream_dev")
    scored = score(stream, {id: record.events for id, record in extract(stream.articles()).items()})
    report.figures.update(scored.figures)
    report.tables.update({f"stream: {title}": rows for title, rows in scored.tables.items()})
    report.misses += scored.misses


def score_stream_figures(devsets: Path, report: Report, extract: Extractor) -> None:
    """Every quantity of the stream's whole articles (stream_dev's gold_figures.jsonl: money, percentages,
    counts and measures; no years, dates, identifiers or scores): a figure matches a gold one of its
    sentence with the same value (0.5% tolerance), one to one; unit accuracy over matches; subject accuracy
    over matches whose gold names a subject (a content word shared)."""
    folder = devsets / "stream_dev"
    stream = StreamSet.read(folder)
    gold: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for line in (folder / "gold_figures.jsonl").read_text("utf-8").splitlines():
        if line:
            row = json.loads(line)
            figures = [f for f in row["figures"] if isinstance(f.get("value"), int | float)]
            gold[(row["doc"], row["sent"])] = figures
    records = extract(stream.articles())
    counts: Counter[str] = Counter()
    for doc in stream.docs:
        sentences = stream.sentences.get(doc["id"], [])
        record = records.get(doc["id"])
        for sentence in sentences:
            key = (doc["id"], sentence["sent"])
            if key not in gold:
                continue
            expected = gold[key]
            found = [f for f in (record.figures if record else []) if sentence["start"] <= f.start < sentence["end"]]
            counts["gold"] += len(expected)
            counts["predicted"] += len(found)
            used: set[int] = set()
            for figure in found:
                hit = next(
                    (
                        i
                        for i, g in enumerate(expected)
                        if i not in used and abs(g["value"] - figure.value) <= 0.005 * max(abs(g["value"]), 1e-9)
                    ),
                    None,
                )
                where = f"stream_figures {key[0]}#{key[1]}"
                if hit is None:
                    report.misses.append(f"{where}: false {figure.text!r} {figure.value} {figure.unit}")
                    continue
                used.add(hit)
                match = expected[hit]
                counts["right"] += 1
                unit_right = _same_unit(match.get("unit"), figure.unit)
                counts["unit_right"] += unit_right
                if not unit_right:
                    report.misses.append(
                        f"{where}: unit {figure.unit!r} for {match.get('text')!r} ({match.get('unit')})"
                    )
                if match.get("subject"):
                    counts["subjects"] += 1
                    subject_right = bool(_content_words(match["subject"]) & _content_words(figure.subject or ""))
                    counts["subject_right"] += subject_right
                    if not subject_right:
                        report.misses.append(
                            f"{where}: subject {figure.subject!r} of {figure.text!r}, gold {match['subject']!r}"
                        )
            for i, g in enumerate(expected):
                if i not in used:
                    report.misses.append(f"stream_figures {key[0]}#{key[1]}: missed {g.get('text')!r} {g['value']}")
    report.figures.update(
        _scores("stream_figure", counts["right"], counts["predicted"], counts["right"], counts["gold"])
    )
    report.figures["stream_figure_unit_accuracy"] = _ratio(counts["unit_right"], counts["right"])
    report.figures["stream_figure_subject_accuracy"] = _ratio(counts["subject_right"], counts["subjects"])


def _same_unit(gold: str | None, predicted: str | None) -> bool:
    """score_dev.py's unit comparison: percent in any spelling, else the same word, its plural or a prefix of it."""
    g, p = (gold or "").lower().strip(), (predicted or "").lower().strip()
    if g in ("percent", "%", "percentage"):
        return p in ("percent", "%", "percentage", "pct")
    return bool(p) and (g == p or g.rstrip("s") == p.rstrip("s") or g.startswith(p) or p.startswith(g))


def _content_words(text: str) -> set[str]:
    return {word for word in text.lower().split() if word not in SUBJECT_STOPWORDS}


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return _ratio(2 * precision * recall, precision + recall)


def _scores(prefix: str, right: int, predicted: int, found: int, gold: int) -> dict[str, float]:
    """Precision (right of predicted), recall (found of gold) and F1, named `{prefix}_precision` ..."""
    precision, recall = _ratio(right, predicted), _ratio(found, gold)
    return {f"{prefix}_precision": precision, f"{prefix}_recall": recall, f"{prefix}_f1": _f1(precision, recall)}


_SCORERS: dict[str, Callable[[Path, Report, Extractor], None]] = {
    "plover": score_plover,
    "conflibert": score_conflibert,
    "participants": score_participants,
    "quotes": score_quotes,
    "figures": score_figures,
    "petrarch": score_petrarch,
    "stream": score_stream,
    "stream_figures": score_stream_figures,
}
