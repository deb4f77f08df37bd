"""SES-EMSP: the Sessions RECEIVER interface of an eMSP (mod_sessions.asciidoc, mod_sessions.md).

The harness plays a CPO pushing its own Sessions: the PushReceiver contract, and the rules of
charging_periods: a PUT replaces them with those it carries, a PATCH adds the ones it carries
to those stored (2.2.1 only: 2.1.1 says nothing of charging_periods in a PATCH). Sessions cannot
be deleted in OCPI: at the end each Session of ours is PATCHed to COMPLETED, so none stays open
on the target.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.ledger import Written
from ocpi_conformance.spec.v2_2_1.documents import SES
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import OcpiClient, Reply
from ocpi_conformance.verdicts.cases import MANDATORY, Suite
from ocpi_conformance.verdicts.failures import blocked_by

from ..contracts.push_receiver import (
    PushReceiver,
    assert_accepted,
    now,
    push,
    stored_data,
)

SUITE = Suite("sessions", "RECEIVER", versions=("2.2.1", "2.1.1", "2.3.0"))
PATCH = f"{SES}#mod_sessions_patch_method"
PUT = f"{SES}#mod_sessions_msp_put_method"
# 2.1.1: "A PUT request must specify all required fields of an object ... Optional fields that
# are not included will revert to their default value" (the PUT replaces the whole object)
PUT_211 = f"{spec_version('2.1.1').documents.TAF}#put"


def _period(start: str, kwh: float) -> dict[str, Any]:
    return {"start_date_time": start, "dimensions": [{"type": "ENERGY", "volume": kwh}]}


def _starts(session: dict[str, Any]) -> list[str]:
    return [str(p.get("start_date_time")) for p in session.get("charging_periods") or []]


class TestSessionReceiver(PushReceiver, suite=SUITE):
    numbers: ClassVar[dict[str, int]] = {
        **PushReceiver.numbers,
        "refusals_http_200": 13,  # 011 and 012 are this module's own
        "answers_valid": 14,
        "refusals_not_http_errors": 15,
        "undocumented_field_accepted": 16,
    }
    words: ClassVar[dict[str, str]] = {"undo_spec": PATCH}

    def patch_of(self, before: dict[str, Any]) -> dict[str, Any]:
        return {"kwh": round(float(before.get("kwh") or 0) + 1, 3)}

    def undo(self, client: OcpiClient, written: Written) -> Reply | None:
        """A Session cannot be deleted: ours are closed (COMPLETED, with an end: the field the
        version's Session has, end_date_time in 2.2.1, end_datetime in 2.1.1)."""
        stamp = now(client.version)
        fields = client.version.objects["Session"].model_fields
        end = next(f for f in ("end_date_time", "end_datetime") if f in fields)
        body = {"status": "COMPLETED", end: stamp, "last_updated": stamp}
        return client.request("PATCH", written.url, module=SUITE.module, json_body=body)

    @SUITE.case("SES-EMSP-011", MANDATORY, PATCH, versions=("2.2.1", "2.3.0"))
    def test_patch_adds_charging_periods(
        self, harness: Harness, client: OcpiClient, stored: dict[str, Any]
    ) -> None:
        """A PATCH with charging_periods adds them to the stored ones"""
        stamp = now(client.version)
        first = {"charging_periods": [_period("2024-03-04T08:00:00Z", 1)], "last_updated": stamp}
        second = {"charging_periods": [_period("2024-03-04T08:15:00Z", 2)], "last_updated": stamp}
        for patch in (first, second):
            reply = push(harness, client, "PATCH", stored["url"], SUITE.module, patch)
            assert_accepted(reply, "PATCH Session charging_periods")
        with blocked_by(self.case_id("round_trip")):  # the GET itself is judged there
            starts = _starts(stored_data(client, SUITE.module, stored["url"]))
        assert starts[-2:] == ["2024-03-04T08:00:00Z", "2024-03-04T08:15:00Z"], (
            f"after two PATCHes of one ChargingPeriod each the Session holds periods starting "
            f"{starts}: a PATCH SHALL add its periods to the existing ones"
        )

    @SUITE.case("SES-EMSP-012", MANDATORY, PUT, clauses={"2.1.1": PUT_211})
    def test_put_replaces_charging_periods(
        self, harness: Harness, client: OcpiClient, stored: dict[str, Any]
    ) -> None:
        """A PUT replaces the stored charging_periods with those it carries"""
        body = {**stored["body"], "charging_periods": [_period("2024-03-04T09:00:00Z", 3)]}
        for _ in range(2):
            body = {**body, "last_updated": now(client.version)}
            assert_accepted(push(harness, client, "PUT", stored["url"], SUITE.module, body), "PUT")
        with blocked_by(self.case_id("round_trip")):  # the GET itself is judged there
            starts = _starts(stored_data(client, SUITE.module, stored["url"]))
        assert starts == ["2024-03-04T09:00:00Z"], (
            f"after PUTting one ChargingPeriod the Session holds periods starting {starts}: "
            "any charging_periods of the existing object SHALL be replaced"
        )
