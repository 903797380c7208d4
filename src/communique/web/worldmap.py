"""Country shapes for the dashboard's map, from the world map that the `pygal_maps_world` package installs.

Its SVG (2475 x 1388, one `<g class="fr country ...">` per ISO 3166 alpha-2 code) is read once;
each country keeps its paths and a point to draw its relations from: the centre of its largest
outline (so France's arrows start in France, not between it and French Guiana).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from xml.etree import ElementTree

WIDTH, HEIGHT = 2475, 1388
_SVG = "{http://www.w3.org/2000/svg}"
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGUMENTS = {"m": 2, "l": 2, "t": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "a": 7, "z": 0}


@dataclass(frozen=True)
class Shape:
    iso3: str
    paths: tuple[str, ...]
    x: float
    y: float


def _outlines(path: str) -> list[list[tuple[float, float]]]:
    """The points each subpath of an SVG path passes through (segment ends; enough for a bounding box)."""
    tokens = _TOKEN.findall(path)
    outlines: list[list[tuple[float, float]]] = []
    x = y = start_x = start_y = 0.0
    command, position = "m", 0
    while position < len(tokens):
        if tokens[position].isalpha():
            command = tokens[position]
            position += 1
            if command in "zZ":
                x, y = start_x, start_y
                continue
        count = _ARGUMENTS[command.lower()]
        values = [float(v) for v in tokens[position : position + count]]
        position += count
        relative = command.islower()
        if command in "hH":
            x = x + values[0] if relative else values[0]
        elif command in "vV":
            y = y + values[0] if relative else values[0]
        else:
            x, y = (x + values[-2], y + values[-1]) if relative else (values[-2], values[-1])
        if command in "mM":
            outlines.append([])
            start_x, start_y = x, y
            command = "l" if relative else "L"  # further pairs after a move are lines
        if outlines:
            outlines[-1].append((x, y))
    return [outline for outline in outlines if outline]


def _centre(paths: list[str]) -> tuple[float, float]:
    boxes = []
    for path in paths:
        for points in _outlines(path):
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            boxes.append(((max(xs) - min(xs)) * (max(ys) - min(ys)), (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2))
    _, x, y = max(boxes)
    return round(x, 1), round(y, 1)


@lru_cache(maxsize=1)
def alpha3() -> dict[str, str]:
    """ISO 3166 alpha-2 -> alpha-3, from the packaged table."""
    text = resources.files("communique").joinpath("data", "alpha2.tsv").read_text("utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line)


@lru_cache(maxsize=1)
def shapes() -> dict[str, Shape]:
    """Every country the map draws, by ISO3 code."""
    svg = resources.files("pygal_maps_world").joinpath("worldmap.svg").read_text("utf-8")
    codes = alpha3()
    found = {}
    for group in ElementTree.fromstring(svg).iter(f"{_SVG}g"):
        classes = (group.get("class") or "").split()
        if "country" not in classes or classes[0].upper() not in codes:
            continue
        paths = [path.get("d", "") for path in group.iter(f"{_SVG}path")]
        iso3 = codes[classes[0].upper()]
        found[iso3] = Shape(iso3, tuple(paths), *_centre(paths))
    return found
