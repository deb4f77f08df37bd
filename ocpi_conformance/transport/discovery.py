"""Discovery: from a versions URL to the version the run tests and the target's endpoint map.

The version is the one asked (`--ocpi-version`), else the highest both sides support, as the
credentials module describes. Discovery goes on when it can: a versions or details answer that
is broken but readable is read, the VER cases fail it with the exact reason, and the run tests
what could be read, saying so (`Discovery.lenient`, results.json `"discovery": "lenient"`).
Read leniently:
- versions `data` that is an object holding the list (`{"versions": [...]}`) instead of the list;
- a version of a known one's family (2.2 for 2.2.1, which corrects it): tested as the known one;
- a version URL or endpoint URLs that are relative: resolved against the URL they came from.
Endpoints of a version without interface roles (2.1.1) are mapped to the interface the target's
role implements. Only a target that gives nothing usable (unreachable, no version list at all,
no version the harness tests, no usable details) raises `DiscoveryError` (exit 3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlparse

from ocpi_conformance.spec.version import FAMILY, KNOWN, Version, highest_common, version
from ocpi_conformance.transport.client import OcpiClient, Reply


class DiscoveryError(Exception):
    """The target cannot be tested; the message is one line for the user. `stage` says which
    request failed: the versions list ("versions"), the chosen version's details ("details"), or
    none answered at all ("unreachable": no case can judge it)."""

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
    version: Version = field(default_factory=lambda: version("2.2.1"))  # the one tested

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


def numbers_of(offered: list[dict]) -> list[str]:
    return [str(v.get("version")) for v in offered]


def _chosen(offered: list[dict], wanted: str | None, lenient: list[str]) -> tuple[dict, Version]:
    """The entry of the version the run tests, and that version: `wanted`, else the highest
    one both sides support."""
    numbers = numbers_of(offered)
    listed = ", ".join(numbers) or "none"
    number = wanted or highest_common(numbers)
    if number is None:
        raise DiscoveryError(
            f"the target offers no OCPI version the harness tests (it offers: {listed}; the "
            f"harness tests {', '.join(KNOWN)})",
            stage="version",
        )
    chosen = next((v for v in offered if v.get("version") == number), None)
    if chosen is not None:
        return chosen, version(number)
    relative = next((v for v in offered if FAMILY.get(str(v.get("version"))) == number), None)
    if relative is None:
        raise DiscoveryError(
            f"the target does not offer OCPI {number} (it offers: {listed})", stage="version"
        )
    lenient.append(
        f"the target offers {relative.get('version')}, not {number} (it offers: {listed}): "
        f"its {relative.get('version')} details are tested as {number}, the release that "
        "corrects it"
    )
    return relative, version(number)


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


def discover(
    client: OcpiClient, versions_url: str, wanted: str | None = None, role: str | None = None
) -> Discovery:
    """`wanted`: the version to test (None: the highest both support); `role`: the target's
    (CPO, EMSP), which names the interface of an endpoint where the version gives none."""
    lenient: list[str] = []
    client = client.at(version(wanted) if wanted else client.version)
    versions = read = client.get(versions_url, module="versions")
    if versions.ok and not _usable(versions):
        # the versions endpoint serves every version: a token encoded as another version does
        # (2.1.1 sends it raw) may be the one it takes. The VER cases judge the first answer;
        # the list is read from the one that gave it
        other = "raw" if client.version.token_encoding == "base64" else "base64"
        retried = client.get(versions_url, module="versions", auth=other)
        if retried.ok and _usable(retried):
            read = retried
            lenient.append(
                f"the versions list answered only the token encoded {other} ({versions.describe()}"
                f" with the token as {client.version.number} sends it): read from that answer"
            )
    if not read.ok:
        raise DiscoveryError(
            f"cannot reach the versions URL {versions_url}: {read.error}", stage="unreachable"
        )
    if read.status in (401, 403):
        raise DiscoveryError(
            f"{versions_url} refused our credentials token (HTTP {read.status}): check "
            "--token-a / --token-c (a token A serves one registration: after a run registered "
            "with it, give that run's token C or a fresh token A)"
        )
    offered = _version_list(read, versions_url, lenient)
    chosen, tested = _chosen(offered, wanted, lenient)
    client = client.at(tested)
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
        identifier = str(item.get("identifier"))
        interface = (
            str(item.get("role")) if tested.endpoint_roles else _role_of(tested, identifier, role)
        )
        if url is not None:
            endpoints.setdefault((identifier, interface), url)
    if relative:
        lenient.append(f"{len(relative)} endpoint URL(s) of the details are relative: resolved "
                       f"against the details URL ({relative[0]})")  # fmt: skip
    return Discovery(
        versions_url, versions, version_url, details, endpoints, offered, lenient, tested
    )


def _role_of(tested: Version, module: str, role: str | None) -> str:
    """The interface (SENDER, RECEIVER) a party of `role` implements of `module`, for a version
    whose endpoints name none (2.1.1: "the CPO interface"); "" where that cannot be told."""
    found = tested.modules.get(module)
    if found is None or role is None:
        return ""
    for interface in found.interfaces:
        if role in interface.implemented_by:
            return interface.role
    return ""


def _usable(reply: Reply) -> bool:
    """An answer a versions list can be read from: no refusal, a success, some data."""
    return (
        reply.status not in (401, 403)
        and (reply.status_code is None or reply.status_code < 2000)
        and reply.data is not None
    )


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
