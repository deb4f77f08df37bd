"""The CDRs Receiver of an eMSP (mod_cdrs_emsp_interface): CDRs a CPO pushes with POST to the
endpoint itself, answered with a `Location` header (mod_cdrs_response_headers) that the CPO
then GETs (mod_cdrs_msp_get_method: "No structure defined ... open to the eMSP to define").

Readings taken:
- this party's URL of a stored CDR is {endpoint}/{country_code}/{party_id}/{id}, absolute (a URL
  type, "can be used by the CPO system to perform a GET"): the owner of the body where the
  version's CDR names it (2.2.1), else the calling party's as its Credentials named it (2.1.1),
  else none ({endpoint}/{id});
- an invalid CDR gets HTTP 200 with 2001 and is not stored, like every Receiver here;
- a CDR "cannot be changed or replaced once sent" (mod_cdrs_flow_and_lifecycle): a second POST
  of the same party and id with the same content is a retry and is answered as the first (200,
  same Location); with other content it is refused with 2001 and the stored CDR kept;
- a credit CDR is a CDR of its own (a different id): it is stored beside the original;
- a URL that names no stored CDR gets 404 with 2000 (status_codes: a GET of a resource that
  does not exist SHOULD get 404).
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import unquote

from ocpi_conformance.party import intake
from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.receiver import JSON, Key, ObjectStore
from ocpi_conformance.party.service import (
    Answer,
    Call,
    Outcome,
    Service,
    describe,
    envelope,
    functional_url,
)
from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.transport.client import object_url

MODULE = "cdrs"

CDRS_NO_LOCATION = fault(
    "cdrs_no_location",
    "POST of a CDR answers 1000 without a Location header",
    caught_by=["CDR-EMSP-001"],
)
CDRS_RELATIVE_LOCATION = fault(
    "cdrs_relative_location",
    "the Location header of a POSTed CDR is a path, not an absolute URL",
    caught_by=["CDR-EMSP-001"],
)
CDRS_HTTPS_LOCATION = fault(
    "cdrs_https_location",
    "the Location header of a POSTed CDR says https, on a server that speaks plain HTTP",
    caught_by=["CDR-EMSP-001"],
)
CDRS_REFUSALS_HTTP_400 = fault(
    "cdrs_refusals_http_400",
    "every CDR POST the Receiver refuses is answered HTTP 400 (with status_code 2001)",
    caught_by=["CDR-EMSP-010"],
)
CDRS_NAIVE_ANSWER_TIMESTAMPS = fault(
    "cdrs_naive_answer_timestamps",
    "answers to CDR POSTs carry a timestamp of 26 characters: microseconds, no zone",
    caught_by=["CDR-EMSP-011"],
)
CDRS_POST_ALWAYS_200 = fault(
    "cdrs_post_always_200",
    "POST of a new CDR gets HTTP 200, not 201",
    caught_by=["CDR-EMSP-002"],
)
CDRS_ALTERS_CURRENCY = fault(
    "cdrs_alters_currency",
    "a POSTed CDR is stored with its currency in lower case",
    caught_by=["CDR-EMSP-003"],
)
CDRS_ACCEPTS_INVALID = fault(
    "cdrs_accepts_invalid",
    "POST stores CDRs that break the schema, answering 1000",
    caught_by=["CDR-EMSP-005"],
)
CDRS_REFUSES_CREDIT = fault(
    "cdrs_refuses_credit",
    "a credit CDR (credit=true) is refused with 2001",
    caught_by=["CDR-EMSP-006"],
)
CDRS_CREDIT_REPLACES_ORIGINAL = fault(
    "cdrs_credit_replaces_original",
    "a credit CDR is stored over the CDR it credits, at the original's URL",
    caught_by=["CDR-EMSP-006"],
)
CDRS_UNKNOWN_IS_200 = fault(
    "cdrs_unknown_is_200",
    "GET of a URL naming no stored CDR: HTTP 200, 1000, no data",
    caught_by=["CDR-EMSP-007"],
)
CDRS_POST_REPLACES = fault(
    "cdrs_post_replaces",
    "a second POST of a stored CDR's id with other content replaces the stored CDR",
    caught_by=["CDR-EMSP-009"],
)


def _store(call: Call) -> ObjectStore:
    return call.state.store(f"{MODULE}-received", lambda _s: ObjectStore(), call.number)


def _owner(call: Call, cdr: JSON) -> tuple[str, ...]:
    """Whose CDR it is: its own country_code and party_id where the version's CDR carries
    them; else the caller's, from the Credentials it registered with; else nobody's ()."""
    if call.version.owner_in_objects:
        return (str(cdr.get("country_code", "")), str(cdr.get("party_id", "")))
    for party in call.caller.roles:
        if party.get("country_code") and party.get("party_id"):
            return (str(party["country_code"]), str(party["party_id"]))
    return ()


def _key(owner: tuple[str, ...], cdr: JSON, *, id_field: str = "id") -> Key:
    """The CDR id is a CiString in both versions, so upper-cased, and its owner alike; ("", "")
    for an unknown owner."""
    cc, pid = owner or ("", "")
    return (cc.upper(), pid.upper(), str(cdr.get(id_field, "")).upper())


def _location(call: Call, owner: tuple[str, ...], cdr: JSON) -> str:
    state = call.state
    url = object_url(functional_url(state, MODULE, "RECEIVER", call.number), *owner, cdr["id"])
    if CDRS_HTTPS_LOCATION in state.faults:
        return url.replace("http://", "https://", 1)
    return url.removeprefix(state.base_url) if CDRS_RELATIVE_LOCATION in state.faults else url


def post(call: Call) -> Outcome:
    """Store a new CDR and say where it is; a retry of the same CDR is answered the same."""
    outcome = _post(call)
    if CDRS_NAIVE_ANSWER_TIMESTAMPS in call.state.faults:
        return replace(outcome, body={**outcome.body, "timestamp": "2024-03-04T08:15:30.123456"})
    return outcome


def _post(call: Call) -> Outcome:
    body, faults = call.json(), call.state.faults
    refused = 400 if CDRS_REFUSALS_HTTP_400 in faults else 200
    if not isinstance(body, dict):
        raise Answer(refused, 2001, "not a CDR object")
    violations = intake.check(call.state, "CDR", body, call.number)
    if violations and CDRS_ACCEPTS_INVALID not in faults:
        raise Answer(refused, 2001, f"not a valid CDR: {describe(violations)}")
    if body.get("credit") is True and CDRS_REFUSES_CREDIT in faults:
        raise Answer(refused, 2001, "credit CDRs are not accepted")
    objects = _store(call).objects
    owner = _owner(call, body)
    key, replaces = _key(owner, body), CDRS_POST_REPLACES in faults
    if body.get("credit") is True and CDRS_CREDIT_REPLACES_ORIGINAL in faults:
        key, replaces = _key(owner, body, id_field="credit_reference_id"), True
    kept = dict(body)
    if CDRS_ALTERS_CURRENCY in faults:
        kept["currency"] = str(kept.get("currency", "")).lower()
    existing = objects.get(key)
    if existing is not None and existing != kept and not replaces:
        raise Answer(refused, 2001, "a CDR with this id exists: CDRs cannot be changed or replaced")
    objects[key] = kept
    headers = {} if CDRS_NO_LOCATION in faults else {"Location": _location(call, owner, body)}
    created = existing is None and CDRS_POST_ALWAYS_200 not in faults
    return Outcome(201 if created else 200, envelope(1000), headers)


def get(call: Call) -> Outcome:
    """The CDR at a URL this party handed out: {country_code}/{party_id}/{id} (or {id}, owner
    unknown) below the endpoint (the router passes that tail as "reference", each segment
    percent-encoded)."""
    segments = [unquote(s).upper() for s in call.params.get("reference", "").split("/")]
    found: JSON | None = None
    if len(segments) in (1, 3):
        named = ("", "", *segments) if len(segments) == 1 else tuple(segments)
        found = _store(call).objects.get((named[0], named[1], named[2]))
    if found is None:
        if CDRS_UNKNOWN_IS_200 in call.state.faults:
            return Outcome(200, envelope(1000))
        raise Answer(404, 2000, "no CDR at this URL")
    return Outcome(200, envelope(1000, found))


SERVICES = (Service(MODULE, "RECEIVER", {"post_cdr": post, "get_cdr": get}, versions=SPOKEN),)
