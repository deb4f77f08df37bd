"""LOC-EMSP: the Locations RECEIVER interface of an eMSP (mod_locations.asciidoc).

The harness plays a CPO pushing its own Locations (its party identity, ids prefixed OCC-): PUT
and PATCH at every level, then GET to see what the eMSP stored. Objects come from the hypothesis
strategies, so the round trip meets the boundaries of every field; a failing example is shrunk
and printed with the run's seed. Locations cannot be deleted in OCPI: at the end every EVSE the
harness pushed is PATCHed to REMOVED, and LOC-EMSP-013 says so in the report.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocpi_conformance.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.checks.envelope import assert_answered
from ocpi_conformance.checks.roundtrip import differences
from ocpi_conformance.client import OcpiClient, Reply, object_url
from ocpi_conformance.harness import Harness
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.v2_2_1.documents import LOC, STC, TAF
from ocpi_conformance.strategies import Invalid, invalid, schema_of, valid

SUITE = Suite("locations", "RECEIVER")

ROUND_TRIP = settings(suppress_health_check=list(HealthCheck))
pushed: dict[str, dict[str, Any]] = {}  # location id -> last body stored, for the clean-up


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _accepted(reply: Reply, what: str) -> None:
    assert_answered(reply)
    assert reply.status in (200, 201) and reply.status_code == 1000, (
        f"{what}: {reply.describe()}, expected HTTP 200/201 with status_code 1000"
    )


def _same(name: str, sent: dict[str, Any], got: Any, what: str) -> None:
    schema = schema_of(name)
    found = differences(sent, got, schema, schema)
    assert not found, f"{what}: stored differently: {'; '.join(found[:5])}"


def _put_location(client: OcpiClient, owner: str, location: dict[str, Any]) -> Reply:
    reply = client.request(
        "PUT", object_url(owner, location["id"]), module=SUITE.module, json_body=location
    )
    if reply.status in (200, 201):
        pushed[location["id"]] = location
    return reply


def _get(client: OcpiClient, url: str) -> Any:
    reply = client.get(url, module=SUITE.module)
    assert_answered(reply)
    assert reply.status == 200 and reply.status_code == 1000, f"{reply.describe()}"
    return reply.data


def _fresh(harness: Harness) -> st.SearchStrategy[dict[str, Any]]:
    """Locations with a new id each draw, so every PUT creates."""

    def renamed(location: dict[str, Any]) -> dict[str, Any]:
        location["id"] = f"OCC-{uuid.uuid4()}"[:36]
        return location

    return valid("Location", harness.identity).map(renamed)


@SUITE.case("LOC-EMSP-001", MANDATORY, f"{LOC}#mod_locations_put_method")
def test_put_location_round_trip(harness: Harness, client: OcpiClient, owner: str) -> None:
    """A Location PUT is stored as sent: GET returns it equal"""

    @ROUND_TRIP
    @given(_fresh(harness))
    def round_trip(location: dict[str, Any]) -> None:
        _accepted(_put_location(client, owner, location), f"PUT Location {location['id']}")
        _same(
            "Location",
            location,
            _get(client, object_url(owner, location["id"])),
            f"Location {location['id']}",
        )

    round_trip()


@pytest.fixture(scope="module")
def stored(harness: Harness, client: OcpiClient, owner: str) -> dict[str, Any]:
    """One Location with an EVSE and a Connector, pushed for the per-level cases."""
    location = fixture(SUITE.module, "Location.full")
    location.update(
        country_code=harness.identity.country_code,
        party_id=harness.identity.party_id,
        id=f"OCC-{uuid.uuid4()}"[:36],
    )
    reply = _put_location(client, owner, location)
    _accepted(reply, "PUT of the Location the per-level cases use")
    location["_created_status"] = reply.status
    return location


@SUITE.case("LOC-EMSP-002", RECOMMENDED, f"{STC}#status_codes_status_codes")
def test_put_new_location_answers_201(stored: dict[str, Any]) -> None:
    """PUT of a new Location answers HTTP 201"""
    assert stored["_created_status"] == 201, (
        f"PUT of a new Location answered HTTP {stored['_created_status']}, expected 201 Created"
    )


@SUITE.case("LOC-EMSP-003", RECOMMENDED, f"{STC}#status_codes_status_codes")
def test_put_existing_location_answers_200(
    client: OcpiClient, owner: str, stored: dict[str, Any]
) -> None:
    """PUT replacing a Location answers HTTP 200"""
    body = {k: v for k, v in stored.items() if not k.startswith("_")}
    body["last_updated"] = _now()
    reply = _put_location(client, owner, body)
    _accepted(reply, "PUT replacing a Location")
    assert reply.status == 200, f"PUT replacing a Location: {reply.describe()}, expected HTTP 200"


def _moved(client: OcpiClient, url: str, stamp: str, what: str) -> None:
    from ocpi_conformance.checks.pagination import parse_datetime

    got = _get(client, url).get("last_updated")
    assert got and parse_datetime(got) == parse_datetime(stamp), (
        f"{what} last_updated is {got}, expected {stamp} (the Receiver SHALL also set the new "
        "last_updated on the parent)"
    )


@SUITE.case("LOC-EMSP-004", MANDATORY, f"{LOC}#mod_locations_put_method")
def test_put_evse(client: OcpiClient, owner: str, stored: dict[str, Any]) -> None:
    """An EVSE PUT is stored and moves its Location's last_updated"""
    evse = fixture(SUITE.module, "EVSE.full")
    evse["uid"] = f"OCC-EVSE-{uuid.uuid4().hex[:8]}"
    evse["last_updated"] = _now()
    for connector in evse["connectors"]:
        connector["last_updated"] = evse["last_updated"]
    url = object_url(owner, stored["id"], evse["uid"])
    _accepted(client.request("PUT", url, module=SUITE.module, json_body=evse), "PUT EVSE")
    _same("EVSE", evse, _get(client, url), f"EVSE {evse['uid']}")
    _moved(client, object_url(owner, stored["id"]), evse["last_updated"], "the Location's")
    stored.setdefault("evses", []).append(evse)


