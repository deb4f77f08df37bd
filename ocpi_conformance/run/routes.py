"""The routes transport rules are judged on: endpoints the target actually serves.

A rule of every endpoint (authorization, message ids, the envelope, a body that is no JSON) is
evidence only where the endpoint exists: judged on a route the target does not serve, a 404 or
an HTML page would be reported as "no X-Request-ID echo" or "expected 401, got 404", right by
luck and with the wrong evidence. So the harness first finds a route that answers its token C
with an OCPI envelope, in this order: GET credentials, the first Sender list, the versions
endpoint; and, for a body, PUT credentials (when GET credentials answered) or a PUT to a
Receiver under the harness's own party. Each case names the route it was judged on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ocpi_conformance.ids import new_id
from ocpi_conformance.spec.v2_2_1.modules import MODULES, required_list_params
from ocpi_conformance.transport.client import OcpiClient, Reply, object_url
from ocpi_conformance.transport.discovery import Discovery


@dataclass(frozen=True)
class Route:
    """One request the target answers with an OCPI envelope: where transport rules show."""

    method: str
    url: str
    module: str
    params: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        return f"{self.method} {self.url}"

    def send(self, client: OcpiClient, **kwargs: Any) -> Reply:
        return client.request(
            self.method, self.url, module=self.module, params=self.params or None, **kwargs
        )


@dataclass
class Served:
    """What the search for a served route found: the route, or what every candidate did."""

    route: Route | None
    tried: list[str]

    def why_none(self) -> str:
        tried = "; ".join(self.tried)
        return f"no endpoint answered our token with an OCPI envelope ({tried})"


def answers(reply: Reply) -> bool:
    """An HTTP 200 carrying an OCPI envelope: the route exists and speaks OCPI."""
    envelope = reply.envelope
    return reply.ok and reply.status == 200 and envelope is not None and "status_code" in envelope


def authenticated_routes(discovery: Discovery) -> Iterator[Route]:
    """GET credentials and the Sender lists: where every party must authenticate the caller
    (the versions endpoint may be open to anyone in practice)."""
    credentials = discovery.endpoint("credentials")
    if credentials is not None:
        yield Route("GET", credentials, "credentials")
    yield from sender_lists(discovery)


def _candidates(discovery: Discovery) -> Iterator[Route]:
    yield from authenticated_routes(discovery)
    yield Route("GET", discovery.versions_url, "versions")


def sender_lists(discovery: Discovery) -> Iterator[Route]:
    """A GET of the first page (one object) of each Sender list the details give."""
    for (module, role), url in sorted(discovery.endpoints.items()):
        spec_module = MODULES.get(module)
        if role != "SENDER" or spec_module is None:
            continue
        try:
            listing = spec_module.interface("SENDER").operation("get_list")
        except KeyError:
            continue
        if listing.paginated:
            yield Route("GET", url, module, {**required_list_params(module), "limit": 1})


def served_route(client: OcpiClient, discovery: Discovery) -> Served:
    """The first candidate route that answers `client`'s token with an OCPI envelope."""
    tried = []
    for route in _candidates(discovery):
        reply = route.send(client)
        if answers(reply):
            return Served(route, tried)
        tried.append(reply.describe())
    return Served(None, tried)


def body_route(discovery: Discovery, served: Route | None, owner: tuple[str, str]) -> Route | None:
    """A route that takes a JSON body: PUT credentials where GET credentials answered, else a
    PUT to a Receiver below the harness's own party (`owner`: country_code, party_id), at an
    object id of its own that no valid body will ever reach."""
    if served is not None and served.module == "credentials":
        return Route("PUT", served.url, "credentials")
    for (module, role), url in sorted(discovery.endpoints.items()):
        spec_module = MODULES.get(module)
        if role != "RECEIVER" or spec_module is None:
            continue
        try:
            interface = spec_module.interface("RECEIVER")
        except KeyError:
            continue
        puts = [op for op in interface.operations if op.method == "PUT"]
        if puts and puts[0].path.startswith("/{country_code}/{party_id}"):
            segments = puts[0].path.strip("/").split("/")[2:]
            ids = [new_id("MALFORMED") for _ in segments]
            return Route("PUT", object_url(url, *owner, *ids), module)
    return None
