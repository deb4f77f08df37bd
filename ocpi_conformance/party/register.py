"""The initiating side of registration (credentials_registration): what a party does with the
versions URL and token A it was given out of band.

Failures come back as a value with a one-line reason, because the caller (the sandbox, a test)
reports them instead of crashing on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ocpi_conformance.spec.v2_2_1.credentials import Credentials
from ocpi_conformance.spec.v2_2_1.status_codes import SUCCESS
from ocpi_conformance.transport.client import OcpiClient
from ocpi_conformance.transport.discovery import DiscoveryError, discover


@dataclass
class Registered:
    """The outcome: token C and the other party's details, or `problem` saying why not."""

    versions_url: str
    token_c: str | None = None
    version_url: str | None = None
    endpoints: list[dict[str, Any]] = field(default_factory=list)
    credentials: dict[str, Any] | None = None  # the other party's Credentials object
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and self.token_c is not None


def register(
    client: OcpiClient, versions_url: str, token_a: str, our_credentials: dict[str, Any]
) -> Registered:
    """GET versions and the 2.2.1 details with token A, then POST `our_credentials` (carrying
    the token B our own server must already accept) and keep the token C of the answer.

    `client` lends its log, secrets and limits; the requests carry token A whatever its token.
    """
    with client.with_token(token_a) as with_a:
        try:
            found = discover(with_a, versions_url)
        except DiscoveryError as exc:
            return Registered(versions_url, problem=str(exc))
        endpoints = [e for e in found.details.data["endpoints"] if isinstance(e, dict)]
        url = found.endpoint("credentials")
        if url is None:
            return Registered(versions_url, problem="the details list no credentials endpoint")
        reply = with_a.request("POST", url, module="credentials", json_body=our_credentials)
    if reply.status != 200 or reply.status_code not in SUCCESS:
        return Registered(versions_url, problem=f"registration refused: {reply.describe()}")
    try:
        theirs = Credentials.model_validate(reply.data)
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
    )
