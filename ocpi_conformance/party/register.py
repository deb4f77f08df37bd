"""The initiating side of registration (credentials_registration): what a party does with the
versions URL and token A it was given out of band, in the OCPI version it chooses (asked, else
the highest both support: `discover` chooses) and with that version's Credentials object.

Failures come back as a value with a one-line reason, because the caller (the sandbox, a test)
reports them instead of crashing on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ocpi_conformance.transport.client import OcpiClient
from ocpi_conformance.transport.discovery import DiscoveryError, discover

# Our Credentials object of a version ("2.1.1" -> its JSON), or one object for any version.
OurCredentials = dict[str, Any] | Callable[[str], dict[str, Any]]


@dataclass
class Registered:
    """The outcome: token C and the other party's details, or `problem` saying why not."""

    versions_url: str
    token_c: str | None = None
    version_url: str | None = None
    endpoints: list[dict[str, Any]] = field(default_factory=list)
    credentials: dict[str, Any] | None = None  # the other party's Credentials object
    problem: str | None = None
    version: str | None = None  # the OCPI version registered in

    @property
    def ok(self) -> bool:
        return self.problem is None and self.token_c is not None


def parties_of(credentials: dict[str, Any]) -> list[dict[str, Any]]:
    """The parties a Credentials object names: its roles, or (flat, 2.1.1) the one party it
    describes beside token and url (business_details, party_id, country_code)."""
    roles = credentials.get("roles")
    if isinstance(roles, list):
        return [r for r in roles if isinstance(r, dict)]
    return [{k: v for k, v in credentials.items() if k not in ("token", "url")}]


def register(
    client: OcpiClient,
    versions_url: str,
    token_a: str,
    our_credentials: OurCredentials,
    version: str | None = None,
) -> Registered:
    """GET versions and the details of `version` (None: the highest both support) with token A,
    then POST our Credentials of that version (carrying the token B our own server must already
    accept) and keep the token C of the answer.

    `client` lends its log, secrets and limits; the requests carry token A whatever its token,
    encoded as the chosen version says.
    """
    with client.with_token(token_a) as with_a:
        try:
            found = discover(with_a, versions_url, version)
        except DiscoveryError as exc:
            return Registered(versions_url, problem=str(exc))
        chosen = found.version
        endpoints = [e for e in found.details.data["endpoints"] if isinstance(e, dict)]
        url = found.endpoint("credentials")
        if url is None:
            return Registered(versions_url, problem="the details list no credentials endpoint")
        ours = our_credentials(chosen.number) if callable(our_credentials) else our_credentials
        reply = with_a.at(chosen).request("POST", url, module="credentials", json_body=ours)
    if reply.status != 200 or reply.status_code not in chosen.part("status_codes").SUCCESS:
        return Registered(versions_url, problem=f"registration refused: {reply.describe()}")
    try:
        theirs = chosen.objects["Credentials"].model_validate(reply.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "data"
        return Registered(
            versions_url, problem=f"the answer is no Credentials object: {where}: {first['msg']}"
        )
    return Registered(
        versions_url,
        token_c=theirs.token,
        version_url=found.version_url,
        endpoints=endpoints,
        credentials=theirs.model_dump(mode="json", exclude_none=True),
        version=chosen.number,
    )
