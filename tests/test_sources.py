"""Sources beyond plain files: URLs, feeds, URL lists, WARC, gzip and JSON, against a real HTTP server on 127.0.0.1.

The server answers from a table of routes and records every request, so the tests see what was
fetched (and what was not: robots.txt, known URLs). Its address is loopback, which the fetcher
refuses by default; the tests trust 127.0.0.1 alone, so a redirect elsewhere is still checked.
"""

from __future__ import annotations

import gzip
import ipaddress
import json
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from communique import Article, InputError
from communique.readers import Archive, FetchPolicy, Reader
from communique.readers.fetch import Fetcher, public
from communique.readers.text import unwrap
from conftest import CLI

LOOPBACK = (ipaddress.ip_network("127.0.0.1/32"),)
STORY = (
    "<html><head><title>{title}</title><meta property='og:site_name' content='Sahel Wire'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>"
    "<p>Mali's military government expelled the French ambassador on Monday, accusing Paris of interfering "
    "in its internal affairs.</p><p>{line} The foreign ministry said the envoy had 72 hours to leave the "
    "country, and that relations with Russia would deepen.</p></article><footer>Copyright 2025</footer>"
    "</body></html>"
)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between bytes of the body
    length: bool = True  # send Content-Length (else the body runs until the connection closes)


@dataclass
class Site:
    """A local web server: `routes` by path, `hits` the paths asked for, in order, `agents` their User-Agents."""

    base: str
    routes: dict[str, Route]
    hits: list[str]
    agents: list[str]

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def site() -> Iterator[Site]:
    routes: dict[str, Route] = {}
    hits: list[str] = []
    agents: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 -- the name http.server calls
            hits.append(self.path)
            agents.append(self.headers.get("User-Agent", ""))
            route = routes.get(self.path, Route(b"not found", 404, {"Content-Type": "text/plain"}))
            time.sleep(route.delay)
            try:
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.length and not route.drip:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if route.drip:
                    for byte in route.body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(route.drip)
                else:
                    self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(f"http://127.0.0.1:{server.server_address[1]}", routes, hits, agents)
    server.shutdown()
    server.server_close()


def _story(title: str, line: str = "") -> Route:
    return Route(STORY.format(title=title, line=line).encode())


def _reader(**options: object) -> Reader:
    policy = FetchPolicy(
        trusted=LOOPBACK, timeout=options.pop("timeout", 5.0), max_bytes=options.pop("max_bytes", 100_000)
    )  # type: ignore[arg-type]
    return Reader(policy=policy, **options)  # type: ignore[arg-type]


def _codes(items: list[Article | InputError]) -> list[str]:
    return [item.code if isinstance(item, InputError) else "article" for item in items]


def test_sources_url_article_has_the_page_metadata(site: Site) -> None:
    site.routes["/mali"] = _story("Mali expels French envoy")
    [article] = list(_reader().read([site.url("/mali")]))
    assert isinstance(article, Article)
    assert article.id == article.url == site.url("/mali")
    assert article.title == "Mali expels French envoy" and article.outlet == "Sahel Wire"
    assert "expelled the French ambassador" in article.text and "Copyright" not in article.text


def test_sources_loopback_is_refused_unless_trusted(site: Site) -> None:
    site.routes["/mali"] = _story("Mali")
    [error] = list(Reader().read([site.url("/mali")]))
    assert isinstance(error, InputError) and error.code == "E025"
    assert "non-public address" in str(error) and "--allow-private" in str(error)
    assert site.hits == []  # refused before any connection


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "http://[::1]/"])
def test_sources_redirect_to_a_private_address_is_refused(site: Site, target: str) -> None:
    site.routes["/go"] = Route(status=302, headers={"Location": target})
    [error] = list(_reader().read([site.url("/go")]))
    assert isinstance(error, InputError) and error.code == "E025" and target.split("/")[2].strip("[]") in str(error)


def test_sources_redirects_are_followed_up_to_five(site: Site) -> None:
    site.routes["/story"] = _story("Final")
    for n in range(1, 7):
        site.routes[f"/r{n}"] = Route(status=301, headers={"Location": f"/r{n + 1}" if n < 6 else "/story"})
    [article] = list(_reader().read([site.url("/r2")]))  # five redirects: r2 .. r6 -> story
    assert isinstance(article, Article) and article.url == site.url("/story") and article.id == site.url("/r2")
    [error] = list(_reader().read([site.url("/r1")]))  # six
    assert isinstance(error, InputError) and error.code == "E027"


def test_sources_scheme_other_than_http_is_refused(tmp_path: Path) -> None:
    (tmp_path / "list.urls").write_text("file:///etc/passwd\n# a comment\n\nftp://example.org/a\n")
    items = list(_reader().read([str(tmp_path / "list.urls")]))
    assert _codes(items) == ["E025", "E025"]


