"""HUB-001 to 017: how a hub routes between our seats (transport_and_format.asciidoc, Message
Routing; status_codes 4xxx), judged from both ends: what the sending seat sent and got back,
and what every seat received.

- Direct (001-007): our CPO PUTs a Tariff through the hub to one of our eMSPs.
- Broadcast Push (008-015): our CPO PUTs a Tariff to the hub itself; our OTHER does too.
- Open routing (016, 017): our CPO asks for the real-time authorization of a Token one of our
  eMSPs broadcast, without OCPI-to-*.

Every Tariff pushed is withdrawn the way it came (DELETE through the hub); the Token cannot be.
Where the text is silent the cases accept every reading it allows (docs/levels-review.md): the
HTTP status of a hub's own error, FROM on an open-routing leg the hub fanned out (the requester
or the hub), FROM on the hub's answer to a broadcast ("optionally contains").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.seats import Seat, Seats
from ocpi_conformance.spec.v2_2_1.documents import STC, TAF
from ocpi_conformance.transport.client import PartyId, object_url
from ocpi_conformance.transport.guards import json_or_none
from ocpi_conformance.verdicts.cases import MANDATORY, OPTIONAL, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import assert_status_code
from ocpi_conformance.verdicts.failures import TransportViolation, blocked_by

from .seating import (
    Routed,
    first,
    header,
    hub_refusal,
    hub_url,
    need,
    party_in,
    push_tariff,
    receivers,
    send,
    shown,
    tariff_of,
    tariff_url,
    withdraw,
)

SUITE = Suite("hub", "ANY", role="HUB")
VIA_HUB = f"{TAF}#_party_to_party_via_hub"
BROADCAST = f"{TAF}#transport_and_format_message_routing_broadcast_push"
BROADCAST_LEGS = f"{TAF}#_party_to_party_broadcast_push"
OPEN = f"{TAF}#transport_and_format_message_routing_open_routing_request"
OPEN_LEGS = f"{TAF}#_party_to_party_open_routing_request"
IDS = f"{TAF}#transport_and_format_unique_messageg_ids"
HUB_ERRORS = f"{STC}#status_codes_4xxx_hub_errors"


def delivered(routed: Routed, receiver: Seat, case: str = "HUB-001") -> Any:
    """The leg `receiver` got, or the case is blocked by the one that judges delivery."""
    legs = routed.at(receiver)
    if not legs:
        with blocked_by(case):
            raise AssertionError(f"{receiver.label} received nothing: {routed.reply.describe()}")
    return legs[0]


def addressed(seats: Seats, routed: Routed) -> Seat:
    found = seats.of_party(routed.to.country_code, routed.to.party_id) if routed.to else None
    assert found is not None
    return found


# --- direct -----------------------------------------------------------------------------------


@SUITE.case("HUB-001", MANDATORY, VIA_HUB)
def test_direct_request_reaches_that_party_only(seats: Seats, direct: Routed) -> None:
    """A request through the hub to one party reaches that party, and no other"""
    receiver = addressed(seats, direct)
    others = [s for s in seats if s not in (direct.sender, receiver) and s.receives]
    refusal = hub_refusal(direct.reply)
    assert direct.at(receiver), (
        f"{direct.sender.label} PUT a Tariff with OCPI-to-* {shown(direct.to)}: "
        f"{receiver.label} never received it ({refusal or direct.reply.describe()})"
    )
    strays = [s.label for s in seats if s is not receiver and direct.at(s)]
    assert not strays, f"it reached {', '.join(strays)} too, not only {receiver.label}"
    if not others:
        pytest.skip(f"delivered; no seat besides {receiver.label} could show it went elsewhere")


@SUITE.case("HUB-002", MANDATORY, VIA_HUB)
def test_forwarded_request_keeps_to_and_from(seats: Seats, direct: Routed) -> None:
    """The forwarded request names the receiver in OCPI-to-* and the requester in OCPI-from-*"""
    receiver = addressed(seats, direct)
    leg = delivered(direct, receiver)
    to, sent_from = party_in(leg.request_headers, "to"), party_in(leg.request_headers, "from")
    assert (to, sent_from) == (receiver.party, direct.sender.party), (
        f"the leg to {receiver.label} says OCPI-to-* {shown(to)}, OCPI-from-* {shown(sent_from)}"
        f"; the hub got TO {shown(receiver.party)}, FROM {shown(direct.sender.party)} and must "
        "keep both (Party to Party via Hub: Hub to receiving platform)"
    )


@SUITE.case("HUB-003", MANDATORY, VIA_HUB)
def test_answer_names_requester_and_receiver(seats: Seats, direct: Routed) -> None:
    """The answer the hub relays names the requester in OCPI-to-* and the receiver in OCPI-from-*"""
    receiver = addressed(seats, direct)
    delivered(direct, receiver)
    headers = dict(direct.reply.headers)
    to, said_from = party_in(headers, "to"), party_in(headers, "from")
    assert (to, said_from) == (direct.sender.party, receiver.party), (
        f"the hub's answer says OCPI-to-* {shown(to)}, OCPI-from-* {shown(said_from)}; a direct "
        f"response from the hub names TO the requester {shown(direct.sender.party)} and FROM "
        f"the receiver {shown(receiver.party)}: {direct.reply.describe()}"
    )


@SUITE.case("HUB-004", MANDATORY, IDS)
def test_forwarded_request_has_a_new_request_id(seats: Seats, direct: Routed) -> None:
    """The forwarded request carries a new X-Request-ID, not the requester's"""
    leg = delivered(direct, addressed(seats, direct))
    ours = header(direct.sent.request_headers, "X-Request-ID")
    theirs = header(leg.request_headers, "X-Request-ID")
    assert theirs, "the forwarded request has no X-Request-ID"
    assert theirs != ours, f"the forwarded request reuses our X-Request-ID {ours}"


