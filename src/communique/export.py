"""The store in the formats other tools read: GDELT 2.0 events, PLOVER JSONL, flat CSV, Parquet, GraphML and GEXF.

- `gdelt`: one tab-separated row per story-level event (`store.summary.story_events`) in GDELT
  2.0's 61 event columns, without a header as GDELT ships them; codes stay strings, so "0874" and
  "042" keep their zeros. NumMentions, NumSources and NumArticles are the story's counts; the
  actor country codes are ISO 3166 alpha-3 as in CAMEO (GDELT's geographic fields use FIPS; ours
  hold ISO3 too); a date known only to the month has day 00; AvgTone and coordinates are empty
  (not measured); GLOBALEVENTID is a stable number derived from the event's key.
- `plover`: one JSON object per line per event (every report), with the manual's field names
  (../shared/reference/plover): id, date, actor, recipient, event, mode, context, quad_code,
  event_scale (the Goldstein weight), event_text, text_info, cite_info, coder, coded_date, and
  communique's own cameo, modality and hedged.
- `csv`: one row per event with its article's date, title, URL and outlet, for R, Stata or a sheet.
- `parquet`: the records as `ingest --engine dask` writes them, each text's other reports (copies) with
  them (a folder; `communique load` reads it back).
- `graphml`, `gexf`: the relations graph for Gephi or networkx: countries as nodes, ordered pairs as
  edges with events by quad class, mean Goldstein weight and the cooperation-conflict index.

Only asserted events are exported unless `Filters.modality` says otherwise, as relations count them.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any, TextIO, TypeVar
from xml.etree import ElementTree

from sqlalchemy import select

from . import __version__, relations
from .extras import requires
from .model import Extraction
from .store import schema, summary
from .store.queries import Filters, dated, described, dyadic
from .store.sql import Store

T = TypeVar("T")
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code"]
_ACTOR += ["Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR),
    *(f"Actor2{name}" for name in _ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"{who}Geo_{name}" for who in ("Actor1", "Actor2", "Action") for name in _GEO),
    "DATEADDED",
    "SOURCEURL",
]


def _each(items: Iterable[T], write: Callable[[T], Any]) -> int:
    """Write every item; how many there were."""
    count = 0
    for item in items:
        write(item)
        count += 1
    return count


def _stream(store: Store, query: Any) -> Iterator[dict[str, Any]]:
    with store.engine.connect() as conn:
        for row in conn.execution_options(stream_results=True, yield_per=1000).execute(query):
            yield dict(row._mapping)


def _story_events(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    e = schema.events
    query = described(dyadic(summary.story_events(), relations.counted(filters)), filters)
    found = dated(query, filters, e.c.day).subquery()
    return _stream(store, select(found).order_by(found.c.day, found.c.story, found.c.source_code, found.c.cameo))


def _gdelt_date(day: str | None) -> tuple[str, str, str, str]:
    """SQLDATE, MonthYear, Year, FractionDate of a day ('2025-06' has day 00)."""
    if not day:
        return "", "", "", ""
    year, month, date = (day.split("-") + ["00", "00"])[:3]
    fraction = int(year) + ((int(month or 1) - 1) * 30.4 + max(int(date), 1)) / 365
    return year + month + date, year + month, year, f"{fraction:.4f}"


def gdelt_row(event: dict[str, Any]) -> dict[str, str]:
    """One story-level event as GDELT 2.0 columns, every value a string."""
    key = "|".join(str(event[name]) for name in ("story", "day", "source_code", "cameo", "target_code", "modality"))
    sqldate, month, year, fraction = _gdelt_date(event["day"])
    row = dict.fromkeys(GDELT_COLUMNS, "")
    row.update(
        {
            "GLOBALEVENTID": str(int(hashlib.sha256(key.encode()).hexdigest()[:15], 16)),
            "SQLDATE": sqldate,
            "MonthYear": month,
            "Year": year,
            "FractionDate": fraction,
            "IsRootEvent": "1" if event["sentence"] == 0 else "0",
            "EventCode": event["cameo"],
            "EventBaseCode": event["cameo"][:3],
            "EventRootCode": event["cameo"][:2],
            "QuadClass": str(event["quad_class"]),
            "GoldsteinScale": f"{event['goldstein']:g}",
            "NumMentions": str(event["mentions"]),
            "NumSources": str(event["sources"]),
            "NumArticles": str(event["articles"]),
            "ActionGeo_FullName": event["location_name"] or "",
            "ActionGeo_CountryCode": event["location_country"] or "",
            "DATEADDED": "".join(ch for ch in (event["added"] or "")[:19] if ch.isdigit()),
            "SOURCEURL": event["url"] or event["first_article"],
        }
    )
    for number, side in (("1", "source"), ("2", "target")):
        if event[f"{side}_code"]:
            row[f"Actor{number}Code"] = event[f"{side}_code"]
            row[f"Actor{number}Name"] = (event[f"{side}_text"] or "").upper()
            row[f"Actor{number}CountryCode"] = event[f"{side}_country"] or ""
            row[f"Actor{number}Type1Code"] = event[f"{side}_sector"] or ""
    return row


def write_gdelt(store: Store, filters: Filters, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=GDELT_COLUMNS, delimiter="\t", lineterminator="\n")
    clean = {ord("\t"): " ", ord("\n"): " ", ord("\r"): " "}  # GDELT readers split on them, quoted or not
    rows = ({k: v.translate(clean) for k, v in gdelt_row(event).items()} for event in _story_events(store, filters))
    return _each(rows, writer.writerow)


def read_gdelt(lines: TextIO) -> Iterator[dict[str, str]]:
    """GDELT 2.0 event rows back as dicts of strings (codes keep their zeros)."""
    for values in csv.reader(lines, delimiter="\t"):
        yield dict(zip(GDELT_COLUMNS, values, strict=True))


def _events(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    """Every matching event (each report) with its article's metadata, in store order."""
    e, a = schema.events, schema.articles
    article = (a.c.date.label("article_date"), a.c.title, a.c.url, a.c.outlet, a.c.language, a.c.ingested_at)
    query = dyadic(select(*e.c, *article).select_from(e.join(a, e.c.article == a.c.id)), relations.counted(filters))
    query = dated(described(query, filters), filters, e.c.day)
    query = query.order_by(a.c.ingested_at, e.c.article, e.c.start, e.c.event_id)
    return _stream(store, query)


