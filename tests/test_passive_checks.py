"""The exchange-level checks on their own, called as an active case would call them: an
`Exchange` and a `Context` in, judgements out."""

from __future__ import annotations

import base64
import json
from typing import Any

from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.verdicts.checks import costs
from ocpi_conformance.verdicts.checks.context import Context, Party, fingerprint, presented
from ocpi_conformance.verdicts.checks.judged import Seen, judge_sequence
from ocpi_conformance.verdicts.checks.lists import LinkCrawl, date_from_kept, pages_valid
from ocpi_conformance.verdicts.checks.message_ids import HubLegs, UniqueRequestIds
from ocpi_conformance.verdicts.checks.messages import request_id_echoed
from ocpi_conformance.verdicts.checks.sessions import SessionLifeCycle

CPO = "http://cpo.test"
MSP = "http://msp.test"
HUB = "http://hub.test"


def context(*extra: Party) -> Context:
    ctx = Context()
    cpo = Party("NL/CPO", "CPO", "NL", "CPO", f"{CPO}/ocpi/versions", origins={CPO + ":80"})
    cpo.endpoints = {("locations", "SENDER"): f"{CPO}/ocpi/2.2.1/locations",
                     ("sessions", "SENDER"): f"{CPO}/ocpi/2.2.1/sessions"}  # fmt: skip
    msp = Party("NL/MSP", "EMSP", "NL", "MSP", f"{MSP}/ocpi/versions", origins={MSP + ":80"})
    msp.endpoints = {("sessions", "RECEIVER"): f"{MSP}/ocpi/2.2.1/sessions",
                     ("locations", "RECEIVER"): f"{MSP}/ocpi/2.2.1/locations"}  # fmt: skip
    for party in (cpo, msp, *extra):
        ctx.parties[party.key] = party
    return ctx


def exchange(method: str, url: str, *, status: int = 200, response: Any = None,
             request: Any = None, headers: dict[str, str] | None = None,
             answered: dict[str, str] | None = None, at: float = 1000.0) -> Exchange:  # fmt: skip
    return Exchange(
        "captured", method, url, headers or {}, None if request is None else json.dumps(request),
        status, answered or {}, None if response is None else json.dumps(response), at, 5.0,
    )  # fmt: skip


def envelope(data: Any) -> dict[str, Any]:
    return {"data": data, "status_code": 1000, "timestamp": "2026-01-01T00:00:00Z"}


def test_a_token_is_known_by_role_and_encoding_never_by_value() -> None:
    raw = "a-secret-token-value"
    known = frozenset({fingerprint(raw)})
    encoded = base64.b64encode(raw.encode()).decode()
    assert presented(f"Token {encoded}", known).encoding == "base64"
    assert presented(f"Token {raw}", known).encoding == "raw"
    masked = presented("Token «token C of NL/MSP, base64»")
    assert masked.encoding == "base64" and masked.print == "label:token C of NL/MSP"
    assert presented("Token «redacted»").print is None  # a token nobody named
    assert raw not in repr(presented(f"Token {encoded}", known))


def test_an_answer_without_the_request_id_is_the_servers_finding() -> None:
    ctx = context()
    sent = exchange("GET", f"{CPO}/ocpi/2.2.1/locations", headers={"x-request-id": "r-1"},
                    answered={"x-request-id": "r-2"}, response=envelope([]))  # fmt: skip
    seen = Seen.of(sent, ctx)
    assert request_id_echoed(seen) and seen.party_key("server") == "NL/CPO"
    assert seen.party_key("client") == "NL/MSP"  # the other of two parties


def test_a_page_whose_link_does_not_move_on_and_old_objects_for_date_from() -> None:
    ctx = context()
    url = f"{CPO}/ocpi/2.2.1/sessions?date_from=2026-01-02T00:00:00Z&offset=3&limit=3"
    old = {"id": "S1", "last_updated": "2026-01-01T00:00:00Z"}
    page = exchange("GET", url, response=envelope([old]),
                    answered={"link": f'<{CPO}/ocpi/2.2.1/sessions?offset=3&limit=3>; rel="next"',
                              "x-total-count": "9", "x-limit": "3"})  # fmt: skip
    seen = Seen.of(page, ctx)
    assert any("does not move on" in p for p in pages_valid(seen) or [])
    assert date_from_kept(seen) and "before date_from" in date_from_kept(seen)[0]