@SUITE.case("HUB-005", MANDATORY, IDS)
def test_forwarded_request_keeps_the_correlation_id(seats: Seats, direct: Routed) -> None:
    """The forwarded request carries the requester's X-Correlation-ID"""
    leg = delivered(direct, addressed(seats, direct))
    ours = header(direct.sent.request_headers, "X-Correlation-ID")
    theirs = header(leg.request_headers, "X-Correlation-ID")
    assert theirs == ours, f"the forwarded request has X-Correlation-ID {theirs}, ours was {ours}"


@SUITE.case("HUB-006", MANDATORY, f"{TAF}#_timestamps_and_objects_send_via_hubs")
def test_forwarded_object_is_unchanged(seats: Seats, direct: Routed) -> None:
    """The forwarded object is the one sent: last_updated and every other field unchanged"""
    leg = delivered(direct, addressed(seats, direct))
    received = json_or_none(leg.request_body or "")
    sent = direct.body or {}
    assert isinstance(received, dict), f"the forwarded body is no JSON object: {leg.request_body}"
    assert received.get("last_updated") == sent.get("last_updated"), (
        f"last_updated {sent.get('last_updated')} arrived as {received.get('last_updated')}: "
        "the hub SHALL NOT update it"
    )
    changed = sorted(k for k in {*sent, *received} if sent.get(k) != received.get(k))
    assert not changed, f"the forwarded Tariff differs in {', '.join(changed)}"


@pytest.fixture(scope="session")
def refused(harness: Harness, seats: Seats) -> Routed:
    """Our CPO pushes a Tariff our eMSP refuses (no currency) through the hub to that eMSP."""
    need(seats, cpo=1, emsp=1)
    sender, receiver = first(seats, "CPO"), first(seats, "EMSP")
    body = tariff_of(sender)
    del body["currency"]  # required (mod_tariffs_tariff_object)
    url = tariff_url(harness, body)
    return send(
        harness, seats, sender, "PUT", url, body["id"], to=receiver.party, module="tariffs",
        body=body, expect=(receiver,),
    )  # fmt: skip


@SUITE.case("HUB-007", MANDATORY, HUB_ERRORS)
def test_receivers_error_reaches_the_requester(seats: Seats, refused: Routed) -> None:
    """A receiver's error on a direct request reaches the requester"""
    receiver = addressed(seats, refused)
    leg = delivered(refused, receiver)
    answered = json_or_none(leg.response_body or "")
    code = answered.get("status_code") if isinstance(answered, dict) else None
    if not isinstance(code, int) or not 2000 <= code < 4000:
        pytest.skip(f"{receiver.label} did not refuse the Tariff without currency ({code})")
    assert refused.reply.status_code == code, (
        f"{receiver.label} answered status_code {code}; the hub gave the requester "
        f"{refused.reply.describe()}: it SHALL forward the error"
    )


