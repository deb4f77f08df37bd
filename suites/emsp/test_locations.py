"""LOC-EMSP: the Locations RECEIVER interface of an eMSP (mod_locations.asciidoc, mod_locations.md).

The harness plays a CPO pushing its own Locations: the PushReceiver contract at the Location
level (`contracts/push_receiver.py`), and PUT and PATCH of EVSEs and Connectors below it. In
2.2.1 each moves its parents' last_updated ("the Receiver SHALL also set the new last_updated
value on the parent"); 2.1.1 says that of the CPO's own objects only (its GET list), not of a
Receiver, so its EVSE and Connector cases judge what is stored alone (LOC-EMSP-018 to 021).
Locations cannot be deleted in OCPI: at the end every EVSE the harness pushed is PATCHed to
REMOVED, and LOC-EMSP-013 says so in the report.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from ocpi_conformance.ids import new_id
from ocpi_conformance.resources import fixture
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.spec.v2_2_1.documents import LOC
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.text import first
from ocpi_conformance.transport.client import OcpiClient, object_url
from ocpi_conformance.verdicts.cases import MANDATORY, Suite
from ocpi_conformance.verdicts.checks.pagination import parse_datetime
from ocpi_conformance.verdicts.failures import blocked_by

from ..contracts.push_receiver import (
    OPEN_ENUM,
    PushReceiver,
    assert_accepted,
    assert_same,
    now,
    push,
    stored_data,
)
from ..contracts.versions import judged_in

SUITE = Suite("locations", "RECEIVER", versions=("2.2.1", "2.1.1", "2.3.0"))
PUT = f"{LOC}#mod_locations_put_method"
PATCH = f"{LOC}#mod_locations_patch_method"
LOC_211 = spec_version("2.1.1").documents.LOC
PUT_211 = f"{LOC_211}#222-put-method"
PATCH_211 = f"{LOC_211}#223-patch-method"
SINCE_22, ONLY_211 = ("2.2.1", "2.3.0"), ("2.1.1",)  # SINCE_22: parents move


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
        "refusals_not_http_errors": 17,
        "undocumented_field_accepted": 22,
    }

    def patch_of(self, before: dict[str, Any]) -> dict[str, Any]:
        return {"name": f"OCC patched {new_id()[-6:]}"}

    @staticmethod
    def put_evse(harness: Harness, client: OcpiClient, stored: dict[str, Any]) -> dict[str, Any]:
        """PUT the smallest valid EVSE (a fresh uid) below the stored Location."""
        evse = fixture(SUITE.module, "EVSE.minimal", client.version.number)
        evse["uid"] = new_id("EVSE", 17)
        evse["last_updated"] = now(client.version)
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
        with blocked_by(judged_in(client.version.number, cls.test_put_evse, cls.test_evse_put)):
            return cls.put_evse(harness, client, stored)

    @staticmethod
    def put_connector(harness: Harness, client: OcpiClient, evse: dict[str, Any]) -> dict[str, Any]:
        """PUT the smallest valid Connector (a fresh id) below the EVSE, and read it back."""
        connector = fixture(SUITE.module, "Connector.minimal", client.version.number)
        connector["id"] = new_id("C", 12)
        connector["last_updated"] = now(client.version)
        url = object_url(evse["url"], connector["id"])
        reply = push(harness, client, "PUT", url, SUITE.module, connector)
        assert_accepted(reply, "PUT Connector")
        got = stored_data(client, SUITE.module, url)
        assert_same(
            "Connector", connector, got, f"Connector {connector['id']}", client.version.number
        )
        return {"body": connector, "url": url}

    @staticmethod
    def patched_evse(
        harness: Harness, client: OcpiClient, evse: dict[str, Any], getting: str
    ) -> dict[str, Any]:
        """PATCH the EVSE's status and see the PATCH merged; `getting`: the case that judges
        the GET of an EVSE (a refused GET blocks)."""
        with blocked_by(getting):
            before = stored_data(client, SUITE.module, evse["url"])
        status = "CHARGING" if before.get("status") != "CHARGING" else "AVAILABLE"
        patch = {"status": status, "last_updated": now(client.version)}
        reply = push(harness, client, "PATCH", evse["url"], SUITE.module, patch)
        assert_accepted(reply, "PATCH EVSE")
        after = stored_data(client, SUITE.module, evse["url"])
        merged = {**before, **patch}
        assert_same("EVSE", merged, after, "the EVSE after PATCH", client.version.number)
        return patch

    @staticmethod
    def patched_connector(
        harness: Harness, client: OcpiClient, evse: dict[str, Any], getting: str
    ) -> dict[str, Any]:
        """PATCH the first Connector's amperage (`max_amperage` in 2.2.1, `amperage` in 2.1.1:
        the field the version's Connector has) and see the PATCH merged."""
        url = object_url(evse["url"], evse["body"]["connectors"][0]["id"])
        with blocked_by(getting):  # the GET of a Connector is judged there
            before = stored_data(client, SUITE.module, url)
        fields = client.version.objects["Connector"].model_fields
        amperage = next(f for f in ("max_amperage", "amperage") if f in fields)
        patch = {amperage: int(before.get(amperage, 16)) + 1, "last_updated": now(client.version)}
        reply = push(harness, client, "PATCH", url, SUITE.module, patch)
        assert_accepted(reply, "PATCH Connector")
        after = stored_data(client, SUITE.module, url)
        merged = {**before, **patch}
        assert_same("Connector", merged, after, "the Connector after PATCH", client.version.number)
        return patch

    @SUITE.case("LOC-EMSP-004", MANDATORY, PUT, versions=SINCE_22)
    def test_put_evse(self, harness: Harness, client: OcpiClient, stored: dict[str, Any]) -> None:
        """An EVSE PUT is stored and moves its Location's last_updated"""
        evse = self.put_evse(harness, client, stored)
        got = stored_data(client, SUITE.module, evse["url"])
        assert_same("EVSE", evse["body"], got, f"EVSE {evse['body']['uid']}")
        _moved(client, stored["url"], evse["body"]["last_updated"], "the Location's")

    @SUITE.case("LOC-EMSP-005", MANDATORY, PUT, versions=SINCE_22)
    def test_put_connector(
        self, harness: Harness, client: OcpiClient, stored: dict, evse: dict[str, Any]
    ) -> None:
        """A Connector PUT is stored and moves its parents' last_updated"""
        connector = self.put_connector(harness, client, evse)["body"]
        _moved(client, evse["url"], connector["last_updated"], "the EVSE's")
        _moved(client, stored["url"], connector["last_updated"], "the Location's")

    @SUITE.case("LOC-EMSP-007", MANDATORY, PATCH, versions=SINCE_22)
    def test_patch_evse(
        self, harness: Harness, client: OcpiClient, stored: dict, evse: dict[str, Any]
    ) -> None:
        """A PATCH of an EVSE merges and moves its Location's last_updated"""
        patch = self.patched_evse(harness, client, evse, "LOC-EMSP-004")
        _moved(client, stored["url"], patch["last_updated"], "the Location's")

    @SUITE.case("LOC-EMSP-008", MANDATORY, PATCH, versions=SINCE_22)
    def test_patch_connector(
        self, harness: Harness, client: OcpiClient, stored: dict, evse: dict[str, Any]
    ) -> None:
        """A PATCH of a Connector merges and moves its parents' last_updated"""
        patch = self.patched_connector(harness, client, evse, "LOC-EMSP-005")
        _moved(client, evse["url"], patch["last_updated"], "the EVSE's")
        _moved(client, stored["url"], patch["last_updated"], "the Location's")

    # 2.1.1: "Push new/updated Location, EVSE and/or Connectors to the eMSP" (eMSP interface),
    # the PUT taking "New EVSE object, or EVSE object to replace"; stored as sent, as the
    # Location round trip (LOC-EMSP-001) is.
    @SUITE.case("LOC-EMSP-018", MANDATORY, PUT_211, versions=ONLY_211)
    def test_evse_put(self, harness: Harness, client: OcpiClient, stored: dict[str, Any]) -> None:
        """An EVSE PUT below a Location is stored as sent"""
        evse = self.put_evse(harness, client, stored)
        got = stored_data(client, SUITE.module, evse["url"])
        what = f"EVSE {evse['body']['uid']}"
        assert_same("EVSE", evse["body"], got, what, client.version.number)

    @SUITE.case("LOC-EMSP-019", MANDATORY, PUT_211, versions=ONLY_211)
    def test_connector_put(
        self, harness: Harness, client: OcpiClient, evse: dict[str, Any]
    ) -> None:
        """A Connector PUT below an EVSE is stored as sent"""
        self.put_connector(harness, client, evse)

    # 2.1.1: "Same as the PUT method, but only the fields/objects that have to be updated have to
    # be present, other fields/objects that are not specified are considered unchanged."
    @SUITE.case("LOC-EMSP-020", MANDATORY, PATCH_211, versions=ONLY_211)
    def test_evse_patch(self, harness: Harness, client: OcpiClient, evse: dict[str, Any]) -> None:
        """A PATCH of an EVSE merges only the fields sent"""
        self.patched_evse(harness, client, evse, "LOC-EMSP-018")

    @SUITE.case("LOC-EMSP-021", MANDATORY, PATCH_211, versions=ONLY_211)
    def test_connector_patch(
        self, harness: Harness, client: OcpiClient, evse: dict[str, Any]
    ) -> None:
        """A PATCH of a Connector merges only the fields sent"""
        self.patched_connector(harness, client, evse, "LOC-EMSP-019")

    # Reading (2.3.0): ConnectorType, Facility, Capability, ParkingType and the other OpenEnums
    # of a Location are any string, the listed values the known ones ("leave room for them to
    # use other values", types_openenum_type): a Location using others is valid, and a
    # Receiver takes a valid Location (LOC-EMSP-014's reading: mandatory).
    @SUITE.case("LOC-EMSP-023", MANDATORY, OPEN_ENUM, versions=("2.3.0",))
    def test_unlisted_open_enum_values_are_accepted(
        self, harness: Harness, client: OcpiClient, owner: str, suite: Suite
    ) -> None:
        """A Location PUT whose OpenEnum fields hold values no table lists is accepted and
        stored"""
        self.put_unlisted(harness, client, owner, suite)

    @pytest.mark.ocpi_last
    @SUITE.case("LOC-EMSP-013", MANDATORY, f"{LOC}#mod_locations_flow_and_lifecycle")
    def test_clean_up(self, harness: Harness, client: OcpiClient, owner: str) -> None:
        """EVSEs PATCHed to REMOVED at the end are accepted (the harness's clean-up)

        Locations cannot be deleted in OCPI: where the version's Location has `publish`
        (2.2.1) each of ours is also PATCHed to publish=false, so no app shows it; in 2.1.1 "A
        Location without valid EVSE objects can be considered as expired and should no longer
        be displayed". What the target refused stays in results.json (left_on_target)."""
        refused = []
        for url in _evses_written(harness, owner):
            body = {"status": "REMOVED", "last_updated": now(client.version)}
            reply = client.request("PATCH", url, module=SUITE.module, json_body=body)
            if reply.status_code == 1000:
                harness.ledger.settle(url)
            else:
                refused.append(f"{url}: {reply.describe()}")
        publish = "publish" in client.version.objects["Location"].model_fields
        for written in harness.ledger.of(SUITE.module):
            if _depth(written.url, owner) == 0 and not publish:
                if not refused:  # every EVSE of ours REMOVED: the Location is expired
                    harness.ledger.settle(written.url)
            elif _depth(written.url, owner) == 0:
                hide = {"publish": False, "last_updated": now(client.version)}
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
