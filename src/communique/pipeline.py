"""Article -> Extraction: parse in batches, run communique's stages, read the record off each Doc.

`extract` keeps input order and never lets one article stop the others: an article refused before
parsing (language, length), one the parser chokes on, and one a stage fails on each yield a coded
error in place, and the batch goes on. Long articles are parsed in paragraph chunks that are joined
back into one Doc, so cost grows linearly with length.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .components import STAGES
from .errors import CommuniqueError, InputError, InternalError, LanguageError
from .events.repeats import merge_repeats, title_events
from .model import Article, Coder, Extraction
from .nlp import load
from .readers.language import check_english, language_name
from .settings import Config

Item = Article | CommuniqueError


def extract(
    items: Iterable[Item],
    *,
    config: str | Path | Config | None = None,
    nlp: Language | None = None,
    language: str | None = None,
) -> Iterator[Extraction | CommuniqueError]:
    """Code every article, in input order; errors (from reading or from coding) pass through in place.

    items (Iterable[Article | CommuniqueError]): what a reader yields.
    config: the pipeline configuration (see `communique.settings.read_config`); ignored when `nlp` is given.
    language (str | None): the language of every article, overriding detection (e.g. "en").
    RETURNS (Iterator[Extraction | CommuniqueError]): one result per item.
    """
    nlp = nlp or load(config)
    settings = nlp.meta["communique"]["pipeline"]
    coder = coder_stamp(nlp)
    admitted = (_admit(item, language=language, max_chars=settings["max_chars"]) for item in items)
    for batch in batches(admitted, settings):
        yield from _code_batch(nlp, batch, coder)


def batches(items: Iterable[Item], settings: Mapping[str, Any]) -> Iterator[list[Item]]:
    """Items in batches of `batch_size` articles, a batch closing early at `batch_chars` characters of text:
    memory grows with the text parsed together (PolNeAR's 5,000-character stories peaked at 801 MiB in
    batches of 16, 578 MiB in batches of 4), while short wire stories still go 16 at a time."""
    batch: list[Item] = []
    chars = 0
    for item in items:
        batch.append(item)
        chars += len(item.text) if isinstance(item, Article) else 0
        if len(batch) >= settings["batch_size"] or chars >= settings["batch_chars"]:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def extract_one(
    article: Article,
    *,
    config: str | Path | Config | None = None,
    nlp: Language | None = None,
    language: str | None = None,
) -> Extraction:
    """Code a single article (raises its error instead of yielding it); options as for `extract`."""
    result = next(extract([article], config=config, nlp=nlp, language=language))
    if isinstance(result, CommuniqueError):
        raise result
    return result


def coder_stamp(nlp: Language) -> Coder:
    """Provenance for every record this pipeline makes: package, spaCy model, dictionary hashes."""
    resources: dict[str, str] = {}
    for _, component in nlp.pipeline:
        resources.update(getattr(component, "resources", {}))
    meta = nlp.meta
    return Coder(
        name="communique",
        version=__version__,
        model=f"{meta['lang']}_{meta['name']}=={meta['version']}",
        resources=dict(sorted(resources.items())),
    )


def _admit(item: Item, *, language: str | None, max_chars: int) -> Item:
    """The article as it will be coded (its language settled), or the error that refuses it."""
    if not isinstance(item, Article):
        return item
    source = item.path or item.id
    if len(item.text) > max_chars:
        return InputError("E017", source=source, length=len(item.text), limit=max_chars)
    given = language or item.language
    if given is None:
        try:
            check_english(item.text, source)
        except LanguageError as error:
            return error
        given = "en"
    if given != "en":
        return LanguageError("E009", source=source, language=language_name(given))
    return item.model_copy(update={"language": given})


def _code_batch(nlp: Language, batch: list[Item], coder: Coder) -> Iterator[Extraction | CommuniqueError]:
    articles = [item for item in batch if isinstance(item, Article)]
    parsed: list[Parsed | CommuniqueError]
    try:
        parsed = list(parse(nlp, articles))
    except Exception:  # noqa: BLE001 -- the parser failed somewhere in the batch: find the article alone
        parsed = [_parse_alone(nlp, article) for article in articles]
    coded = iter(parsed)
    for item in batch:
        if not isinstance(item, Article):
            yield item
            continue
        docs = next(coded)
        yield docs if isinstance(docs, CommuniqueError) else _record(item, *docs, coder)


Parsed = tuple[Doc, Doc | None]  # an article's text and its title, parsed and coded
HEADLINE_STAGES = [name for name in STAGES if name != "communique_figures"]  # a headline gives events only


def _parse_alone(nlp: Language, article: Article) -> Parsed | CommuniqueError:
    try:
        return parse(nlp, [article])[0]
    except Exception as error:  # noqa: BLE001
        return stage_failure(article, "parse", error)


def parse(nlp: Language, articles: list[Article]) -> list[Parsed]:
    """Parse articles (long ones in paragraph chunks, joined back) and their headlines in one pass of the
    spaCy model, then code each text and each headline with communique's stages.

    Two passes of one pipeline, because a long article is parsed in pieces but coded whole: its stages need
    the whole Doc (a pronoun's antecedent, a repeated event may lie in another chunk).
    """
    settings = nlp.meta["communique"]["pipeline"]
    pieces = [
        (n, chunk) for n, article in enumerate(articles) for chunk in chunks(article.text, settings["chunk_chars"])
    ]
    titled = [n for n, article in enumerate(articles) if article.title]
    with nlp.select_pipes(disable=list(STAGES)):
        texts = [chunk for _, chunk in pieces] + [articles[n].title or "" for n in titled]
        parsed = iter(list(nlp.pipe(texts, batch_size=settings["batch_size"])))
    parts: list[list[Doc]] = [[] for _ in articles]
    for n, _ in pieces:
        parts[n].append(next(parsed))
    docs = _coded(nlp, [_joined(part) for part in parts], articles, STAGES)
    headlines = _coded(nlp, list(parsed), [articles[n] for n in titled], HEADLINE_STAGES)
    titles = dict(zip(titled, headlines, strict=True))
    return [(doc, titles.get(n)) for n, doc in enumerate(docs)]


def _joined(parts: list[Doc]) -> Doc:
    """One Doc from consecutive pieces of an article (the parser's tensors dropped: no stage reads them)."""
    if len(parts) == 1:
        return parts[0]
    for part in parts:
        part.tensor = numpy.zeros((len(part), 0), dtype="float32")
    return Doc.from_docs(parts, ensure_whitespace=False)


def _coded(nlp: Language, docs: list[Doc], articles: list[Article], stages: Sequence[str]) -> list[Doc]:
    """Parsed Docs through `stages`, in pipeline order, by `nlp.pipe` (given a Doc, spaCy runs the enabled
    components on it): the path `nlp(text)` takes, less the model's components already run."""
    for doc, article in zip(docs, articles, strict=True):
        doc._.article_date = article.date
    with nlp.select_pipes(enable=list(stages)):
        return list(nlp.pipe(docs, batch_size=nlp.meta["communique"]["pipeline"]["batch_size"]))


def chunks(text: str, size: int) -> list[str]:
    """`text` cut into pieces of at most `size` characters: at a line break, else after a sentence, else at a space.

    The pieces join back to exactly `text`, so offsets into the joined Doc are offsets into the article.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = (start + size // 2, start + size)
        cut = text.rfind("\n", *window)
        if cut < 0:
            sentence_end = text.rfind(". ", *window)
            cut = sentence_end + 1 if sentence_end >= 0 else text.rfind(" ", *window)
        end = cut + 1 if cut >= 0 else start + size
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _record(article: Article, doc: Doc, title: Doc | None, coder: Coder) -> Extraction | CommuniqueError:
    for part in (doc, title):
        if part is not None and part._.failure is not None:
            stage, error = part._.failure
            return stage_failure(article, stage if part is doc else f"{stage} (headline)", error)
    headline = title_events(title._.events, title._.actor_table, doc._.actor_table) if title is not None else []
    return Extraction(
        id=article.id,
        path=article.path,
        title=article.title,
        date=article.date,
        url=article.url,
        outlet=article.outlet,
        language=article.language or "en",
        text=article.text,
        coder=coder,
        actors=doc._.actor_table.actors,
        events=merge_repeats(headline + doc._.events),
        quotes=doc._.quotes,
        figures=doc._.figures,
    )


def stage_failure(article: Article, stage: str, error: BaseException) -> CommuniqueError:
    """What a stage's failure on one article is: E018 where the stage refused the article's content (it
    raised one of our errors), else an internal error (E034): our bug, with its traceback for --debug."""
    source = article.path or article.id
    if isinstance(error, CommuniqueError):
        return InputError("E018", source=source, stage=stage, detail=_brief(error))
    trace = "".join(traceback.format_exception(error))
    return InternalError("E034", source=source, stage=stage, detail=_brief(error), traceback=trace)


def _brief(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:300]