# --- broadcast push ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def broadcast(harness: Harness, seats: Seats, hub: PartyId) -> Iterator[Routed]:
    """Our CPO PUTs a Tariff of its own with OCPI-to-* the hub: a Broadcast Push."""
    need(seats, cpo=1, emsp=1)
    sender = first(seats, "CPO")
    expect = receivers(seats, sender, ("EMSP", "OTHER"))
    routed = push_tariff(harness, seats, sender, hub, expect=expect)
    yield routed
    withdraw(harness, seats, routed, hub)


def accepted(routed: Routed, what: str) -> None:
    """The hub took the push (1000); else what the case judges never happened."""
    if routed.reply.status_code != 1000:
        raise TransportViolation(f"the hub refused {what}: {routed.reply.describe()}")


@SUITE.case("HUB-008", MANDATORY, BROADCAST)
def test_broadcast_reaches_every_emsp(seats: Seats, broadcast: Routed) -> None:
    """A CPO's Broadcast Push reaches every connected eMSP"""
    need(seats, cpo=1, emsp=2)
    accepted(broadcast, "our CPO's Broadcast Push")
    missed = [s.label for s in receivers(seats, broadcast.sender, ("EMSP",)) if not broadcast.at(s)]
    assert not missed, f"the Broadcast Push never reached {', '.join(missed)}"


@SUITE.case("HUB-009", MANDATORY, BROADCAST)
def test_broadcast_reaches_other(seats: Seats, broadcast: Routed) -> None:
    """A CPO's Broadcast Push reaches the connected parties of role OTHER too"""
    need(seats, cpo=1, other=1)
    accepted(broadcast, "our CPO's Broadcast Push")
    missed = [
        s.label for s in receivers(seats, broadcast.sender, ("OTHER",)) if not broadcast.at(s)
    ]
    assert not missed, (
        f'the Broadcast Push never reached {", ".join(missed)} ("Broadcast Push from a CPO is '
        'also sent to \\"Other\\"")'
    )


def broadcast_legs(seats: Seats, routed: Routed) -> list[tuple[Seat, Any]]:
    legs = [(s, leg) for s in seats for leg in routed.at(s)]
    if not legs:
        with blocked_by("HUB-008"):
            raise AssertionError(f"the Broadcast Push reached no seat: {routed.reply.describe()}")
    return legs


@SUITE.case("HUB-010", MANDATORY, BROADCAST_LEGS)
def test_broadcast_legs_come_from_the_hub(seats: Seats, broadcast: Routed, hub: PartyId) -> None:
    """Each leg of a Broadcast Push names its receiver in OCPI-to-* and the hub in OCPI-from-*"""
    wrong = []
    for seat, leg in broadcast_legs(seats, broadcast):
        to, said_from = party_in(leg.request_headers, "to"), party_in(leg.request_headers, "from")
        if (to, said_from) != (seat.party, hub):
            wrong.append(f"{seat.label}: TO {shown(to)}, FROM {shown(said_from)}")
    assert not wrong, f"a broadcast leg names TO the receiver, FROM the hub {shown(hub)}: {wrong}"


@SUITE.case("HUB-011", MANDATORY, BROADCAST)
def test_broadcast_keeps_the_owner_in_the_url(seats: Seats, broadcast: Routed) -> None:
    """Each leg of a Broadcast Push keeps the original owner's country_code/party_id in the URL"""
    owner = broadcast.sender.party
    path = f"/{owner.country_code}/{owner.party_id}/{broadcast.marker}".upper()
    wrong = [
        f"{seat.label}: {leg.url}"
        for seat, leg in broadcast_legs(seats, broadcast)
        if path not in leg.url.upper()
    ]
    assert not wrong, f"a leg's URL does not name the owner {shown(owner)}: {wrong}"


