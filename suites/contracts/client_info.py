"""ClientInfoReceiver: the HubClientInfo Receiver interface (mod_hub_client_info_client_interface),
the same on every role that connects to a Hub, so the CPO and eMSP suites adopt this one class.

It is the PushReceiver contract for an object with no id of its own: a ClientInfo is named by
its party alone, at {country_code}/{party_id}. The harness plays the Hub, and only ever PUTs
the ClientInfo of its *own* party (harness.identity, with the role it plays in this run): an
object about another party would be a claim the harness has no right to make. So every PUT goes
to one URL; "new" is whether the target held that ClientInfo before the first PUT (a previous
run may have left it); the PATCH cases do not apply (the interface has no PATCH), nor does a
URL/body mismatch (it would speak of another party).

ClientInfo objects cannot be removed (DELETE: "n/a, Use PUT, ClientInfo objects cannot be
removed"). The clean-up PUTs the harness's ClientInfo with status OFFLINE: "Party is currently
not connected" is true once the run ends and asks only that no requests be sent or queued.
SUSPENDED, the status the Hub invalidates with, says the party "will never connect anymore",
which a harness that runs again would make untrue.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from ocpi_conformance.run.harness import COUNTERPART, Harness
from ocpi_conformance.run.ledger import Written
from ocpi_conformance.spec.v2_2_1.documents import HCI
from ocpi_conformance.transport.client import OcpiClient, Reply, object_url
from ocpi_conformance.verdicts.cases import Suite

from .push_receiver import PushReceiver, now

# The status the clean-up leaves (see the module docstring).
LEFT_STATUS = "OFFLINE"


def own_role(harness: Harness) -> str:
    """The role the harness plays in this run: the target's counterpart."""
    return COUNTERPART[(harness.config.role or "cpo").lower()]


class ClientInfoReceiver(PushReceiver):
    # "created" first: the first PUT of the run is the one that may create the ClientInfo.
    numbers: ClassVar[dict[str, int]] = {
        "created": 1,
        "replaced": 2,
        "round_trip": 3,
        "invalid_refused": 4,
        "unknown_404": 5,
        "clean_up": 6,
        "accepts_valid": 7,
        "refusals_http_200": 8,
        "answers_valid": 9,
        "undocumented_field_accepted": 10,
    }
    omit: ClassVar[tuple[str, ...]] = (
        "patch_merges",
        "patch_without_last_updated",
        "url_body_mismatch",
    )
    words: ClassVar[dict[str, str]] = {"undo_spec": f"{HCI}#mod_hub_client_info_client_interface"}

    @classmethod
    def url_of(cls, owner: str, body: dict[str, Any], suite: Suite) -> str:
        """The owner's URL is the ClientInfo's own: {country_code}/{party_id}."""
        return owner

    @classmethod
    def naming_fields(cls, suite: Suite) -> tuple[str, ...]:
        return ("country_code", "party_id")

    @classmethod
    def owned(
        cls, harness: Harness, body: dict[str, Any], suite: Suite, *, drawn: bool = False
    ) -> dict[str, Any]:
        """The harness's own ClientInfo: its party and the role it plays (drawn examples vary
        the status and last_updated)."""
        return {**cls.named(harness, body, suite), "role": own_role(harness)}

    @classmethod
    def named(cls, harness: Harness, body: dict[str, Any], suite: Suite) -> dict[str, Any]:
        """An invalid variant about the harness's own party (its broken field kept)."""
        body.update(country_code=harness.identity.country_code, party_id=harness.identity.party_id)
        return body

    @classmethod
    def unknown_url(cls, endpoint: str, owner: str, suite: Suite) -> str:
        """Another party of the harness's country, with a party_id drawn afresh (a GET only:
        reading about a party makes no claim about it)."""
        _, country_code, party_id = owner.rsplit("/", 2)
        other = party_id
        while other.upper() == party_id.upper():
            other = uuid.uuid4().hex[:3].upper()
        return object_url(endpoint, country_code, other)

    @classmethod
    def put_smallest(
        cls, harness: Harness, client: OcpiClient, owner: str, suite: Suite
    ) -> dict[str, Any]:
        """As the contract's, noting whether the target held our ClientInfo before."""
        before = cls.held(client.get(owner, module=suite.module))
        return {**super().put_smallest(harness, client, owner, suite), "new": before is None}

    def undo(self, client: OcpiClient, written: Written) -> Reply | None:
        """ClientInfo cannot be removed: ours is left OFFLINE, as the harness is after the run."""
        body = {key: written.body.get(key) for key in ("country_code", "party_id", "role")} | {
            "status": LEFT_STATUS,
            "last_updated": now(),
        }
        return client.request("PUT", written.url, module=self.suite.module, json_body=body)
