"""Fetching pages and feeds over HTTP without becoming a tool against the network we run in.

Every request, and every redirect it follows, goes only to http(s) on a public address: the host
is resolved first and refused when any address it resolves to is private, loopback, link-local
(169.254.169.254 is a cloud's metadata service), multicast or reserved, unless the policy trusts it
(`--allow-private`). Bodies are read as a stream and cut at the size cap; a slow server meets a
deadline for the whole response, not only between bytes. robots.txt is asked once per site and
honoured for our user agent.

The address check happens before the connection, so a host whose DNS answer changes between the
check and the connection could still reach a private address; run behind an egress firewall
where that matters.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from typing import Self
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__
from ..errors import InputError
from .decode import MAX_BYTES

USER_AGENT = f"communique/{__version__} (news event coder; honours robots.txt)"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
EVERY_ADDRESS: tuple[Network, ...] = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml"}
)
TEXT_TYPES = frozenset({"text/plain"})


@dataclass(frozen=True)
class FetchPolicy:
    """How far a fetch may go: time, size, redirects, which addresses, and whether robots.txt is asked.

    trusted: networks allowed even though they are not public (the CLI's --allow-private trusts all).
    """

    timeout: float = 20.0
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5
    trusted: tuple[Network, ...] = ()
    robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Page:
    """A fetched body with where it came from: `url` after redirects, the media type without parameters."""

    requested: str
    url: str
    media_type: str
    charset: str | None
    data: bytes

    @property
    def kind(self) -> str | None:
        """'html', 'feed' or 'text': which reader takes this body; None for what is no article (images, PDF)."""
        if self.media_type in HTML_TYPES:
            return "html"
        if self.media_type in FEED_TYPES or self.media_type.endswith("+xml"):
            return "feed"
        return "text" if self.media_type in TEXT_TYPES else None


@dataclass
class Fetcher:
    """One HTTP client for a run: keeps connections and each site's robots.txt between requests."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        timeout = httpx.Timeout(self.policy.timeout)
        headers = {"User-Agent": self.policy.user_agent, "Accept": "text/html, application/xhtml+xml, */*;q=0.5"}
        self._client = httpx.Client(follow_redirects=False, timeout=timeout, headers=headers, trust_env=False)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> Page:
        """The page at `url`, through at most `max_redirects` checked redirects; InputError says why not."""
        requested = urldefrag(url).url
        if self.policy.robots and not self._allowed(requested):
            raise InputError("E029", source=requested)
        page = self._follow(requested)
        if page.kind is None:
            raise InputError("E030", source=requested, media_type=page.media_type or "none given")
        return page

    def _follow(self, url: str) -> Page:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            self._check_address(current, url)
            answer = self._request(current, url)
            if isinstance(answer, str):
                current = answer
                continue
            return Page(url, current, *answer)
        raise InputError("E027", source=url, limit=self.policy.max_redirects)

    def _request(self, current: str, origin: str) -> str | tuple[str, str | None, bytes]:
        """A redirect's next URL, or the body's media type, charset and bytes."""
        deadline = time.monotonic() + self.policy.timeout
        try:
            with self._client.stream("GET", current) as response:
                if response.is_redirect:
                    location: str = response.headers.get("location", "")
                    return urldefrag(urljoin(current, location)).url
                if response.status_code >= 400:
                    raise InputError("E028", source=origin, status=response.status_code, reason=response.reason_phrase)
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
                    raise InputError("E008", source=origin, size=int(declared), limit=self.policy.max_bytes)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.policy.max_bytes:
                        raise InputError("E008", source=origin, size=f"over {len(body)}", limit=self.policy.max_bytes)
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("the whole response took too long")
                media_type, _, parameters = response.headers.get("content-type", "").partition(";")
                return media_type.strip().lower(), charset(parameters), bytes(body)
        except httpx.TimeoutException as error:
            raise InputError(
                "E026", source=origin, detail=f"no complete answer within {self.policy.timeout:g} s"
            ) from error
        except httpx.HTTPError as error:
            raise InputError("E026", source=origin, detail=f"{type(error).__name__}: {error}") from error

    def _check_address(self, url: str, origin: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError("E025", source=origin, url=url, reason="only http and https URLs with a host are fetched")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            answers = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
        except (OSError, ValueError) as error:
            raise InputError("E026", source=origin, detail=f"cannot resolve {parts.hostname!r}: {error}") from error
        for *_, address in answers:
            ip = ipaddress.ip_address(address[0])
            if not public(ip) and not any(ip in network for network in self.policy.trusted):
                reason = f"{parts.hostname} resolves to {ip}, a non-public address (pass --allow-private to fetch it)"
                raise InputError("E025", source=origin, url=url, reason=reason)

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = self._read_robots(site)
        rules = self._robots[site]
        return rules is None or rules.can_fetch(self.policy.user_agent, url)

    def _read_robots(self, site: str) -> RobotFileParser | None:
        """The site's rules; None (everything allowed) when it has no readable robots.txt."""
        try:
            page = self._follow(f"{site}/robots.txt")
        except InputError:
            return None
        rules = RobotFileParser()
        rules.parse(page.data.decode(page.charset or "utf-8", errors="replace").splitlines())
        return rules


def public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is on the public internet (an IPv4-mapped IPv6 address is judged as IPv4)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


def charset(parameters: str) -> str | None:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None
