"""Discovery: from a versions URL to the target's 2.2.1 endpoint map.

It goes on when it can: a versions or details answer that is broken but readable is read, the
VER cases fail it with the exact reason, and the run tests what could be read, saying so
(`Discovery.lenient`, results.json `"discovery": "lenient"`). Read leniently:
- versions `data` that is an object holding the list (`{"versions": [...]}`) instead of the list;
- no 2.2.1 offered but 2.2 (2.2.1 is its errata release): its details are tested as 2.2.1;
- a version URL or endpoint URLs that are relative: resolved against the URL they came from.
Only a target that gives nothing usable (unreachable, no version list at all, no version of
the 2.2 family, no usable details) raises `DiscoveryError`, which the run reports with exit 3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlparse

from ocpi_conformance.spec.v2_2_1 import VERSION
from ocpi_conformance.transport.client import OcpiClient, Reply

# A version the harness tests as 2.2.1 when 2.2.1 itself is not offered: 2.2.1 corrects 2.2
# (version_history.asciidoc), the two share their modules, objects and transport.
FAMILY = ("2.2",)


class DiscoveryError(Exception):
    """The target cannot be tested; the message is one line for the user. `stage` says which
    request failed: the versions list ("versions"), the 2.2.1 details ("details"), or none
    answered at all ("unreachable": no case can judge it)."""

    def __init__(self, message: str, stage: str = "versions") -> None:
        super().__init__(message)
        self.stage = stage


@dataclass
class Discovery:
    versions_url: str
    versions: Reply
    version_url: str
    details: Reply
    endpoints: dict[tuple[str, str], str] = field(default_factory=dict)  # (module, role) -> url
    offered: list[dict[str, Any]] = field(default_factory=list)  # the Version entries read
    lenient: list[str] = field(default_factory=list)  # what was read although broken

    @property
    def mode(self) -> str:
        """results.json "discovery": "strict", or "lenient" when something was read leniently."""
        return "lenient" if self.lenient else "strict"

    def endpoint(self, module: str, role: str | None = None) -> str | None:
        """The URL of a module's endpoint; `role` None matches any (credentials)."""
        for (identifier, interface), url in self.endpoints.items():
            if identifier == module and (role is None or interface == role):
                return url
        return None


def is_absolute_url(url: object) -> bool:
    if not isinstance(url, str):
        return False
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _version_list(versions: Reply, versions_url: str, lenient: list[str]) -> list[dict]:
    """The Version entries of the versions answer: its data, or a list an object holds."""
    data = versions.data
    if isinstance(data, dict):
        lists = {k: v for k, v in data.items() if isinstance(v, list)}
        if len(lists) == 1:
            key, data = next(iter(lists.items()))
            lenient.append(
                f"the versions data is an object holding the list under {key!r}, not the list "
                "of Version itself: read from there"
            )
    if not isinstance(data, list):
        raise DiscoveryError(
            f"{versions_url} did not answer with an OCPI version list ({_what(versions)})"
        )
    return [v for v in data if isinstance(v, dict)]


def _chosen(offered: list[dict], lenient: list[str]) -> dict:
    chosen = next((v for v in offered if v.get("version") == VERSION), None)
    if chosen is not None:
        return chosen
    numbers = ", ".join(str(v.get("version")) for v in offered) or "none"
    relative = next((v for v in offered if v.get("version") in FAMILY), None)
    if relative is None:
        raise DiscoveryError(f"the target does not offer OCPI {VERSION} (it offers: {numbers})")
    lenient.append(
        f"the target offers {relative.get('version')}, not {VERSION} (it offers: {numbers}): "
        f"its {relative.get('version')} details are tested as {VERSION}, the release that "
        "corrects it"
    )
    return relative


def _absolute(url: object, base: str, what: str, lenient: list[str]) -> str | None:
    """`url` made absolute against `base` (noted as lenient), or None if it is no URL."""
    if is_absolute_url(url):
        return str(url)
    if not isinstance(url, str) or not url.strip():
        return None
    resolved = urljoin(base, url)
    if not is_absolute_url(resolved):
        return None
    lenient.append(f"{what} {url!r} is relative: resolved to {resolved}")
    return resolved


def discover(client: OcpiClient, versions_url: str) -> Discovery:
    lenient: list[str] = []
    versions = client.get(versions_url, module="versions")
    if not versions.ok:
        raise DiscoveryError(
            f"cannot reach the versions URL {versions_url}: {versions.error}", stage="unreachable"
        )
    if versions.status in (401, 403):
        raise DiscoveryError(
            f"{versions_url} refused our credentials token (HTTP {versions.status}): check "
            "--token-a / --token-c (a token A serves one registration: after a run registered "
            "with it, give that run's token C or a fresh token A)"
        )
    offered = _version_list(versions, versions_url, lenient)
    chosen = _chosen(offered, lenient)
    number = chosen.get("version")
    version_url = _absolute(chosen.get("url"), versions_url, f"the {number} url", lenient)
    if version_url is None:
        raise DiscoveryError(f"the {number} entry has no usable url: {chosen.get('url')!r}")
    details = client.get(version_url, module="versions")
    data = details.data if details.ok else None
    if not isinstance(data, dict) or not isinstance(data.get("endpoints"), list):
        raise DiscoveryError(
            f"the {number} details at {version_url} are not usable ({_what(details)})",
            stage="details",
        )
    endpoints: dict[tuple[str, str], str] = {}
    relative: list[str] = []
    for item in data["endpoints"]:
        if not isinstance(item, dict):
            continue
        url = _absolute(item.get("url"), version_url, "an endpoint url", relative)
        if url is not None:
            endpoints.setdefault((str(item.get("identifier")), str(item.get("role"))), url)
    if relative:
        lenient.append(f"{len(relative)} endpoint URL(s) of the details are relative: resolved "
                       f"against the details URL ({relative[0]})")  # fmt: skip
    return Discovery(versions_url, versions, version_url, details, endpoints, offered, lenient)


def _what(reply: Reply) -> str:
    if reply.error:
        return reply.error
    if reply.json_error:
        return f"HTTP {reply.status}, {reply.json_error}"
    data = reply.data
    if isinstance(data, dict):
        keys = ", ".join(sorted(str(k) for k in data)[:5]) or "none"
        shape = f"data is an object with keys {keys}"
    elif data is None:
        shape = "no data"
    else:
        shape = f"data is a JSON {type(data).__name__}"
    return f"HTTP {reply.status}, OCPI status {reply.status_code}, {shape}"
