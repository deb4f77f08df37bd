"""The functional modules of the party in OCPI 2.3.0: what it serves is valid 2.3.0 (the new
Price, tax_included, PriceLimit, the new Location fields, an EMAID Token), what it receives is
judged by 2.3.0's rules and no stricter (undocumented fields, OpenEnum values no table lists,
plain_data of 5000), and each 2.3.0 fault of the modules shows in 2.3.0 only. Real HTTP."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import pytest

from ocpi_conformance.party import chargingprofiles, commands, locations
from ocpi_conformance.party.lists import MODULES, OBJECTS, SEEDED, seed, served, stored
from ocpi_conformance.party.locations.seed_230 import seed_locations_230
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_object, validate_response
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import Reply

from .conftest import IDENTITIES, RunningParty, Start
from .locations_support import answered

V230, V221 = "2.3.0", "2.2.1"
TOKEN_C = "party-test-token-c-230"
ROLE_OF = {"sessions": "CPO", "cdrs": "CPO", "tariffs": "CPO", "tokens": "EMSP"}
EXTRA = {"x-occ-extension": {"note": "an undocumented field", "level": 2}}
LOCATION_FIELDS_230 = ("parking_places", "help_phone")
EVSE_FIELDS_230 = ("parking", "accepted_service_providers")


def party(start: Start, role: str, *faults: str) -> RunningParty:
    served_party = start(role, faults=faults, token_a=None)
    served_party.state.accept_token(TOKEN_C, label="token C")
    return served_party


def url(served_party: RunningParty, module: str, role: str, version: str = V230) -> str:
    return functional_url(served_party.state, module, role, version)


# --- what it serves -------------------------------------------------------------------------


@pytest.mark.parametrize("module", MODULES)
def test_230_seeds_are_valid_230_objects(module: str) -> None:
    items = seed(module, IDENTITIES[ROLE_OF[module]], V230)
    assert len(items) == SEEDED
    assert all(not validate_object(OBJECTS[module], item, V230) for item in items)
    assert items != seed(module, IDENTITIES[ROLE_OF[module]], V221)


def test_230_money_is_230_money() -> None:
    cpo = IDENTITIES["CPO"]
    prices = [s["total_cost"] for s in seed("sessions", cpo, V230) if "total_cost" in s]
    prices += [c["total_cost"] for c in seed("cdrs", cpo, V230)]
    assert prices and all("before_taxes" in p and "excl_vat" not in p for p in prices)
    tariffs = seed("tariffs", cpo, V230)
    assert {t["tax_included"] for t in tariffs} == {"YES", "NO", "N/A"}
    limits = [t[k] for t in tariffs for k in ("min_price", "max_price") if k in t]
    assert limits and all(set(limit) == {"before_taxes", "after_taxes"} for limit in limits)
    # N/A: no taxes apply, and none of its price components names a vat
    for tariff in (t for t in tariffs if t["tax_included"] == "N/A"):
        assert all("vat" not in c for e in tariff["elements"] for c in e["price_components"])


def test_an_emaid_token_is_listed_but_not_the_one_pushed() -> None:
    tokens = seed("tokens", IDENTITIES["EMSP"], V230)
    assert [t["type"] for t in tokens].count("EMAID") == 1
    assert tokens[0]["type"] == "RFID"  # mod_tokens_tokentype_enum: not pushed, RECOMMENDED


def test_230_locations_show_what_230_adds(start: Start) -> None:
    cpo = party(start, "CPO")
    held = locations.store(cpo.state, V230).all()
    assert len(held) == len(locations.store(cpo.state, V221).all())
    assert all(not validate_object("Location", loc, V230) for loc in held)
    shown = {k for loc in held for k in LOCATION_FIELDS_230 if k in loc}
    shown |= {k for loc in held for e in loc["evses"] for k in EVSE_FIELDS_230 if k in e}
    connectors = [c for loc in held for e in loc["evses"] for c in e["connectors"]]
    assert shown == {*LOCATION_FIELDS_230, *EVSE_FIELDS_230}
    assert any(c.get("capabilities") for c in connectors)
    assert {"MCS", "SAE_J3400"} <= {c["standard"] for c in connectors}
    restrictions = {
        r for loc in held for e in loc["evses"] for r in e.get("parking_restrictions", [])
    }
    assert "EMPLOYEES" in restrictions
    # the same places as 2.2.1's, statuses and capabilities included
    for old, new in zip(locations.store(cpo.state, V221).all(), held, strict=True):
        assert [(e["uid"], e["status"]) for e in old["evses"]] == [
            (e["uid"], e["status"]) for e in new["evses"]
        ]


@pytest.mark.parametrize("module", ["locations", *MODULES])
def test_the_230_lists_serve_valid_pages(start: Start, module: str) -> None:
    role = ROLE_OF.get(module, "CPO")
    served_party = party(start, role)
    params = spec_version(V230).required_list_params(module)
    walk = served_party.client(TOKEN_C, V230).walk(
        url(served_party, module, "SENDER"), module=module, params={**params, "limit": 5}
    )
    assert walk.stopped is None and len(walk.items) >= SEEDED
    for page in walk.pages:
        assert not validate_response(module, "SENDER", "get_list", page.json, V230)


# --- what it takes in -----------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """One call to one of the party's 2.3.0 Receivers, with a body it must take."""

    name: str
    role: str  # the party's
    module: str
    interface: str
    method: str
    path: str
    obj: str  # what the body is
    body: dict[str, Any]
    query: dict[str, str] = field(default_factory=dict)