@SUITE.case("HUB-012", MANDATORY, BROADCAST)
def test_broadcast_does_not_come_back(broadcast: Routed) -> None:
    """A Broadcast Push does not come back to the party that sent it"""
    accepted(broadcast, "our CPO's Broadcast Push")
    back = broadcast.at(broadcast.sender)
    assert not back, (
        f"the Broadcast Push came back to its sender {broadcast.sender.label} ({back[0].url}); "
        "it is for all other parties"
    )


@SUITE.case("HUB-013", MANDATORY, BROADCAST_LEGS)
def test_broadcast_answer_names_the_sender(broadcast: Routed, hub: PartyId) -> None:
    """The hub answers a Broadcast Push naming the sender in OCPI-to-* (and itself, if anyone,
    in OCPI-from-*)"""
    accepted(broadcast, "our CPO's Broadcast Push")
    headers = dict(broadcast.reply.headers)
    to, said_from = party_in(headers, "to"), party_in(headers, "from")
    assert to == broadcast.sender.party, (
        f"the hub's answer to the broadcast says OCPI-to-* {shown(to)}, not the sender "
        f"{shown(broadcast.sender.party)}"
    )
    assert said_from in (None, hub), (
        f"the hub's answer to the broadcast says OCPI-from-* {shown(said_from)}: the hub "
        f"{shown(hub)}, or nothing"
    )


@pytest.fixture(scope="session")
def from_other(harness: Harness, seats: Seats, hub: PartyId) -> Iterator[Routed]:
    """Our OTHER PUTs a Tariff of its own with OCPI-to-* the hub."""
    need(seats, emsp=1, other=1)
    sender = first(seats, "OTHER")
    routed = push_tariff(harness, seats, sender, hub, expect=receivers(seats, sender, ("CPO",)))
    yield routed
    withdraw(harness, seats, routed, hub)


@SUITE.case("HUB-014", MANDATORY, BROADCAST)
def test_broadcast_from_other_reaches_no_emsp(seats: Seats, from_other: Routed) -> None:
    """A Broadcast Push from a party of role OTHER reaches no eMSP"""
    if from_other.reply.status_code != 1000:
        pytest.skip(f"the hub refused our OTHER's Broadcast Push: {from_other.reply.describe()}")
    reached = [s.label for s in seats if s.role == "EMSP" and from_other.at(s)]
    assert not reached, (
        f"our OTHER's Broadcast Push reached {', '.join(reached)} (\"Messages from 'Other' are "
        'only sent to CPOs and not to eMSPs")'
    )


@SUITE.case("HUB-015", MANDATORY, BROADCAST)
def test_get_is_never_broadcast(
    harness: Harness, seats: Seats, broadcast: Routed, hub: PartyId
) -> None:
    """A GET addressed to the hub is never broadcast"""
    need(seats, cpo=1, emsp=2)
    url = broadcast.url  # the broadcast Tariff, as each eMSP's Receiver holds it
    routed = send(harness, seats, broadcast.sender, "GET", url, broadcast.marker, to=hub,
                  module="tariffs")  # fmt: skip
    reached = [s.label for s in seats if routed.at(s)]
    assert len(reached) <= 1, f"a GET with OCPI-to-* the hub reached {', '.join(reached)}"


@pytest.fixture(scope="session")
def broadcast_refused(harness: Harness, seats: Seats, hub: PartyId) -> Iterator[Routed]:
    """Our CPO broadcasts a Tariff our eMSPs refuse (no currency): each leg gets an error."""
    need(seats, cpo=1, emsp=1)
    sender = first(seats, "CPO")
    body = tariff_of(sender)
    del body["currency"]  # required (mod_tariffs_tariff_object)
    routed = send(
        harness, seats, sender, "PUT", tariff_url(harness, body), body["id"], to=hub,
        module="tariffs", body=body, expect=receivers(seats, sender, ("EMSP",)),
    )  # fmt: skip
    yield routed
    withdraw(harness, seats, routed, hub)  # a hub that took it may keep it for its GET All