@SUITE.case("LOC-EMSP-005", MANDATORY, f"{LOC}#mod_locations_put_method")
def test_put_connector(client: OcpiClient, owner: str, stored: dict[str, Any]) -> None:
    """A Connector PUT is stored and moves its parents' last_updated"""
    evse = stored["evses"][0]
    connector = fixture(SUITE.module, "Connector.full")
    connector["id"] = f"OCC-C-{uuid.uuid4().hex[:6]}"
    connector["last_updated"] = _now()
    url = object_url(owner, stored["id"], evse["uid"], connector["id"])
    _accepted(client.request("PUT", url, module=SUITE.module, json_body=connector), "PUT Connector")
    _same("Connector", connector, _get(client, url), f"Connector {connector['id']}")
    _moved(
        client,
        object_url(owner, stored["id"], evse["uid"]),
        connector["last_updated"],
        "the EVSE's",
    )
    _moved(client, object_url(owner, stored["id"]), connector["last_updated"], "the Location's")


@SUITE.case("LOC-EMSP-006", MANDATORY, f"{LOC}#mod_locations_patch_method")
def test_patch_location(client: OcpiClient, owner: str, stored: dict[str, Any]) -> None:
    """A PATCH of a Location merges only the fields sent"""
    url = object_url(owner, stored["id"])
    before = _get(client, url)
    patch = {"name": f"OCC patched {uuid.uuid4().hex[:6]}", "last_updated": _now()}
    _accepted(client.request("PATCH", url, module=SUITE.module, json_body=patch), "PATCH Location")
    _same(
        "Location", {**before, **patch}, _get(client, url), f"Location {stored['id']} after PATCH"
    )


@SUITE.case("LOC-EMSP-007", MANDATORY, f"{LOC}#mod_locations_patch_method")
def test_patch_evse(client: OcpiClient, owner: str, stored: dict[str, Any]) -> None:
    """A PATCH of an EVSE merges and moves its Location's last_updated"""
    evse = stored["evses"][0]
    url = object_url(owner, stored["id"], evse["uid"])
    before = _get(client, url)
    status = "CHARGING" if before.get("status") != "CHARGING" else "AVAILABLE"
    patch = {"status": status, "last_updated": _now()}
    _accepted(client.request("PATCH", url, module=SUITE.module, json_body=patch), "PATCH EVSE")
    _same("EVSE", {**before, **patch}, _get(client, url), f"EVSE {evse['uid']} after PATCH")
    _moved(client, object_url(owner, stored["id"]), patch["last_updated"], "the Location's")


