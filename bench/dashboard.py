#!/usr/bin/env python3
"""The dashboard and the API over millions of events: each route's latency alone, then 20 clients at once.

Fills a store as bench/relations.py does (default 5,000,000 events over 2,000 country pairs; `--keep`
reuses a store an earlier run filled), starts `communique serve` on 127.0.0.1, then
1. times each route on its own: the overview cold (the first request after a write computes it) and
   warm, its map data, a pair's page, a page of the largest pair's events and one deep behind it
   through the keyset cursor, and the API's equivalents (median of --repeat requests);
2. sends --requests requests (default 2,000) from --clients threads (default 20) in a mix of those
   routes, and reports requests per second and the 50th, 95th and 99th percentile per route.
Everything stays on the loopback interface, and the load is bounded in count and in time (--seconds).

    python bench/dashboard.py [--events 5000000] [--db /tmp/dashboard-bench.db] [--keep] [--clients 20]
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path

import httpx

from communique import relations
from communique.store.queries import Filters
from communique.store.sql import Store

BIN = Path(sys.executable).parent


@contextmanager
def serving(db: str) -> Iterator[str]:
    """`communique serve` over `db` on a free loopback port; its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(BIN / "communique"), "serve", "--db", db, "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(base + "/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def fill(db: str, events: int, keep: bool) -> tuple[str, str]:
    """The store (filled unless `keep` finds one) and its largest pair."""
    from relations import generate  # bench/relations.py, beside this file

    if not (keep and Path(db).exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
        started = time.perf_counter()
        generate(Store(db), events)
        print(f"{events:,} events generated in {time.perf_counter() - started:.0f} s")
    store = Store(db)
    top = relations.pairs(store, Filters(limit=1)).rows[0]
    store.engine.dispose()
    return top["source"], top["target"]


def routes(client: httpx.Client, one: str, two: str) -> dict[str, str]:
    """The routes measured, the deep pages found by following each list's own next links."""
    pair = f"/events?dyad={one}-{two}&modality=asserted"
    deep = pair
    for _ in range(20):  # 20 pages in: 2,000 events behind the first
        deep = unescape(re.search(r'class="next" href="([^"]+)"', client.get(deep).text).group(1))  # type: ignore[union-attr]
    api = f"/api/events?dyad={one}-{two}&limit=100"
    api_deep = api
    for _ in range(20):
        api_deep = f"/api/events?dyad={one}-{two}&limit=100&cursor={client.get(api_deep).json()['next']}"
    return {
        "overview": "/",
        "overview map data": "/overview.json",
        "pair page": f"/dyads/{one}/{two}",
        "pair's events, page 1": pair,
        "pair's events, page 21": deep,
        "API pair events, page 1": api,
        "API pair events, page 21": api_deep,
        "API relations": "/api/relations?limit=100",
        "API timeline": f"/api/relations/{one}/{two}/timeline",
    }


def alone(client: httpx.Client, path: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        answer = client.get(path)
        times.append(time.perf_counter() - started)
        answer.raise_for_status()
    return times


def load(base: str, paths: dict[str, str], *, clients: int, requests: int, seconds: float) -> None:
    """`requests` requests from `clients` threads, the routes in turn; per route p50/p95/p99 and errors."""
    names = list(paths)
    taken: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    counter = iter(range(requests))
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client_loop() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            while time.monotonic() < deadline:
                with lock:
                    number = next(counter, None)
                if number is None:
                    return
                name = names[number % len(names)]
                started = time.perf_counter()
                status = client.get(paths[name]).status_code
                spent = time.perf_counter() - started
                with lock:
                    taken[name].append(spent)
                    errors[name] += status >= 400

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    done = sum(len(times) for times in taken.values())
    print(f"\n{clients} clients, {done:,} requests in {elapsed:.1f} s: {done / elapsed:.0f} requests/s")
    print(f"{'route':<28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name in names:
        times = sorted(taken[name])
        if not times:
            continue
        cut = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
        print(
            f"{name:<28} {len(times):>5} {cut[49] * 1000:>8.0f} {cut[94] * 1000:>8.0f} {cut[98] * 1000:>8.0f} "
            f"{errors[name]:>7}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5_000_000)
    parser.add_argument("--db", default="/tmp/dashboard-bench.db")
    parser.add_argument("--keep", action="store_true", help="reuse the store an earlier run filled")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=300, help="stop the load after this long, whatever is left")
    options = parser.parse_args()
    one, two = fill(options.db, options.events, options.keep)
    with serving(options.db) as base, httpx.Client(base_url=base, timeout=120) as client:
        cold = alone(client, "/", 1)[0]
        paths = routes(client, one, two)
        print(f"largest pair {one}-{two}; the overview cold (computed after a write): {cold * 1000:.0f} ms")
        print(f"{'route, alone':<28} {'median ms':>10} {'worst ms':>9} {'KiB':>7}")
        for name, path in paths.items():
            times = alone(client, path, options.repeat)
            size = len(client.get(path).content) / 1024
            print(f"{name:<28} {statistics.median(times) * 1000:>10.0f} {max(times) * 1000:>9.0f} {size:>7.0f}")
        load(base, paths, clients=options.clients, requests=options.requests, seconds=options.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