def _location() -> dict[str, Any]:
    """The first Location a CPO of conftest's identity serves in 2.3.0 (parking places and all)."""
    return seed_locations_230(IDENTITIES["CPO"])[0]


def _probes() -> list[Probe]:
    cdr = {**fixture("cdrs", "CDR.full", V230), "id": "OCC-CDR-R230"}
    token = fixture("tokens", "Token.full", V230)
    loopback = "http://127.0.0.1:9/r"  # never called: the session is unknown, no result goes
    profile = {**fixture("chargingprofiles", "SetChargingProfile.minimal", V230),
               "response_url": loopback}  # fmt: skip
    client_info = fixture("hubclientinfo", "ClientInfo.minimal", V230)
    return [
        Probe("location", "EMSP", "locations", "RECEIVER", "PUT",
              "/NL/CPO/LOC-0001", "Location", _location()),
        Probe("session", "EMSP", "sessions", "RECEIVER", "PUT",
              "/NL/CPO/OCC-SES-0001", "Session", fixture("sessions", "Session.full", V230)),
        Probe("cdr", "EMSP", "cdrs", "RECEIVER", "POST", "", "CDR", cdr),
        Probe("tariff", "EMSP", "tariffs", "RECEIVER", "PUT",
              "/NL/CPO/OCC-TAR-0001", "Tariff", fixture("tariffs", "Tariff.full", V230)),
        Probe("clientinfo-emsp", "EMSP", "hubclientinfo", "RECEIVER", "PUT",
              "/NL/CPO", "ClientInfo", client_info),
        Probe("command-result", "EMSP", "commands", "SENDER", "POST",
              "/START_SESSION/ref-1", "CommandResult", {"result": "ACCEPTED"}),
        Probe("profile-result", "EMSP", "chargingprofiles", "SENDER", "POST",
              "/PUT/ref-1", "ChargingProfileResult", {"result": "ACCEPTED"}),
        Probe("authorize", "EMSP", "tokens", "SENDER", "POST",
              "/OCC-TOKEN-001/authorize", "LocationReferences", {"location_id": "LOC-0001"}),
        Probe("token", "CPO", "tokens", "RECEIVER", "PUT",
              f"/NL/MSP/{token['uid']}", "Token", token, {"type": token["type"]}),
        Probe("command", "CPO", "commands", "RECEIVER", "POST", "/STOP_SESSION",
              "StopSession", {"response_url": loopback, "session_id": "NONE"}),
        Probe("profile", "CPO", "chargingprofiles", "RECEIVER", "PUT", "/NO-SUCH-SESSION",
              "SetChargingProfile", profile),
        Probe("clientinfo-cpo", "CPO", "hubclientinfo", "RECEIVER", "PUT",
              "/NL/MSP", "ClientInfo", {**client_info, "party_id": "MSP", "role": "EMSP"}),
    ]  # fmt: skip


PROBES = {probe.name: probe for probe in _probes()}


def _with_extras(body: dict[str, Any]) -> dict[str, Any]:
    """`body` with an undocumented field at its top and in its first nested object."""
    extended = {**copy.deepcopy(body), **EXTRA}
    for value in extended.values():
        if isinstance(value, dict) and value is not extended["x-occ-extension"]:
            value.update(EXTRA)
            break
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value[0].update(EXTRA)
            break
    return extended


def _send(served_party: RunningParty, probe: Probe, body: Any, version: str = V230) -> Reply:
    return served_party.client(TOKEN_C, version).request(
        probe.method,
        url(served_party, probe.module, probe.interface, version) + probe.path,
        module=probe.module,
        json_body=body,
        params=probe.query or None,
    )


def _took(reply: Reply) -> None:
    assert reply.status in (200, 201) and reply.status_code == 1000, reply.text