def test_a_cursor_link_that_loops_is_caught_across_pages() -> None:
    ctx = context()
    base = f"{CPO}/ocpi/2.2.1/locations"
    pages = [
        exchange("GET", f"{base}?cursor=a", response=envelope([]),
                 answered={"link": f'<{base}?cursor=b>; rel="next"'}),
        exchange("GET", f"{base}?cursor=b", response=envelope([]),
                 answered={"link": f'<{base}?cursor=a>; rel="next"'}),
    ]  # fmt: skip
    found = list(judge_sequence(LinkCrawl({"locations": "LOC-CPO-001"}),
                                [Seen.of(p, ctx, i) for i, p in enumerate(pages, 1)]))  # fmt: skip
    assert [j.problem for j in found if j.problem] and found[-1].party == "NL/CPO"


def _session(status: str, stamp: str) -> dict[str, Any]:
    return {"id": "S1", "status": status, "last_updated": stamp, "country_code": "NL",
            "party_id": "CPO"}  # fmt: skip


def test_a_session_status_never_goes_back() -> None:
    ctx = context()
    url = f"{MSP}/ocpi/2.2.1/sessions/NL/CPO/S1"

    def pushes(*states: tuple[str, str]) -> list[Seen]:
        return [Seen.of(exchange("PUT", url, request=_session(s, t), response=envelope(None)),
                        ctx, i) for i, (s, t) in enumerate(states, 1)]  # fmt: skip

    forward = pushes(("PENDING", "2026-01-01T10:00:00Z"), ("ACTIVE", "2026-01-01T10:01:00Z"),
                     ("COMPLETED", "2026-01-01T11:00:00Z"))  # fmt: skip
    assert [j.problem for j in judge_sequence(SessionLifeCycle(), forward)] == [None, None]
    back = pushes(("COMPLETED", "2026-01-01T11:00:00Z"), ("ACTIVE", "2026-01-01T11:05:00Z"))
    found = list(judge_sequence(SessionLifeCycle(), back))
    assert "COMPLETED (final) and then ACTIVE" in str(found[0].problem)
    # judged by the Session's own clock: the same states, the capture out of order
    shuffled = pushes(("COMPLETED", "2026-01-01T11:00:00Z"), ("PENDING", "2026-01-01T10:00:00Z"))
    assert [j.problem for j in judge_sequence(SessionLifeCycle(), shuffled)] == [None]


def test_a_cdr_is_recomputed_from_its_periods_and_tariff() -> None:
    tariff = {"id": "T1", "currency": "EUR", "elements": [{"price_components": [
        {"type": "ENERGY", "price": 0.25, "step_size": 1},
        {"type": "PARKING_TIME", "price": 2.0, "step_size": 300}]}]}  # fmt: skip
    cdr = {
        "currency": "EUR", "total_energy": 10.0, "total_time": 1.5, "total_parking_time": 0.5,
        "charging_periods": [
            {"start_date_time": "2026-01-01T10:00:00Z", "tariff_id": "T1",
             "dimensions": [{"type": "ENERGY", "volume": 10.0}, {"type": "TIME", "volume": 1.0}]},
            {"start_date_time": "2026-01-01T11:00:00Z", "tariff_id": "T1",
             "dimensions": [{"type": "PARKING_TIME", "volume": 0.45}]},
        ],
        "total_cost": {"excl_vat": 3.40},
    }  # fmt: skip
    assert costs.totals_problems(cdr) == [
        "total_parking_time 0.5 h, the periods' PARKING_TIME 0.45 h"
    ]
    found = costs.cost(cdr, {"T1": tariff})
    assert not isinstance(found, str)
    # 10 kWh at 0.25 is 2.50; 27 minutes of parking billed by 5 minutes: 30 minutes, 1.00
    assert round(found.low, 2) == 3.40 and round(found.high, 2) == 3.50
    assert costs.cost_problems(cdr, found) == []
    assert costs.cost_problems({**cdr, "total_cost": {"excl_vat": 9.0}}, found)
    restricted = {**tariff, "elements": [{**tariff["elements"][0], "restrictions": {"max_kwh": 5}}]}
    assert isinstance(costs.cost(cdr, {"T1": restricted}), str)  # not recomputed


