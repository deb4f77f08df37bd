"""Discovery: from a versions URL to the target's 2.2.1 endpoint map.

It is deliberately lenient: whatever can be used is used, and the verdicts on how the target
answered belong to the VER cases. Only a target that cannot be tested at all (unreachable, no
version list, no 2.2.1, no usable details) raises `DiscoveryError`, which the run reports with
exit code 3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from .client import OcpiClient, Reply
from .spec.v2_2_1 import VERSION


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


def discover(client: OcpiClient, versions_url: str) -> Discovery:
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
    if not isinstance(versions.data, list):
        raise DiscoveryError(
            f"{versions_url} did not answer with an OCPI version list ({_what(versions)})"
        )
    offered = [v for v in versions.data if isinstance(v, dict)]
    chosen = next((v for v in offered if v.get("version") == VERSION), None)
    if chosen is None:
        numbers = ", ".join(str(v.get("version")) for v in offered) or "none"
        raise DiscoveryError(f"the target does not offer OCPI {VERSION} (it offers: {numbers})")
    version_url = chosen.get("url")
    if not is_absolute_url(version_url):
        raise DiscoveryError(f"the {VERSION} entry has no absolute url: {version_url!r}")
    details = client.get(version_url, module="versions")
    data = details.data if details.ok else None
    if not isinstance(data, dict) or not isinstance(data.get("endpoints"), list):
        raise DiscoveryError(
            f"the {VERSION} details at {version_url} are not usable ({_what(details)})",
            stage="details",
        )
    endpoints: dict[tuple[str, str], str] = {}
    for item in data["endpoints"]:
        if isinstance(item, dict) and is_absolute_url(item.get("url")):
            key = (str(item.get("identifier")), str(item.get("role")))
            endpoints.setdefault(key, item["url"])
    return Discovery(versions_url, versions, version_url, details, endpoints)


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