@pytest.mark.parametrize("name", PROBES)
def test_every_230_receiver_takes_its_valid_object(start: Start, name: str) -> None:
    probe = PROBES[name]
    assert not validate_object(probe.obj, probe.body, V230)
    _took(_send(party(start, probe.role), probe, probe.body))


@pytest.mark.parametrize("name", PROBES)
def test_every_230_receiver_tolerates_undocumented_fields(start: Start, name: str) -> None:
    probe = PROBES[name]
    _took(_send(party(start, probe.role), probe, _with_extras(probe.body)))


def test_undocumented_fields_are_stored_with_the_object(start: Start) -> None:
    emsp = party(start, "EMSP")
    for name in ("location", "tariff", "session"):
        probe = PROBES[name]
        _took(_send(emsp, probe, _with_extras(probe.body)))
        kept = emsp.client(TOKEN_C, V230).get(
            url(emsp, probe.module, "RECEIVER") + probe.path, module=probe.module
        )
        assert kept.data["x-occ-extension"] == EXTRA["x-occ-extension"], name


def test_openenum_values_no_table_lists_are_taken(start: Start) -> None:
    emsp, cpo = party(start, "EMSP"), party(start, "CPO")
    location = _location()
    location["evses"][0]["connectors"][0]["standard"] = "OCC_FUTURE_CONNECTOR"
    location["facilities"] = ["OCC_FUTURE_FACILITY"]
    _took(_send(emsp, PROBES["location"], location))
    token = {**PROBES["token"].body, "type": "OCC_FUTURE_TOKEN"}
    future = Probe(**{**PROBES["token"].__dict__, "query": {"type": "OCC_FUTURE_TOKEN"}})
    _took(_send(cpo, future, token))


def test_an_unknown_command_type_is_not_supported_in_230_and_404_in_221(start: Start) -> None:
    cpo = party(start, "CPO")
    future = Probe(**{**PROBES["command"].__dict__, "path": "/OCC_FUTURE_COMMAND"})
    reply = _send(cpo, future, {"response_url": "http://127.0.0.1:9/r"})
    answered(reply, 200, 1000)
    assert reply.data == {"result": "NOT_SUPPORTED", "timeout": commands.TIMEOUT_S}
    assert not validate_object("CommandResponse", reply.data, V230)
    answered(_send(cpo, future, {"response_url": "http://127.0.0.1:9/r"}, V221), 404, 2000)


def test_a_cdr_with_plain_data_of_5000_is_taken(start: Start) -> None:
    cdr = PROBES["cdr"].body
    plain = cdr["signed_data"]["signed_values"][0]["plain_data"]
    assert len(plain) == 5000  # the fixture's boundary: string(5000) in ed2
    _took(_send(party(start, "EMSP"), PROBES["cdr"], cdr))


def test_charging_profiles_and_preferences_in_230_keep_their_own_store(start: Start) -> None:
    cpo = party(start, "CPO")
    assert chargingprofiles.log(cpo.state, V230) is not chargingprofiles.log(cpo.state)


# --- the faults of what it takes in ----------------------------------------------------------


def _refused(reply: Reply, says: str) -> None:
    answered(reply, 200, 2001)
    assert says in reply.json["status_message"], reply.json["status_message"]


@pytest.mark.parametrize("name", PROBES)
def test_fault_unknown_field_rejected(start: Start, name: str) -> None:
    probe = PROBES[name]
    faulty = party(start, probe.role, "unknown_field_rejected")
    _refused(_send(faulty, probe, _with_extras(probe.body)), "has no field 'x-occ-extension'")
    _took(_send(faulty, probe, probe.body))  # a documented body still goes through


def test_fault_unknown_field_rejected_only_in_230(start: Start) -> None:
    faulty = party(start, "EMSP", "unknown_field_rejected")
    tariff = {**fixture("tariffs", "Tariff.full", V221), "id": "OCC-TAR-0001", **EXTRA}
    _took(_send(faulty, PROBES["tariff"], tariff, V221))


def test_fault_open_enum_refused(start: Start) -> None:
    emsp = party(start, "EMSP", "open_enum_refused")
    location = _location()
    location["evses"][0]["connectors"][0]["standard"] = "OCC_FUTURE_CONNECTOR"
    _refused(_send(emsp, PROBES["location"], location), "is not a value of ConnectorType")
    _took(_send(emsp, PROBES["location"], _location()))  # the listed values still go through
    cpo = party(start, "CPO", "open_enum_refused")
    token = {**PROBES["token"].body, "type": "OCC_FUTURE_TOKEN"}
    future = Probe(**{**PROBES["token"].__dict__, "query": {"type": "OCC_FUTURE_TOKEN"}})
    _refused(_send(cpo, future, token), "is not a value of TokenType")
    command = Probe(**{**PROBES["command"].__dict__, "path": "/OCC_FUTURE_COMMAND"})
    answered(_send(cpo, command, {"response_url": "http://127.0.0.1:9/r"}), 404, 2000)


