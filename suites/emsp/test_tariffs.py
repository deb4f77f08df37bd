"""TAR-EMSP: the Tariffs RECEIVER interface of an eMSP (mod_tariffs.asciidoc, mod_tariffs.md).

The harness plays a CPO pushing its own Tariffs: the PushReceiver contract (PUT round trips
with hypothesis, 201/200, URL and body agreeing, invalid ones refused, 404 for an unknown one),
its PATCH case only where the Receiver has a PATCH (2.1.1 has, 2.2.1 has not: TAR-EMSP-013), and
DELETE, which is also how the harness removes every Tariff it pushed at the end.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from ocpi_conformance.ids import new_id
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.ledger import Written
from ocpi_conformance.spec.v2_2_1.documents import STC, TAR
from ocpi_conformance.transport.client import OcpiClient, Reply
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import assert_http, assert_status_code
from ocpi_conformance.verdicts.failures import BLOCKED, blocked_by

from ..contracts.push_receiver import PushReceiver

SUITE = Suite("tariffs", "RECEIVER", versions=("2.2.1", "2.1.1", "2.3.0"))
DELETE = f"{TAR}#mod_tariffs_delete_method"


class TestTariffReceiver(PushReceiver, suite=SUITE):
    numbers: ClassVar[dict[str, int]] = {
        "round_trip": 1,
        "created": 2,
        "replaced": 3,
        "url_body_mismatch": 4,
        "invalid_refused": 5,
        "unknown_404": 6,
        "clean_up": 7,
        "accepts_valid": 8,
        "refusals_http_200": 11,  # 009 and 010 are this module's own
        "answers_valid": 12,
        "patch_merges": 13,  # 2.1.1 only: the 2.2.1 Receiver has no PATCH
        "refusals_not_http_errors": 14,
        "undocumented_field_accepted": 15,
    }
    words: ClassVar[dict[str, str]] = {"undo_spec": DELETE}

    def patch_of(self, before: dict[str, Any]) -> dict[str, Any]:
        """Another tariff_alt_url (a field every version's Tariff has)."""
        return {"tariff_alt_url": f"https://ocpi.example.com/tariffs/{new_id()}"}

    def undo(self, client: OcpiClient, written: Written) -> Reply | None:
        return client.request("DELETE", written.url, module=SUITE.module)

    @pytest.fixture(scope="class")
    @classmethod
    def deleted(
        cls, harness: Harness, client: OcpiClient, owner: str, suite: Suite
    ) -> dict[str, Any]:
        """A Tariff of its own, PUT and DELETEd: the one the cases that change a Tariff share
        stays (in 2.1.1 the PATCH case, numbered after these, still needs it)."""
        with blocked_by(cls.case_id("round_trip")):  # its PUT is the round trip's first
            put = cls.put_smallest(harness, client, owner, suite)
        return {**put, "reply": client.request("DELETE", put["url"], module=SUITE.module)}

    @SUITE.case("TAR-EMSP-009", MANDATORY, DELETE)
    def test_delete_removes_the_tariff(
        self, harness: Harness, client: OcpiClient, deleted: dict[str, Any]
    ) -> None:
        """DELETE of a Tariff is answered with success, and a GET then finds no Tariff"""
        reply = deleted["reply"]
        assert_http(reply, 200, "DELETE Tariff")
        assert_status_code(reply, 1000, "DELETE Tariff")
        after = client.get(deleted["url"], module=SUITE.module)
        still = after.status_code == 1000 and isinstance(after.data, dict)
        assert not still, f"the deleted Tariff is still served: {after.describe()}"
        harness.ledger.settle(deleted["url"])

    @SUITE.case("TAR-EMSP-010", RECOMMENDED, f"{STC}#status_codes_status_codes")
    def test_a_deleted_tariff_gets_404(self, client: OcpiClient, deleted: dict[str, Any]) -> None:
        """A GET of a deleted Tariff gets HTTP 404"""
        if deleted["reply"].status_code != 1000:
            pytest.skip(
                f"{BLOCKED}TAR-EMSP-009: the DELETE was refused ({deleted['reply'].describe()})"
            )
        reply = client.get(deleted["url"], module=SUITE.module)
        assert_http(reply, 404, "GET of the deleted Tariff")