@SUITE.case("HUB-034", RECOMMENDED, HUB_ERRORS)
def test_broadcast_errors_are_not_forwarded(seats: Seats, broadcast_refused: Routed) -> None:
    """A receiver's error on a Broadcast Push is not forwarded to the sender: the hub answers
    the push itself"""
    refusals = {}
    for seat in seats:
        for leg in broadcast_refused.at(seat):
            answered = json_or_none(leg.response_body or "")
            code = answered.get("status_code") if isinstance(answered, dict) else None
            if isinstance(code, int) and 2000 <= code < 4000:
                refusals[seat.label] = (code, answered.get("status_message"))
    if not refusals:
        pytest.skip(
            "no seat of ours received the broadcast and refused it (the hub refused it itself, "
            f"or did not broadcast it): {broadcast_refused.reply.describe()}"
        )
    reply = broadcast_refused.reply
    answer = reply.json
    said = answer.get("status_message") if isinstance(answer, dict) else None
    copied = [
        label for label, (code, message) in refusals.items()
        if reply.status_code == code and said == message
    ]  # fmt: skip
    assert not copied, (
        f"the hub answered our CPO's Broadcast Push with the error of {', '.join(copied)} "
        f"({reply.describe()}): a receiver's error is forwarded only \"when the request was not "
        'a Broadcast Push"; the hub answers a broadcast itself'
    )


# --- open routing ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def open_routed(harness: Harness, seats: Seats, broadcast_tokens: dict[int, list[dict]]) -> Routed:
    """Our CPO asks for the authorization of a Token one of our eMSPs broadcast, with no
    OCPI-to-*: an Open Routing Request the hub must route to that eMSP."""
    need(seats, cpo=1, emsp=1)
    sender, owner = first(seats, "CPO"), first(seats, "EMSP")
    token = broadcast_tokens[owner.number][0]
    url = object_url(hub_url(harness, "tokens", "SENDER"), token["uid"], "authorize")
    routed = send(harness, seats, sender, "POST", url, token["uid"], to=None, module="tokens",
                  expect=(owner,))  # fmt: skip
    routed.to = owner.party  # whom it is meant for
    return routed


@SUITE.case("HUB-016", OPTIONAL, OPEN)
def test_open_routing_reaches_the_owner(seats: Seats, open_routed: Routed) -> None:
    """A request without OCPI-to-* reaches the party its object belongs to"""
    owner = addressed(seats, open_routed)
    assert open_routed.at(owner), (
        f"{open_routed.sender.label} asked for the authorization of a Token {owner.label} "
        f"broadcast, with no OCPI-to-*: {owner.label} never received it "
        f"({open_routed.reply.describe()})"
    )


@SUITE.case("HUB-017", MANDATORY, OPEN_LEGS)
def test_open_routing_leg_names_receiver(seats: Seats, open_routed: Routed, hub: PartyId) -> None:
    """An open-routed request names its receiver in OCPI-to-*, and the requester (or the hub,
    when it fanned the request out) in OCPI-from-*"""
    owner = addressed(seats, open_routed)
    leg = delivered(open_routed, owner, "HUB-016")
    to, said_from = party_in(leg.request_headers, "to"), party_in(leg.request_headers, "from")
    assert to == owner.party, f"the leg to {owner.label} says OCPI-to-* {shown(to)}"
    assert said_from in (open_routed.sender.party, hub), (
        f"the leg to {owner.label} says OCPI-from-* {shown(said_from)}: the requester "
        f"{shown(open_routed.sender.party)} (or the hub {shown(hub)}, fanned out)"
    )


# --- the hub's own errors ----------------------------------------------------------------------


@SUITE.case("HUB-021", MANDATORY, HUB_ERRORS)
def test_unknown_receiver_gets_4001(harness: Harness, seats: Seats) -> None:
    """A request to a party the hub does not know gets 4001"""
    need(seats, cpo=1)
    sender = first(seats, "CPO")
    known = {(s.party.country_code, s.party.party_id) for s in seats}
    nobody = next(
        PartyId(sender.party.country_code, f"Q{n:02d}")
        for n in range(100)
        if (sender.party.country_code, f"Q{n:02d}") not in known
    )
    body = tariff_of(sender)
    routed = send(harness, seats, sender, "PUT", tariff_url(harness, body), body["id"],
                  to=nobody, module="tariffs", body=body)  # fmt: skip
    if routed.reply.status_code == 1000:
        withdraw(harness, seats, routed, nobody)
    assert_status_code(
        routed.reply, 4001, f"a PUT to {shown(nobody)}, a party no one registered",
        "Unknown receiver (TO address is unknown)",
    )  # fmt: skip