@SUITE.case("LOC-EMSP-008", MANDATORY, f"{LOC}#mod_locations_patch_method")
def test_patch_connector(client: OcpiClient, owner: str, stored: dict[str, Any]) -> None:
    """A PATCH of a Connector merges and moves its parents' last_updated"""
    evse = stored["evses"][0]
    connector = evse["connectors"][0]
    url = object_url(owner, stored["id"], evse["uid"], connector["id"])
    before = _get(client, url)
    patch = {"max_amperage": int(before.get("max_amperage", 16)) + 1, "last_updated": _now()}
    _accepted(client.request("PATCH", url, module=SUITE.module, json_body=patch), "PATCH Connector")
    _same("Connector", {**before, **patch}, _get(client, url), "Connector after PATCH")
    _moved(
        client, object_url(owner, stored["id"], evse["uid"]), patch["last_updated"], "the EVSE's"
    )
    _moved(client, object_url(owner, stored["id"]), patch["last_updated"], "the Location's")


@SUITE.case("LOC-EMSP-009", RECOMMENDED, f"{LOC}#mod_locations_patch_method")
def test_patch_without_last_updated(client: OcpiClient, owner: str, stored: dict[str, Any]) -> None:
    """A PATCH without last_updated is refused with 2001 and not applied"""
    url = object_url(owner, stored["id"])
    before = _get(client, url)
    reply = client.request(
        "PATCH", url, module=SUITE.module, json_body={"name": "OCC no last_updated"}
    )
    assert_answered(reply)
    assert reply.status_code == 2001, (
        f"PATCH without last_updated: {reply.describe()}, expected status_code 2001"
    )
    _same("Location", before, _get(client, url), "the Location after the refused PATCH")


@SUITE.case("LOC-EMSP-010", RECOMMENDED, f"{TAF}#transport_and_format_errors")
def test_url_body_mismatch(harness: Harness, client: OcpiClient, owner: str) -> None:
    """A PUT whose URL and body disagree on the owner or id gets 2001"""
    location = fixture(SUITE.module, "Location.minimal")
    location.update(
        country_code=harness.identity.country_code,
        party_id=harness.identity.party_id,
        id=f"OCC-{uuid.uuid4()}"[:36],
    )
    reply = client.request(
        "PUT", f"{owner}/OCC-OTHER-{uuid.uuid4().hex[:8]}", module=SUITE.module, json_body=location
    )
    assert_answered(reply)
    assert reply.status_code == 2001, (
        f"PUT with URL id differing from body id {location['id']}: {reply.describe()}, "
        "expected status_code 2001"
    )


@SUITE.case("LOC-EMSP-011", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors")
def test_invalid_location_refused(harness: Harness, client: OcpiClient, owner: str) -> None:
    """An invalid Location is refused with 2001 and not stored"""

    @ROUND_TRIP
    @given(
        invalid("Location", harness.identity).filter(
            lambda v: v.mutation.path[:1] != ("id",) and v.mutation.remove != "id"
        )
    )
    def refused(variant: Invalid) -> None:
        body = variant.body
        body["id"] = f"OCC-{uuid.uuid4()}"[:36]
        url = object_url(owner, body["id"])
        reply = client.request("PUT", url, module=SUITE.module, json_body=body)
        assert_answered(reply)
        what = (
            f"PUT of a Location with {variant.mutation.description} at {variant.mutation.json_path}"
        )
        assert reply.status_code == 2001, f"{what}: {reply.describe()}, expected status_code 2001"
        after = client.get(url, module=SUITE.module)
        assert after.status == 404 or after.status_code != 1000, f"{what} was stored anyway"

    refused()


@SUITE.case("LOC-EMSP-012", RECOMMENDED, f"{STC}#status_codes_status_codes")
def test_unknown_location_is_404(client: OcpiClient, owner: str) -> None:
    """A GET of a Location never pushed gets HTTP 404"""
    reply = client.get(f"{owner}/OCC-NEVER-PUSHED-{uuid.uuid4().hex[:8]}", module=SUITE.module)
    assert reply.status == 404, f"{reply.describe()}, expected HTTP 404"


@pytest.mark.ocpi_last
@SUITE.case("LOC-EMSP-013", MANDATORY, f"{LOC}#mod_locations_patch_method")
def test_clean_up_marks_evses_removed(client: OcpiClient, owner: str) -> None:
    """EVSEs PATCHed to REMOVED at the end are accepted (the harness's clean-up)"""
    refused = []
    for location in pushed.values():
        for evse in location.get("evses") or []:
            url = object_url(owner, location["id"], evse["uid"])
            reply = client.request(
                "PATCH",
                url,
                module=SUITE.module,
                json_body={"status": "REMOVED", "last_updated": _now()},
            )
            if reply.status_code != 1000:
                refused.append(f"{location['id']}/{evse['uid']}: {reply.describe()}")
    assert not refused, f"EVSEs the harness could not mark REMOVED: {'; '.join(refused[:5])}"