def test_request_ids_are_unique_and_a_hub_gives_each_leg_its_own() -> None:
    hub = Party("NL/HUB", "HUB", "NL", "HUB", f"{HUB}/ocpi/versions", origins={HUB + ":80"})
    hub.endpoints = {("locations", "RECEIVER"): f"{HUB}/ocpi/2.2.1/locations"}
    ctx = context(hub)
    location = {"id": "L1"}

    def leg(url: str, rid: str, cid: str, frm: str, at: float) -> Exchange:
        headers = {"x-request-id": rid, "x-correlation-id": cid, "ocpi-from-country-code": "NL",
                   "ocpi-from-party-id": frm}  # fmt: skip
        return exchange("PUT", url, request=location, headers=headers, at=at,
                        response=envelope(None))  # fmt: skip

    into_hub = leg(f"{HUB}/ocpi/2.2.1/locations/NL/CPO/L1", "r-1", "c-1", "CPO", 1000.0)
    copied = leg(f"{MSP}/ocpi/2.2.1/locations/NL/CPO/L1", "r-1", "c-1", "HUB", 1000.5)
    fresh = leg(f"{MSP}/ocpi/2.2.1/locations/NL/CPO/L1", "r-2", "c-1", "HUB", 1000.5)
    bad = list(judge_sequence(HubLegs(), [Seen.of(into_hub, ctx, 1), Seen.of(copied, ctx, 2)]))
    good = list(judge_sequence(HubLegs(), [Seen.of(into_hub, ctx, 1), Seen.of(fresh, ctx, 2)]))
    assert "copies X-Request-ID r-1" in str(bad[0].problem) and bad[0].party == "NL/HUB"
    assert [j.problem for j in good] == [None]
    twice = list(judge_sequence(UniqueRequestIds(), [Seen.of(into_hub, ctx, 1),
                                                     Seen.of(into_hub, ctx, 2)]))  # fmt: skip
    assert [j.problem is None for j in twice] == [True, False]


def test_every_rule_is_bound_to_a_case_and_documented() -> None:
    from pathlib import Path

    from ocpi_conformance.verdicts.cases import CASE_ID
    from ocpi_conformance.verdicts.catalog import catalogue
    from ocpi_conformance.verdicts.checks.registry import FLOWS, PASSIVE_ONLY, cases, rules

    bound = cases()
    assert set(bound) == set(rules().cases)  # every id a rule judges is a case
    assert not set(PASSIVE_ONLY) & set(catalogue())  # a passive id is a rule no case states
    assert all(CASE_ID.match(case) for case in bound)
    doc = (Path(__file__).parent.parent / "docs" / "passive.md").read_text(encoding="utf-8")
    assert not [case for case in bound if f"| {case}" not in doc]
    # the asynchronous flows name the suites' cases of their own request
    words = {"START_SESSION": "START_SESSION", "RESERVE_NOW": "RESERVE_NOW",
             "CANCEL_RESERVATION": "CANCEL_RESERVATION", "UNLOCK_CONNECTOR": "UNLOCK_CONNECTOR",
             "PUT": "PUT of a SetChargingProfile", "GET": "GET of the ActiveChargingProfile",
             "DELETE": "DELETE of the profile"}  # fmt: skip
    for (_, what), flow in FLOWS.items():
        for case in (flow.response, flow.result, flow.result_token, flow.result_ids):
            assert catalogue()[case].title.startswith(words[what]), (what, case)
