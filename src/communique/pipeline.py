"""Article -> Extraction: the NLP document, then actors, quotes, events and figures.

`extract` runs the spaCy pipeline in batches (`nlp.pipe`) and codes each document with plain
functions, so the same code serves one article, a file of thousands, or a worker process.
One article that fails yields its error in place and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from . import __version__
from .actors.gazetteer import Gazetteer, load_gazetteer
from .actors.resolve import resolve_actors
from .claims.figures import find_figures
from .claims.quotes import find_quotes
from .errors import CommuniqueError, InputError
from .events.coder import claimant_of, code_events
from .events.lexicon import Lexicon, load_lexicon
from .ingest import check_english
from .model import Article, Coder, Extraction
from .nlp import load_nlp

log = logging.getLogger(__name__)
CODER = Coder(name="communique", version=__version__)


def extract(
    items: Iterable[Article | CommuniqueError], *, batch_size: int = 16, check_language: bool = True
) -> Iterator[Extraction | CommuniqueError]:
    """Code every article, in input order; errors (from reading or from coding) pass through in place."""
    nlp = load_nlp()
    gazetteer = load_gazetteer()
    lexicon = load_lexicon()
    ready: list[Article | CommuniqueError] = []
    for item in items:
        if isinstance(item, Article) and check_language and item.language == "en":
            try:
                check_english(item.text, item.path or item.id)
            except InputError as exc:
                item = exc
        elif isinstance(item, Article) and item.language != "en":
            item = InputError("E009", source=item.path or item.id, language=item.language)
        ready.append(item)
        if len(ready) >= batch_size:
            yield from _code_batch(ready, nlp, gazetteer, lexicon)
            ready = []
    yield from _code_batch(ready, nlp, gazetteer, lexicon)


def _code_batch(batch, nlp, gazetteer: Gazetteer, lexicon: Lexicon) -> Iterator[Extraction | CommuniqueError]:  # type: ignore[no-untyped-def]
    articles = [item for item in batch if isinstance(item, Article)]
    docs = iter(nlp.pipe(a.text for a in articles))
    for item in batch:
        if isinstance(item, CommuniqueError):
            yield item
            continue
        yield code_document(item, next(docs), gazetteer, lexicon)


def code_document(article: Article, doc: Doc, gazetteer: Gazetteer, lexicon: Lexicon) -> Extraction:
    """Everything communique reads from one parsed article."""
    table = resolve_actors(doc, gazetteer, date=article.date)
    quotes, speakers = find_quotes(doc, table)
    events = code_events(doc, table, lexicon, gazetteer, date=article.date, speakers=speakers)
    figures = find_figures(doc, table, date=article.date, claimant=lambda t: claimant_of(t, table, speakers))
    return Extraction(
        id=article.id,
        path=article.path,
        title=article.title,
        date=article.date,
        url=article.url,
        outlet=article.outlet,
        language=article.language,
        text=article.text,
        coder=CODER,
        actors=table.actors,
        events=events,
        quotes=quotes,
        figures=figures,
    )


def extract_one(article: Article) -> Extraction:
    """Code a single article (raises its error instead of yielding it)."""
    result = next(extract([article]))
    if isinstance(result, CommuniqueError):
        raise result
    return result
