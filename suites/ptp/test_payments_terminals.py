"""PAY-PTP: the Terminals interface of a PTP's Payments Sender (mod_payments.asciidoc, tag
v2.3.0-ed2-payments; "Data owner: PTP").

PAY-PTP-001 to 014: its paginated Terminal list, judged as every Sender list is
(`contracts/sender_list.py`). PAY-PTP-041 on: the calls the CPO makes on it, each judged by what
the PTP holds or does after: an activation makes a Terminal on the CPO side (the harness's peer
plays the CPO and serves the Terminals Receiver); a PUT and a PATCH change a listed Terminal
(each put back as it was, by PUT, when the case ends).
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from ocpi_conformance.ids import new_id
from ocpi_conformance.party.payments import received
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.spec.v2_3_0.documents import PAY, STC
from ocpi_conformance.transport.client import OcpiClient, object_url
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import assert_http
from ocpi_conformance.verdicts.failures import blocked_by

from ..contracts.push_receiver import assert_accepted, now, object_of
from ..contracts.sender_list import SenderList
from .payments_support import below

SUITE = Suite("payments", "SENDER", versions=("2.3.0",), listing="get_terminals")
ACTIVATE = f"{PAY}#mod_payments_ptp_terminal_post_activate_method"
PUT = f"{PAY}#mod_payments_ptp_terminal_put_method"
PATCH = f"{PAY}#mod_payments_ptp_patch_terminal_method"
ACTIVATION_WAIT = 5.0  # seconds the activation's Terminal may take to reach our Receiver


@pytest.fixture(scope="module")
def endpoint(harness: Harness, suite: Suite) -> str:
    """The Terminals list: '/terminals' below the Payments endpoint."""
    return below(harness, suite)


class TestTerminalList(SenderList, suite=SUITE):
    """PAY-PTP-001 to 014."""


def _terminal_url(endpoint: str, terminal: dict[str, Any]) -> str:
    return object_url(endpoint, terminal["terminal_id"])


@pytest.fixture
def restored(client: OcpiClient, endpoint: str, listed: list[dict[str, Any]]) -> Any:
    """The first listed Terminal, read by GET; PUT back as it was when the case ends."""
    original = object_of(client.get(_terminal_url(endpoint, listed[0]), module=SUITE.module))
    yield original
    client.request("PUT", _terminal_url(endpoint, original), module=SUITE.module,
                   json_body={**original, "last_updated": now("2.3.0")})  # fmt: skip


# Reading: "After receiving an activation request the PTP should start the Terminal creation
# process by creating a Terminal object on the CPO side with calling the corresponding POST
# endpoint" (should: recommended). The request names the terminal by `reference` ("Mapping value
# as issued by the PTP (e.g serial number)", what the activation text says links it); its
# terminal_id is left out ("optional in the activation request as it will be set by the PTP").
@SUITE.case("PAY-PTP-041", RECOMMENDED, ACTIVATE, needs=("registered", "writes"))
def test_activation_creates_the_terminal_on_the_cpo_side(
    harness: Harness, client: OcpiClient, endpoint: str
) -> None:
    """A POST activate is taken, and the PTP then POSTs the new Terminal, with the activation's
    reference, to the CPO's Terminals Receiver"""
    reference = new_id("ACT")[:36]
    body = {"reference": reference, "address": "Teststraat 1", "city": "Arnhem",
            "country": "NLD", "last_updated": now("2.3.0")}  # fmt: skip
    reply = client.request("POST", f"{endpoint.rstrip('/')}/activate", module=SUITE.module,
                           json_body=body)  # fmt: skip
    assert_accepted(reply, "POST activate of a Terminal")
    arrived = received(harness.peer.state, "Terminal")
    deadline = time.monotonic() + ACTIVATION_WAIT
    made = None
    while made is None and time.monotonic() < deadline:
        made = next((t for t in arrived.items() if t.get("reference") == reference), None)
        time.sleep(0.1)
    assert made is not None, (
        f"no Terminal with reference {reference} reached our Terminals Receiver within "
        f"{ACTIVATION_WAIT:.0f} s of the activation"
    )
    client.request("POST", f"{_terminal_url(endpoint, made)}/deactivate", module=SUITE.module)


# Reading: "This PUT should be used by the CPO to update location data of a terminal"; the
# interface offers it, so a valid update is taken and shows in the Terminal read back.
@SUITE.case("PAY-PTP-042", MANDATORY, PUT, needs=("writes",))
def test_put_updates_the_terminal(
    client: OcpiClient, endpoint: str, restored: dict[str, Any]
) -> None:
    """A PUT of a listed Terminal with another customer_reference and invoice_base_url is taken,
    and the Terminal read back carries them"""
    url = _terminal_url(endpoint, restored)
    changed = {
        **restored,
        "customer_reference": new_id("CUST")[:36],
        "invoice_base_url": "https://invoices.example.com/occ",
        "last_updated": now("2.3.0"),
    }
    assert_accepted(client.request("PUT", url, module=SUITE.module, json_body=changed), "PUT")
    after = object_of(client.get(url, module=SUITE.module))
    for name in ("customer_reference", "invoice_base_url"):
        assert after.get(name) == changed[name], (
            f"after the PUT the Terminal's {name} is {after.get(name)!r}, not {changed[name]!r}"
        )


# Reading: a PATCH carries "only the fields that have to be updated" (this one: location_ids,
# "to assign location ids and/or evse_uids to a terminal"); the others stay as they were.
@SUITE.case("PAY-PTP-043", MANDATORY, PATCH, needs=("writes",))
def test_patch_assigns_locations_and_keeps_the_rest(
    client: OcpiClient, endpoint: str, restored: dict[str, Any]
) -> None:
    """A PATCH of a listed Terminal's location_ids assigns them, and leaves its other fields as
    they were"""
    url = _terminal_url(endpoint, restored)
    assigned = [new_id("LOC")[:36]]
    patch = {"location_ids": assigned, "last_updated": now("2.3.0")}
    assert_accepted(client.request("PATCH", url, module=SUITE.module, json_body=patch), "PATCH")
    with blocked_by("PAY-PTP-001"):
        after = object_of(client.get(url, module=SUITE.module))
    assert after.get("location_ids") == assigned, (
        f"after the PATCH location_ids is {after.get('location_ids')!r}, not {assigned!r}"
    )
    lost = sorted(
        k
        for k, v in restored.items()
        if k not in ("location_ids", "last_updated") and after.get(k) != v
    )
    assert not lost, f"the PATCH of location_ids changed or removed other fields: {lost}"


@SUITE.case("PAY-PTP-044", RECOMMENDED, f"{STC}#status_codes_status_codes")
def test_unknown_terminal_is_404(client: OcpiClient, endpoint: str) -> None:
    """A GET of a Terminal the PTP never had gets HTTP 404"""
    assert_http(client.get(object_url(endpoint, new_id("NEVER")[:36]), module=SUITE.module),
                404, "the answer")  # fmt: skip
