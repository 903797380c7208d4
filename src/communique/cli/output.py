"""Rows to the terminal: a rich table for people, CSV or JSON lines for programs."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "csv", "jsonl")


def write_rows(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    *,
    title: str | None = None,
    wide: Sequence[str] = (),
    columns: Sequence[str] = (),
    header: Sequence[str] = (),
) -> None:
    """Print rows in `fmt`; a table shows those of `columns` the rows have (all when none) and wraps the `wide` ones.

    `header` names the columns of CSV output, so that an empty answer still has its header line.
    """
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    rows = [{name: _flat(value) for name, value in row.items()} for row in rows]
    if fmt == "csv":
        fieldnames = list(rows[0]) if rows else list(header)
        if fieldnames:
            writer = csv.DictWriter(sys.stdout, fieldnames=fieldnames)
            writer.writeheader()
            writer.writerows(rows)
        return
    console = Console(width=max(Console().width, 160) if not sys.stdout.isatty() else None)
    if not rows:
        console.print(f"[dim]no {title or 'rows'} match[/dim]")
        return
    shown = [name for name in columns if name in rows[0]]
    if shown:
        rows = [{name: row[name] for name in shown} for row in rows]
    table = Table(title=title, show_lines=False, header_style="bold")
    for name in rows[0]:
        table.add_column(name, overflow="fold", ratio=3 if name in wide else None, no_wrap=name not in wide)
    for row in rows:  # by the header's names: rows may hold their keys in another order
        table.add_row(*("" if row.get(name) is None else str(row[name]) for name in rows[0]))
    console.print(table)


def _flat(value: Any) -> Any:
    """A nested value (counts by type, example events) as JSON text, for a cell."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value
