"""LOC-EMSP: the Locations RECEIVER interface of an eMSP (mod_locations.asciidoc).

The harness plays a CPO pushing its own Locations: the PushReceiver contract at the Location
level (`contracts/push_receiver.py`), and PUT and PATCH of EVSEs and Connectors below it, each
moving its parents' last_updated. Locations cannot be deleted in OCPI: at the end every EVSE the
harness pushed is PATCHed to REMOVED, and LOC-EMSP-013 says so in the report.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from ocpi_conformance.ids import new_id
from ocpi_conformance.resources import fixture
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.spec.v2_2_1.documents import LOC
from ocpi_conformance.text import first
from ocpi_conformance.transport.client import OcpiClient, object_url
from ocpi_conformance.verdicts.cases import MANDATORY, Suite
from ocpi_conformance.verdicts.checks.pagination import parse_datetime
from ocpi_conformance.verdicts.failures import blocked_by

from ..contracts.push_receiver import (
    PushReceiver,
    assert_accepted,
    assert_same,
    now,
    push,
    stored_data,
)

SUITE = Suite("locations", "RECEIVER")
PUT = f"{LOC}#mod_locations_put_method"
PATCH = f"{LOC}#mod_locations_patch_method"


def _moved(client: OcpiClient, url: str, stamp: str, what: str) -> None:
    got = stored_data(client, SUITE.module, url).get("last_updated")
    assert got and parse_datetime(got) == parse_datetime(stamp), (
        f"{what} last_updated is {got}, expected {stamp} (the Receiver SHALL also set the new "
        "last_updated on the parent)"
    )


class TestLocationReceiver(PushReceiver, suite=SUITE):
    numbers: ClassVar[dict[str, int]] = {
        "round_trip": 1,
        "created": 2,
        "replaced": 3,
        "patch_merges": 6,
        "patch_without_last_updated": 9,
        "url_body_mismatch": 10,
        "invalid_refused": 11,
        "unknown_404": 12,
        "accepts_valid": 14,
        "refusals_http_200": 15,
        "answers_valid": 16,
    }

    def patch_of(self, before: dict[str, Any]) -> dict[str, Any]:
        return {"name": f"OCC patched {new_id()[-6:]}"}

    @staticmethod
    def put_evse(harness: Harness, client: OcpiClient, stored: dict[str, Any]) -> dict[str, Any]:
        """PUT the smallest valid EVSE (a fresh uid) below the stored Location."""
        evse = fixture(SUITE.module, "EVSE.minimal")
        evse["uid"] = new_id("EVSE", 17)
        evse["last_updated"] = now()
        for connector in evse["connectors"]:
            connector["last_updated"] = evse["last_updated"]
        url = object_url(stored["url"], evse["uid"])
        assert_accepted(push(harness, client, "PUT", url, SUITE.module, evse), "PUT EVSE")
        stored["body"].setdefault("evses", []).append(evse)
        return {"body": evse, "url": url}

    @pytest.fixture(scope="class")
    @classmethod
    def evse(cls, harness: Harness, client: OcpiClient, stored: dict[str, Any]) -> dict[str, Any]:
        """An EVSE for the cases below the Location level; refused, they are blocked by the
        EVSE PUT case, which PUTs one the same way."""
        with blocked_by("LOC-EMSP-004"):
            return cls.put_evse(harness, client, stored)

    @SUITE.case("LOC-EMSP-004", MANDATORY, PUT)
    def test_put_evse(self, harness: Harness, client: OcpiClient, stored: dict[str, Any]) -> None:
        """An EVSE PUT is stored and moves its Location's last_updated"""
        evse = self.put_evse(harness, client, stored)
        got = stored_data(client, SUITE.module, evse["url"])
        assert_same("EVSE", evse["body"], got, f"EVSE {evse['body']['uid']}")
        _moved(client, stored["url"], evse["body"]["last_updated"], "the Location's")

    @SUITE.case("LOC-EMSP-005", MANDATORY, PUT)
    def test_put_connector(
        self, harness: Harness, client: OcpiClient, stored: dict, evse: dict[str, Any]
    ) -> None:
        """A Connector PUT is stored and moves its parents' last_updated"""
        connector = fixture(SUITE.module, "Connector.minimal")
        connector["id"] = new_id("C", 12)
        connector["last_updated"] = now()
        url = object_url(evse["url"], connector["id"])
        reply = push(harness, client, "PUT", url, SUITE.module, connector)
        assert_accepted(reply, "PUT Connector")
        got = stored_data(client, SUITE.module, url)
        assert_same("Connector", connector, got, f"Connector {connector['id']}")
        _moved(client, evse["url"], connector["last_updated"], "the EVSE's")
        _moved(client, stored["url"], connector["last_updated"], "the Location's")

    @SUITE.case("LOC-EMSP-007", MANDATORY, PATCH)
    def test_patch_evse(
        self, harness: Harness, client: OcpiClient, stored: dict, evse: dict[str, Any]
    ) -> None:
        """A PATCH of an EVSE merges and moves its Location's last_updated"""
        with blocked_by("LOC-EMSP-004"):  # the GET of an EVSE is judged there
            before = stored_data(client, SUITE.module, evse["url"])
        status = "CHARGING" if before.get("status") != "CHARGING" else "AVAILABLE"
        patch = {"status": status, "last_updated": now()}
        reply = push(harness, client, "PATCH", evse["url"], SUITE.module, patch)
        assert_accepted(reply, "PATCH EVSE")
        after = stored_data(client, SUITE.module, evse["url"])
        assert_same("EVSE", {**before, **patch}, after, "the EVSE after PATCH")
        _moved(client, stored["url"], patch["last_updated"], "the Location's")

    @SUITE.case("LOC-EMSP-008", MANDATORY, PATCH)
    def test_patch_connector(
        self, harness: Harness, client: OcpiClient, stored: dict, evse: dict[str, Any]
    ) -> None:
        """A PATCH of a Connector merges and moves its parents' last_updated"""
        url = object_url(evse["url"], evse["body"]["connectors"][0]["id"])
        with blocked_by("LOC-EMSP-005"):  # the GET of a Connector is judged there
            before = stored_data(client, SUITE.module, url)
        patch = {"max_amperage": int(before.get("max_amperage", 16)) + 1, "last_updated": now()}
        reply = push(harness, client, "PATCH", url, SUITE.module, patch)
        assert_accepted(reply, "PATCH Connector")
        after = stored_data(client, SUITE.module, url)
        assert_same("Connector", {**before, **patch}, after, "the Connector after PATCH")
        _moved(client, evse["url"], patch["last_updated"], "the EVSE's")
        _moved(client, stored["url"], patch["last_updated"], "the Location's")

    @pytest.mark.ocpi_last
    @SUITE.case("LOC-EMSP-013", MANDATORY, f"{LOC}#mod_locations_flow_and_lifecycle")
    def test_clean_up(self, harness: Harness, client: OcpiClient, owner: str) -> None:
        """EVSEs PATCHed to REMOVED at the end are accepted (the harness's clean-up)

        Locations cannot be deleted in OCPI: each of ours is also PATCHed to publish=false, so
        no app shows it; what the target refused stays in results.json (left_on_target)."""
        refused = []
        for url in _evses_written(harness, owner):
            body = {"status": "REMOVED", "last_updated": now()}
            reply = client.request("PATCH", url, module=SUITE.module, json_body=body)
            if reply.status_code == 1000:
                harness.ledger.settle(url)
            else:
                refused.append(f"{url}: {reply.describe()}")
        for written in harness.ledger.of(SUITE.module):
            if _depth(written.url, owner) == 0:
                hide = {"publish": False, "last_updated": now()}
                reply = client.request("PATCH", written.url, module=SUITE.module, json_body=hide)
                if reply.status_code == 1000:
                    harness.ledger.settle(written.url)
            elif _depth(written.url, owner) == 2:
                harness.ledger.settle(written.url)  # a Connector goes with its EVSE
        assert not refused, f"EVSEs the harness could not mark REMOVED: {first(refused)}"


def _depth(url: str, owner: str) -> int:
    """0 for a Location's URL, 1 for an EVSE's, 2 for a Connector's."""
    return url.removeprefix(owner).strip("/").count("/")


def _evses_written(harness: Harness, owner: str) -> list[str]:
    """Every EVSE the target accepted from the harness: inside a Location PUT, or on its own."""
    urls: dict[str, None] = {}
    for written in harness.ledger.of(SUITE.module):
        depth = _depth(written.url, owner)
        if depth == 0:
            for evse in written.body.get("evses") or []:
                urls[object_url(written.url, evse.get("uid"))] = None
        elif depth == 1:
            urls[written.url] = None
    return list(urls)