@pytest.mark.parametrize("declared", [True, False])
def test_sources_oversized_body_is_cut_off(site: Site, declared: bool) -> None:
    body = b"<html><body><p>" + b"word " * 50_000 + b"</p></body></html>"
    site.routes["/big"] = Route(body, length=declared)  # without a length, the cap applies while reading
    [error] = list(_reader(max_bytes=50_000).read([site.url("/big")]))
    assert isinstance(error, InputError) and error.code == "E008" and "50000-byte limit" in str(error)


@pytest.mark.parametrize("route", [Route(b"late", delay=3.0), Route(b"<html>" + b" " * 60, drip=0.05)])
def test_sources_slow_server_meets_a_deadline(site: Site, route: Route) -> None:
    site.routes["/slow"] = route
    started = time.monotonic()
    [error] = list(_reader(timeout=0.5).read([site.url("/slow")]))
    assert isinstance(error, InputError) and error.code == "E026" and "0.5 s" in str(error)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("media_type", ["image/png", "application/pdf", "application/octet-stream"])
def test_sources_content_that_is_no_article_is_refused(site: Site, media_type: str) -> None:
    site.routes["/file"] = Route(b"\x89PNG\r\n", headers={"Content-Type": media_type})
    [error] = list(_reader().read([site.url("/file")]))
    assert isinstance(error, InputError) and error.code == "E030" and media_type in str(error)


def test_sources_http_errors_and_dead_hosts_say_so(site: Site) -> None:
    [missing] = list(_reader().read([site.url("/nowhere")]))
    assert isinstance(missing, InputError) and missing.code == "E028" and "404" in str(missing)
    [dead] = list(_reader().read(["http://no-such-host.invalid/story"]))
    assert isinstance(dead, InputError) and dead.code == "E026" and "cannot resolve" in str(dead)