def test_fault_plain_data_512(start: Start) -> None:
    emsp = party(start, "EMSP", "plain_data_512")
    _refused(_send(emsp, PROBES["cdr"], PROBES["cdr"].body), "plain_data has 5000 characters")
    short = copy.deepcopy(PROBES["cdr"].body)
    short["signed_data"]["signed_values"][0]["plain_data"] = "P" * 512
    _took(_send(emsp, PROBES["cdr"], short))


# --- the faults of its money ------------------------------------------------------------------


def _listed(served_party: RunningParty, module: str, version: str = V230) -> list[dict[str, Any]]:
    params = spec_version(version).required_list_params(module)
    walk = served_party.client(TOKEN_C, version).walk(
        url(served_party, module, "SENDER", version), module=module, params=params
    )
    assert walk.stopped is None
    return [item for item in walk.items if isinstance(item, dict)]


def _unchanged_in_221(served_party: RunningParty) -> None:
    for module in ("sessions", "cdrs", "tariffs"):
        assert _listed(served_party, module, V221) == stored(served_party.state, module, V221)


def test_fault_prices_221_shape(start: Start) -> None:
    cpo = party(start, "CPO", "prices_221_shape")
    session = next(s for s in _listed(cpo, "sessions") if "total_cost" in s)
    cdr, tariff = _listed(cpo, "cdrs")[0], _listed(cpo, "tariffs")[0]
    original = stored(cpo.state, "cdrs", V230)[0]["total_energy_cost"]
    taxes = sum(t["amount"] for t in original["taxes"])
    assert cdr["total_energy_cost"] == {
        "excl_vat": original["before_taxes"],
        "incl_vat": round(original["before_taxes"] + taxes, 4),
    }
    assert set(session["total_cost"]) <= {"excl_vat", "incl_vat"}
    assert tariff["min_price"] == {"excl_vat": 0.5, "incl_vat": 0.605}
    for obj, item in (("Session", session), ("CDR", cdr), ("Tariff", tariff)):
        assert any(v.constraint == "required" for v in validate_object(obj, item, V230)), obj
    _unchanged_in_221(cpo)


def test_fault_tariff_without_tax_included(start: Start) -> None:
    cpo = party(start, "CPO", "tariff_without_tax_included")
    assert all("tax_included" not in t for t in _listed(cpo, "tariffs"))
    embedded = [t for c in _listed(cpo, "cdrs") for t in c.get("tariffs", [])]
    assert embedded and all("tax_included" not in t for t in embedded)
    assert validate_object("Tariff", _listed(cpo, "tariffs")[0], V230)
    _unchanged_in_221(cpo)


def test_fault_price_limit_as_price(start: Start) -> None:
    cpo = party(start, "CPO", "price_limit_as_price")
    tariff = _listed(cpo, "tariffs")[0]
    assert tariff["min_price"] == {"before_taxes": 0.5, "taxes": [{"name": "VAT", "amount": 0.105}]}
    assert "after_taxes" not in tariff["max_price"] and "taxes" in tariff["max_price"]
    _unchanged_in_221(cpo)


def test_fault_price_components_ignore_tax_included(start: Start) -> None:
    cpo = party(start, "CPO", "price_components_ignore_tax_included")
    cdr = _listed(cpo, "cdrs")[0]
    [tariff] = cdr["tariffs"]
    assert tariff["tax_included"] == "YES"
    energy = next(
        c for e in tariff["elements"] for c in e["price_components"] if c["type"] == "ENERGY"
    )
    # YES: the price includes taxes, so the energy cost after taxes is price x kWh; the CDR
    # still has it before taxes, the VAT added on top
    cost = cdr["total_energy_cost"]
    assert cost["before_taxes"] == pytest.approx(energy["price"] * cdr["total_energy"])
    assert cost["before_taxes"] + sum(t["amount"] for t in cost["taxes"]) > cost["before_taxes"]
    assert not validate_object("CDR", cdr, V230)  # valid by the tables: the costs give it away
    assert stored(cpo.state, "cdrs", V230)[0]["tariffs"][0]["tax_included"] == "NO"
    assert _listed(cpo, "tariffs") == served(cpo.state, "tariffs", V230)  # Tariffs as they were
    _unchanged_in_221(cpo)