def _entity(event: dict[str, Any], side: str) -> list[dict[str, Any]]:
    if not event[f"{side}_code"]:
        return []
    code = event[f"{side}_country"] or event[f"{side}_code"][:3]
    entity = {"code": code, "sector": event[f"{side}_sector"], "entity_text": event[f"{side}_text"]}
    return [{**entity, "actor_code": event[f"{side}_code"]}]


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER record (field names from the PLOVER manual)."""
    return {
        "id": f"{event['article']}/{event['event_id']}",
        "date": event["day"],
        "actor": _entity(event, "source"),
        "recipient": _entity(event, "target"),
        "event": [event["plover_type"]],
        "mode": [event["plover_mode"]] if event["plover_mode"] else [],
        "context": [c for c in (event["plover_context"] or "").split(";") if c],
        "quad_code": event["quad_class"],
        "event_scale": event["goldstein"],
        "event_loc": {"extracted_place": event["location_name"], "country_code": event["location_country"]}
        if event["location_name"]
        else None,
        "event_text": [event["evidence"]],
        "text_info": {"sequence": event["sentence"], "start": event["start"], "end": event["end"]},
        "cite_info": {
            "citation": event["article"],
            "url": event["url"],
            "title": event["title"],
            "language": event["language"],
            "publication": event["outlet"],
            "coder": f"communique {__version__}",
            "codebook": "plover-2021 (from CAMEO)",
        },
        "coder": "communique",
        "coded_date": (event["ingested_at"] or "")[:10],
        "cameo": event["cameo"],
        "modality": event["modality"],
        "hedged": bool(event["hedged"]),
    }


def write_plover(store: Store, filters: Filters, out: TextIO) -> int:
    lines = (json.dumps(plover_record(event), ensure_ascii=False) + "\n" for event in _events(store, filters))
    return _each(lines, out.write)


CSV_COLUMNS = ["article", "article_date", "title", "url", "outlet", "event_id", "day", "sentence", "trigger"]
CSV_COLUMNS += [f"{side}_{name}" for side in ("source", "target") for name in ("text", "code", "country", "sector")]
CSV_COLUMNS += ["cameo", "quad_class", "goldstein", "plover_type", "plover_mode", "plover_context", "modality"]
CSV_COLUMNS += ["hedged", "date", "location_name", "location_country", "coded_by", "confidence", "evidence"]


def write_csv(store: Store, filters: Filters, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    return _each(_events(store, filters), writer.writerow)


def write_parquet(store: Store, filters: Filters, folder: Path, *, batch: int = 1000) -> int:
    """The records of the matching articles (every record when no filter), with their copies (the other
    ids, URLs and outlets that carried the same words), as `communique load` reads them."""
    with requires("scale", "the Parquet export"):
        from .store import parquet
    a = schema.articles
    query = dated(select(a.c.record, a.c.hash).order_by(a.c.ingested_at), filters)
    rows = _stream(store, query)
    count = 0
    while coded := [(Extraction.from_dict(json.loads(row["record"])), row["hash"]) for row in islice(rows, batch)]:
        copies = [(row, row["article"]) for row in store.copies([extraction.id for extraction, _ in coded])]
        if copies:
            parquet.write_copies(folder, count // batch, copies)
        parquet.write_batch(folder, count // batch, coded)
        count += len(coded)
    return count


def _graph(store: Store, filters: Filters) -> tuple[list[str], list[dict[str, Any]]]:
    edges = relations.pairs(store, replace(filters, limit=None)).rows
    nodes = sorted({row["source"] for row in edges} | {row["target"] for row in edges})
    return nodes, edges


_EDGE_ATTRIBUTES = [(name, "int") for name in ("events", *relations.QUADS.values())]
_EDGE_ATTRIBUTES += [("mean_goldstein", "double"), ("index", "double"), ("first", "string"), ("last", "string")]


def write_graphml(store: Store, filters: Filters, out: TextIO) -> int:
    """The relations graph as GraphML (directed; one edge per ordered pair)."""
    nodes, edges = _graph(store, filters)
    root = ElementTree.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for name, kind in _EDGE_ATTRIBUTES:
        ElementTree.SubElement(root, "key", {"id": name, "for": "edge", "attr.name": name, "attr.type": kind})
    graph = ElementTree.SubElement(root, "graph", id="relations", edgedefault="directed")
    for node in nodes:
        ElementTree.SubElement(graph, "node", id=node)
    for row in edges:
        edge = ElementTree.SubElement(graph, "edge", source=row["source"], target=row["target"])
        for name, _ in _EDGE_ATTRIBUTES:
            if row.get(name) is not None:
                ElementTree.SubElement(edge, "data", key=name).text = str(row[name])
    ElementTree.indent(root)
    out.write(ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n")
    return len(edges)


def write_gexf(store: Store, filters: Filters, out: TextIO) -> int:
    """The relations graph as GEXF 1.3 (Gephi's own format), edges weighted by events."""
    nodes, edges = _graph(store, filters)
    root = ElementTree.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    graph = ElementTree.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    attributes = ElementTree.SubElement(graph, "attributes", {"class": "edge"})
    for number, (name, kind) in enumerate(_EDGE_ATTRIBUTES):
        ElementTree.SubElement(attributes, "attribute", id=str(number), title=name, type=kind)
    node_list = ElementTree.SubElement(graph, "nodes")
    for node in nodes:
        ElementTree.SubElement(node_list, "node", id=node, label=node)
    edge_list = ElementTree.SubElement(graph, "edges")
    for number, row in enumerate(edges):
        edge = ElementTree.SubElement(
            edge_list, "edge", id=str(number), source=row["source"], target=row["target"], weight=str(row["events"])
        )
        values = ElementTree.SubElement(edge, "attvalues")
        for index, (name, _) in enumerate(_EDGE_ATTRIBUTES):
            if row.get(name) is not None:
                ElementTree.SubElement(values, "attvalue", {"for": str(index), "value": str(row[name])})
    ElementTree.indent(root)
    out.write(ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n")
    return len(edges)


WRITERS = {
    "gdelt": write_gdelt,
    "plover": write_plover,
    "csv": write_csv,
    "graphml": write_graphml,
    "gexf": write_gexf,
}  # each writes to a text stream; parquet writes a folder (`write_parquet`)