def test_sources_robots_txt_is_honoured_once_per_site(site: Site) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    site.routes["/private/a"] = _story("Private")
    site.routes["/public/a"] = _story("Public")
    site.routes["/public/b"] = _story("Public too")
    items = list(_reader().read([site.url("/private/a"), site.url("/public/a"), site.url("/public/b")]))
    assert _codes(items) == ["E029", "article", "article"]
    assert site.hits == ["/robots.txt", "/public/a", "/public/b"]


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Wire: World</title>
<item><title>Envoy expelled</title><link>{base}/a</link><pubDate>Tue, 10 Jun 2025 08:00:00 GMT</pubDate></item>
<item><title>Second story</title><link>/b</link><pubDate>Wed, 11 Jun 2025 08:00:00 GMT</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Atom story</title><link href="{base}/a"/><updated>2025-06-12T09:00:00Z</updated></entry></feed>"""


def test_sources_feed_url_reads_each_entry_and_skips_known_ones(site: Site) -> None:
    site.routes["/feed"] = Route(RSS.format(base=site.base).encode(), headers={"Content-Type": "application/rss+xml"})
    site.routes["/a"] = _story("Envoy expelled")
    site.routes["/b"] = Route(
        b"<html><body><p>" + b"Niger and Burkina Faso left the regional bloc. " * 3 + b"</p></body></html>"
    )
    articles = list(_reader().read([site.url("/feed")]))
    assert [a.id for a in articles if isinstance(a, Article)] == [site.url("/a"), site.url("/b")]
    second = articles[1]
    assert isinstance(second, Article) and second.date == "2025-06-11" and second.title == "Second story"
    stored = {a.id for a in articles if isinstance(a, Article)}
    site.hits.clear()
    again = list(_reader(known=lambda url: url in stored).read([site.url("/feed")]))
    assert again == [] and site.hits == ["/robots.txt", "/feed"]


def test_sources_feed_files_rss_and_atom(site: Site, tmp_path: Path) -> None:
    site.routes["/a"] = _story("From a file feed")
    (tmp_path / "world.atom").write_text(ATOM.format(base=site.base))
    [article] = list(_reader().read([str(tmp_path / "world.atom")]))
    assert isinstance(article, Article) and article.id == site.url("/a") and article.date == "2025-06-12"
    (tmp_path / "broken.rss").write_text("<html><body>no feed here</body></html>")
    [error] = list(_reader().read([str(tmp_path / "broken.rss")]))
    assert isinstance(error, InputError) and error.code == "E031"


def test_sources_archive_is_a_warc_that_reads_back_the_same(site: Site, tmp_path: Path) -> None:
    site.routes["/feed"] = Route(RSS.format(base=site.base).encode(), headers={"Content-Type": "application/rss+xml"})
    site.routes["/a"] = _story("Envoy expelled")
    site.routes["/b"] = _story("Second story", "Later, Niger joined the call.")
    reader = _reader()
    with Archive(tmp_path / "crawl") as reader.archive:
        fetched = list(reader.read([site.url("/feed")]))
    [warc] = list((tmp_path / "crawl").glob("*.warc.gz"))
    site.hits.clear()
    replayed = list(Reader().read([str(warc)]))
    assert site.hits == []  # offline
    assert [(a.id, a.text, a.title) for a in replayed] == [(a.id, a.text, a.title) for a in fetched]  # type: ignore[union-attr]


def test_sources_bad_warc_is_a_coded_error(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc").write_bytes(b"not a warc file at all\n" * 10)
    [error] = list(Reader().read([str(tmp_path / "crawl.warc")]))
    assert isinstance(error, InputError) and error.code == "E032"


def test_sources_gzip_and_json_files(tmp_path: Path) -> None:
    lines = [{"id": "a", "text": "Mali expelled the French ambassador."}, {"id": "b", "text": "Niger left ECOWAS."}]
    (tmp_path / "news.jsonl.gz").write_bytes(gzip.compress("\n".join(json.dumps(x) for x in lines).encode()))
    (tmp_path / "news.json").write_text(json.dumps(lines + [{"id": "c"}]))
    (tmp_path / "one.json").write_text(json.dumps(lines[0] | {"id": "d"}))
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(b"Headline\n\nMali expelled the envoy."))
    items = list(Reader().read([str(tmp_path)]))
    got = [(i.id, i.text[:4]) if isinstance(i, Article) else i.code for i in items]
    assert got == [("a", "Mali"), ("b", "Nige"), "E005", ("a", "Mali"), ("b", "Nige"), ("d", "Mali"), ("story", "Mali")]
    assert "item 3" in str(items[2])
    (tmp_path / "bad.jsonl.gz").write_bytes(b"not gzip")
    [error] = list(Reader().read([str(tmp_path / "bad.jsonl.gz")]))
    assert isinstance(error, InputError) and error.code == "E032"


def test_sources_public_addresses() -> None:
    assert public(ipaddress.ip_address("8.8.8.8")) and public(ipaddress.ip_address("2001:4860:4860::8888"))
    for private in (
        "127.0.0.1",
        "10.0.0.1",
        "192.168.1.1",
        "172.16.0.1",
        "169.254.169.254",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
        "100.64.0.1",
    ):
        assert not public(ipaddress.ip_address(private)), private


def test_sources_plain_text_page_with_a_polite_user_agent(site: Site) -> None:
    text = b"Mali expelled the French ambassador on Monday, the foreign ministry said in a statement."
    site.routes["/ua"] = Route(text, headers={"Content-Type": "text/plain; charset=utf-8"})
    with Fetcher(FetchPolicy(trusted=LOOPBACK, robots=False)) as fetcher:
        page = fetcher.get(site.url("/ua"))
    assert page.kind == "text" and page.charset == "utf-8" and page.data == text
    assert site.agents[-1].startswith("communique/") and "robots.txt" in site.agents[-1]
    [article] = list(_reader().read([site.url("/ua")]))
    assert isinstance(article, Article) and article.text == text.decode()


def test_sources_unwrap_joins_hard_wrapped_lines_only() -> None:
    wrapped = (
        "Showers continued throughout the week in the Bahia cocoa\n"
        "zone, alleviating the drought since early January and\n"
        "improving prospects for the coming harvest, the trade\n"
        "minister Joao Silva said in a statement on Thursday.\n"
        "    The dry period means the harvest will be late this\n"
        "year, exporters said, citing stocks of 6.4 mln bags.\n"
    )
    joined = unwrap(wrapped)
    assert len(joined) == len(wrapped)
    assert "cocoa zone" in joined and "trade minister Joao Silva" in joined
    assert "Thursday.\n    The dry" in joined  # a paragraph break stays
    paragraphs = (
        "Mali expelled the envoy.\nThe ministry said so on Monday in a long statement read on television.\n"
        "Niger agreed.\nBurkina Faso did too, officials said.\n"
    )
    assert unwrap(paragraphs) == paragraphs


def test_sources_cli_ingests_a_feed_once(site: Site, tmp_path: Path) -> None:
    site.routes["/feed"] = Route(RSS.format(base=site.base).encode(), headers={"Content-Type": "application/rss+xml"})
    site.routes["/a"] = _story("Envoy expelled")
    site.routes["/b"] = _story("Second story", "Later, Niger joined the call.")
    db = str(tmp_path / "news.db")
    command = [str(CLI), "ingest", site.url("/feed"), "--db", db]
    refused = subprocess.run(command, capture_output=True, text=True)
    assert refused.returncode == 1 and "E025" in refused.stderr
    first = subprocess.run([*command, "--allow-private"], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "2 new, 0 updated, 0 copies, 0 already stored, 0 failed" in first.stdout
    site.hits.clear()
    again = subprocess.run([*command, "--allow-private"], capture_output=True, text=True)
    assert "0 new, 0 updated, 0 copies, 2 already stored, 0 failed" in again.stdout
    assert site.hits == ["/robots.txt", "/feed"]
