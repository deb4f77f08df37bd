"""CRD: registration, token rotation and unregistration (credentials.asciidoc, credentials.md).

The handshake itself runs once (ocpi_conformance.run.handshake); these cases judge what it observed.
The unregistration cases are marked `ocpi_last`: they end the registration every other case uses.
The rules read the same in 2.2.1 and 2.1.1 (a flat Credentials object in 2.1.1, its token sent as
it is), but for how a token is refused (401 in 2.2.1, any refusal in 2.1.1:
contracts/unauthorized.py) and the HTTP status of a refused POST (MUST NOT be an HTTP error in
2.2.1, CRD-ANY-017; "should" not in 2.1.1, CRD-ANY-018).
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from ocpi_conformance.run.handshake import Attempt, Handshake, not_credentials_body
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.peer import Peer
from ocpi_conformance.run.routes import authenticated_routes
from ocpi_conformance.spec.v2_2_1.documents import CRD, STC
from ocpi_conformance.spec.version import Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import OcpiClient
from ocpi_conformance.transport.discovery import Discovery
from ocpi_conformance.transport.guards import origin
from ocpi_conformance.verdicts.cases import MANDATORY, OPTIONAL, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import (
    assert_envelope,
    assert_http,
    assert_status_code,
    assert_success,
)
from ocpi_conformance.verdicts.failures import BLOCKED, TransportViolation

from ..contracts.push_receiver import EXTENSION_FIELD, UNDOCUMENTED
from ..contracts.unauthorized import assert_refused, refusal_statuses

SUITE = Suite("credentials", "ANY", versions=("2.2.1", "2.1.1", "2.3.0"))
TOKEN_A = ("token_a",)  # the case judges a registration the harness performs itself
STC_211 = spec_version("2.1.1").documents.STC
ONLY_230 = ("2.3.0",)


def _operation(version: Version, name: str):
    return version.operation("credentials", "", name)


def _masked_token_b(header: str, version: Version) -> bool:
    """Whether a (redacted) Authorization header carried token B as `version` sends a token:
    `Token «token B …, base64»` (2.2.1) or `Token «token B …»` (2.1.1, the token as it is)."""
    if not header.startswith("Token «token B") or not header.endswith("»"):
        return False
    return header.endswith(", base64»") == (version.token_encoding == "base64")


def _encoding(version: Version) -> str:
    return "Base64-encoded" if version.token_encoding == "base64" else "as it is (not encoded)"


def _registration(handshake: Handshake) -> Attempt:
    """The attempt that registered us (a probe's, if the target took one), else the real POST
    the target refused; skipped when no POST could be sent at all."""
    if handshake.notes:
        pytest.skip(handshake.notes[0])
    attempt = handshake.registration
    assert attempt is not None, "no registration was attempted"
    spent = handshake.refused_for_spent_token(attempt)
    if spent:
        pytest.skip(f"{BLOCKED}{spent}")
    return attempt


def _token_c(handshake: Handshake) -> str:
    """Token C of the registration, or blocked by CRD-ANY-001, which judges why there is none."""
    attempt = _registration(handshake)
    if attempt.token_c is None:
        pytest.skip(f"{BLOCKED}CRD-ANY-001: the target handed out no token C")
    return attempt.token_c


def _without(version: Version) -> str:
    """What the not-credentials probe's body lacks of the version's Credentials object, for a
    message: "url and roles" in 2.2.1, "url, business_details, party_id and country_code" in
    2.1.1 (its flat object)."""
    sent = not_credentials_body("token")
    fields = version.objects["Credentials"].model_fields
    lacking = [name for name, info in fields.items() if info.is_required() and name not in sent]
    *rest, last = lacking
    return f"{', '.join(rest)} and {last}" if rest else last


def _probe(handshake: Handshake, name: str) -> Attempt:
    """One of the probes sent before the registration, or blocked by the case of the probe
    that registered us before it was sent."""
    if handshake.notes:
        pytest.skip(handshake.notes[0])
    attempt = handshake.attempt(name)
    if attempt is None:
        why = handshake.not_sent_because(name)
        pytest.skip(f"{BLOCKED}{why}" if why else "the probe was not sent")
    spent = handshake.refused_for_spent_token(attempt)
    if spent:
        pytest.skip(f"{BLOCKED}{spent}")
    return attempt


def _callback(attempt: Attempt, url: str) -> str:
    """How the target authenticated its GET of `url` on our peer, or why it did not call."""
    calls = [
        e for e in attempt.callbacks if e.method == "GET" and e.url.rstrip("/") == url.rstrip("/")
    ]
    assert calls, (
        f"the target answered the POST ({attempt.reply.describe()}) without fetching {url} "
        f"(it called: {', '.join(e.url for e in attempt.callbacks) or 'nothing'})"
    )
    header = calls[0].request_headers.get("authorization", "")
    return header


def _which(attempt: Attempt) -> str:
    """How a message names the POST it judges, when it was a probe that registered us."""
    if attempt.name == "registration":
        return "the registration POST"
    return f"the {attempt.name.replace('_', ' ')} probe, which registered us"


@SUITE.case("CRD-ANY-001", MANDATORY, f"{CRD}#credentials_post_method", needs=("token_a",))
def test_post_registers(handshake: Handshake, version: Version) -> None:
    """POST credentials with token A registers: 1000 and a valid Credentials object with a new
    token"""
    attempt = _registration(handshake)
    assert_success(attempt.reply, _operation(version, "post"))
    assert attempt.registered, f"{attempt.reply.describe()}: no token C in the answer"
    assert "«token A»" not in (attempt.reply.exchange.response_body or ""), (
        "the target handed back token A as token C"
    )


@SUITE.case("CRD-ANY-002", MANDATORY, f"{CRD}#credentials_registration", needs=("token_a",))
def test_target_fetches_our_versions_with_token_b(
    handshake: Handshake, peer: Peer, version: Version
) -> None:
    """During registration the target fetches our versions with token B"""
    attempt = _registration(handshake)
    header = _callback(attempt, peer.versions_url)
    assert _masked_token_b(header, version), (
        f"during {_which(attempt)} the target fetched our versions with Authorization "
        f"{header!r}, expected the token B of that POST, {_encoding(version)}"
    )


@SUITE.case("CRD-ANY-003", MANDATORY, f"{CRD}#credentials_post_method", needs=("token_a",))
def test_target_fetches_our_details_with_token_b(
    handshake: Handshake, peer: Peer, version: Version
) -> None:
    """During registration the target fetches our version details with token B"""
    attempt = _registration(handshake)
    header = _callback(attempt, peer.details_url)
    assert _masked_token_b(header, version), (
        f"during {_which(attempt)} the target fetched our details with Authorization "
        f"{header!r}, expected the token B of that POST, {_encoding(version)}"
    )


@SUITE.case("CRD-ANY-004", MANDATORY, f"{CRD}#credentials_registration", needs=TOKEN_A)
def test_token_c_works(harness: Harness, discovery: Discovery, handshake: Handshake) -> None:
    """Token C works after registration

    Judged where the target authenticates: GET credentials, else the first Sender list (an
    endpoint that serves anyone says nothing about a token). Refused there, no later case
    can reach the target's modules: they are blocked by this one."""
    _token_c(handshake)
    client = harness.client(harness.token())
    reply = None
    for route in authenticated_routes(discovery):
        reply = route.send(client)
        if reply.ok and reply.status not in (404, 405):
            break  # a route the target serves
    if reply is None or not reply.ok or reply.status in (404, 405):
        reply = client.get(discovery.versions_url, module="versions")
    if reply.status in (401, 403):
        harness.lose_token(
            f"CRD-ANY-004: the token C the target gave is refused: {reply.describe()}"
        )
    assert_http(reply, 200, "with token C")


# "it MAY no longer be used" (credentials_registration); 2.1.1's text says only that token C
# "will be used in future exchanges", its diagram that token A "has now become invalid": a
# figure, no keyword, so optional there too (how it is refused: contracts/unauthorized.py)
@SUITE.case("CRD-ANY-005", OPTIONAL, f"{CRD}#credentials_registration", needs=("token_a",))
def test_token_a_stops_working(
    harness: Harness, discovery: Discovery, handshake: Handshake, version: Version
) -> None:
    """Token A stops working after registration"""
    _token_c(handshake)
    reply = harness.client(harness.config.secret("token_a")).get(
        discovery.versions_url, module="versions"
    )
    why = " (token A MAY no longer be used once the exchange has finished)"
    assert_refused(reply, "token A after registration", version, why)


@SUITE.case("CRD-ANY-006", MANDATORY, f"{CRD}#credentials_get_method")
def test_get_credentials(client: OcpiClient, discovery: Discovery, version: Version) -> None:
    """GET credentials returns a valid Credentials object"""
    url = discovery.endpoint("credentials")
    assert url, "the details list no credentials endpoint"
    reply = client.get(url, module="credentials")
    assert_success(reply, _operation(version, "get"))


@SUITE.case("CRD-ANY-007", MANDATORY, f"{CRD}#credentials_post_method", needs=("token_a",))
def test_second_post_is_refused(client: OcpiClient, discovery: Discovery, peer: Peer) -> None:
    """A second POST by a registered party gets HTTP 405"""
    token_b = f"occ-{uuid.uuid4()}"
    client.secrets.add(token_b, "token B (second POST)")
    reply = client.request(
        "POST",
        discovery.endpoint("credentials") or "",
        module="credentials",
        json_body=peer.credentials(token_b),
    )
    assert_http(reply, 405, "a second POST")


def _put_credentials(
    client: OcpiClient,
    harness: Harness,
    discovery: Discovery,
    peer: Peer,
    version: Version,
    case: str,
    extra: dict[str, Any] | None = None,
    what: str = "PUT credentials",
) -> tuple[str | None, Any]:
    """PUT our Credentials (a fresh token B, `extra` fields added) and judge the answer a valid
    one; the token C it hands out is kept for every later case. (old token C, new token C)."""
    url = discovery.endpoint("credentials") or ""
    old = client.token
    token_b = f"occ-{uuid.uuid4()}"
    client.secrets.add(token_b, "token B (rotated)")
    peer.expect_registration(token_b)
    body = {**peer.credentials(token_b), **(extra or {})}
    reply = client.request("PUT", url, module="credentials", json_body=body)
    given = reply.data if reply.status == 200 and isinstance(reply.data, dict) else {}
    new = given.get("token")
    if isinstance(new, str) and new != old:
        # kept before the answer is judged: whatever else is wrong with it, the target rotated
        harness.rotated(new)
        client.token = new  # every later case uses the rotated token
    elif client.get(discovery.versions_url, module="versions").status in refusal_statuses(version):
        harness.lose_token(f"{case}: the {what} answer ({reply.describe()}) gave no usable "
                           "token, and the old one is refused")  # fmt: skip
    assert_success(reply, _operation(version, "put"))
    return old, new


@SUITE.case("CRD-ANY-008", MANDATORY, f"{CRD}#credentials_put_method", needs=("token_a",))
def test_put_rotates_the_token(
    client: OcpiClient, harness: Harness, discovery: Discovery, peer: Peer, version: Version
) -> None:
    """PUT credentials rotates the token: a new token C, the old one refused"""
    old, new = _put_credentials(client, harness, discovery, peer, version, "CRD-ANY-008")
    assert isinstance(new, str) and new != old, "PUT did not hand out a new token C"
    stale = client.with_token(old).get(discovery.versions_url, module="versions")
    assert_refused(stale, "the old token C after PUT", version)
    fresh = client.get(discovery.versions_url, module="versions")
    assert_http(fresh, 200, "the new token C after PUT")


# Reading (2.3.0): the Credentials a party PUTs are a payload the target "SHALL NOT reject" for
# a field no table documents (transport_and_format, non-specified JSON fields): the PUT is
# answered as CRD-ANY-008's, with the target's Credentials and a new token C.
@SUITE.case("CRD-ANY-019", MANDATORY, UNDOCUMENTED, needs=("token_a",), versions=ONLY_230)
def test_put_with_an_undocumented_field_is_taken(
    client: OcpiClient, harness: Harness, discovery: Discovery, peer: Peer, version: Version
) -> None:
    """PUT credentials carrying a field no table documents is answered with valid Credentials"""
    extra = {EXTENSION_FIELD: "sent by ocpi-conformance: a field no OCPI table documents"}
    what = f"PUT credentials with the undocumented field '{EXTENSION_FIELD}'"
    _put_credentials(client, harness, discovery, peer, version, "CRD-ANY-019", extra, what)


# Reading (2.3.0): hub_party_id is a field of the Credentials object ("The Hub party of this
# platform", CiString(5), card. ?), and "A Platform that supports Hub functionality with the
# Message routing headers SHALL give the country code and party ID of the Hub in the
# hub_party_id field": Credentials carrying it are valid, and a PUT of valid Credentials is
# answered as CRD-ANY-008's. The harness names itself the Hub (its roles list only itself, the
# one party it reaches), so routing to that Hub still reaches the harness.
@SUITE.case(
    "CRD-ANY-020", MANDATORY, f"{CRD}#credentials_credentials_object", needs=("token_a",),
    versions=ONLY_230,
)  # fmt: skip
def test_put_with_hub_party_id_is_taken(
    client: OcpiClient, harness: Harness, discovery: Discovery, peer: Peer, version: Version
) -> None:
    """PUT credentials naming a hub_party_id is answered with valid Credentials"""
    hub = f"{harness.identity.country_code}{harness.identity.party_id}"
    what = f"PUT credentials with hub_party_id {hub}"
    _put_credentials(
        client, harness, discovery, peer, version, "CRD-ANY-020", {"hub_party_id": hub}, what
    )


@SUITE.case(
    "CRD-ANY-009", RECOMMENDED, f"{CRD}#credentials_errors_during_registration", needs=("token_a",)
)
def test_refused_callback_gets_3001(handshake: Handshake) -> None:
    """POST answers 3001 when our versions endpoint refuses the callback"""
    attempt = _probe(handshake, "refused_callback")
    assert not attempt.registered, (
        f"the target registered although our peer refused its callback: {attempt.reply.describe()}"
    )
    assert attempt.reply.status_code == 3001, (
        f"{attempt.reply.describe()}: expected status_code 3001 when our versions endpoint "
        "refuses the callback"
    )


@SUITE.case(
    "CRD-ANY-010", RECOMMENDED, f"{STC}#status_codes_3xxx_server_errors", needs=("token_a",)
)
def test_no_common_version_gets_3002(handshake: Handshake, version: Version) -> None:
    """POST answers 3002 when we offer no common version"""
    attempt = _probe(handshake, "no_common_version")
    assert not attempt.registered, (
        f"the target registered although we offered no {version}: {attempt.reply.describe()}"
    )
    assert attempt.reply.status_code == 3002, (
        f"{attempt.reply.describe()}: expected status_code 3002 when we offer no common version"
    )


# credentials_post_method: "The server must also fetch the client's endpoints" and "If
# successful, the server must generate a new credentials token": a body without a url to
# fetch them from cannot succeed.
@SUITE.case("CRD-ANY-013", MANDATORY, f"{CRD}#credentials_post_method", needs=TOKEN_A)
def test_a_body_that_is_no_credentials_does_not_register(
    handshake: Handshake, version: Version
) -> None:
    """A POST whose body is no Credentials object (no url, no roles) does not register"""
    attempt = _probe(handshake, "not_credentials")
    assert not attempt.registered, (
        f"the target registered us on a body without {_without(version)}, so without fetching "
        f"our endpoints: {attempt.reply.describe()}"
    )


# status_codes_status_codes: "If a request is syntactically valid JSON and addresses an existing
# resource, a HTTP error MUST NOT be returned".
@SUITE.case(
    "CRD-ANY-017",
    MANDATORY,
    f"{STC}#status_codes_status_codes",
    needs=TOKEN_A,
    versions=("2.2.1", "2.3.0"),
)
def test_a_body_that_is_no_credentials_gets_no_http_error(
    handshake: Handshake, version: Version
) -> None:
    """A POST whose body is no Credentials object is refused without an HTTP error"""
    attempt = _probe(handshake, "not_credentials")
    if attempt.registered:
        pytest.skip(f"{BLOCKED}CRD-ANY-013: the target registered us on that body")
    why = " (valid JSON at an existing resource: the refusal belongs in the status_code)"
    assert_http(attempt.reply, 200, f"a POST without {_without(version)}", why)


# status_codes.md (2.1.1): "If a request is syntactically valid JSON and addresses an existing
# resource, no HTTP error should be returned": the same reading, recommended.
@SUITE.case(
    "CRD-ANY-018",
    RECOMMENDED,
    f"{STC_211}#status-codes",
    needs=TOKEN_A,
    versions=("2.1.1",),
)
def test_a_body_that_is_no_credentials_should_get_no_http_error(
    handshake: Handshake, version: Version
) -> None:
    """A POST whose body is no Credentials object is refused in the OCPI layer, not with an HTTP
    error"""
    attempt = _probe(handshake, "not_credentials")
    if attempt.registered:
        pytest.skip(f"{BLOCKED}CRD-ANY-013: the target registered us on that body")
    why = " (valid JSON at an existing resource: the refusal should be in the status_code)"
    assert_http(attempt.reply, 200, f"a POST without {_without(version)}", why)


@SUITE.case(
    "CRD-ANY-014", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors", needs=("token_a",)
)
def test_a_body_that_is_no_credentials_gets_2001(handshake: Handshake, version: Version) -> None:
    """A POST whose body is no Credentials object is answered with status_code 2001"""
    attempt = _probe(handshake, "not_credentials")
    if attempt.registered:
        pytest.skip(f"{BLOCKED}CRD-ANY-013: the target registered us on that body")
    what = f"a POST without {_without(version)}"
    assert_status_code(attempt.reply, 2001, what, "invalid parameters")


# credentials_registration: token A "has to be used to authorize the Sender until the
# credentials exchange is finished": a POST that did not register finished nothing.
@SUITE.case("CRD-ANY-016", MANDATORY, f"{CRD}#credentials_registration", needs=TOKEN_A)
def test_token_a_survives_a_post_that_did_not_register(handshake: Handshake) -> None:
    """Token A still authorizes after a POST that did not register (the exchange is not
    finished)"""
    if handshake.notes:
        pytest.skip(handshake.notes[0])
    attempts = list(handshake.attempts.values())
    if len(attempts) < 2:
        pytest.skip("the first POST registered: no later POST with token A to judge")
    spent = handshake.spent()
    if spent is not None:
        earlier, later = spent
        raise AssertionError(
            f"after the {earlier.name.replace('_', ' ')} POST ({earlier.reply.describe()}), "
            f"which did not register, token A was refused: {later.reply.describe()}"
        )


# credentials_credentials_object: url "The URL to your API versions endpoint" (card. 1).
@SUITE.case("CRD-ANY-015", MANDATORY, f"{CRD}#credentials_credentials_object", needs=("token_a",))
def test_the_url_given_answers_as_a_versions_endpoint(
    harness: Harness, handshake: Handshake, version: Version
) -> None:
    """The url of the Credentials the target hands out answers as its versions endpoint"""
    _token_c(handshake)
    data = _registration(handshake).reply.data
    url = data.get("url") if isinstance(data, dict) else None
    if not isinstance(url, str):
        pytest.skip(f"{BLOCKED}CRD-ANY-001: the Credentials carry no url")
    problem = harness.policy.refusal(url)
    if problem is not None and origin(url) is None:
        raise TransportViolation(f"the Credentials url {url!r} is not an absolute http(s) URL")
    if problem is not None:
        pytest.skip(
            f"the Credentials url {url} is on another origin than the versions URL: the harness "
            "sends no token there (--allow-host HOST, if that host is the target's own)"
        )
    reply = harness.client(harness.token()).get(url, module="versions")  # rotated, maybe
    operation = version.operation("versions", "", "get_versions")
    assert_envelope(reply, operation)


@pytest.mark.ocpi_last
# DELETE invalidates the server's token B; nothing in 2.2.1 makes token C fail afterwards
@SUITE.case("CRD-ANY-011", OPTIONAL, f"{CRD}#credentials_delete_method", needs=("token_a",))
def test_delete_unregisters(
    client: OcpiClient, harness: Harness, discovery: Discovery, version: Version
) -> None:
    """DELETE credentials unregisters: the token C is refused afterwards"""
    reply = client.request("DELETE", discovery.endpoint("credentials") or "", module="credentials")
    assert_envelope(reply, _operation(version, "delete"))
    after = client.get(discovery.versions_url, module="versions")
    assert_refused(after, "token C after DELETE", version)


@pytest.mark.ocpi_last
@SUITE.case("CRD-ANY-012", MANDATORY, f"{CRD}#credentials_delete_method", needs=("token_a",))
def test_after_delete_put_and_delete_get_405(
    client: OcpiClient, harness: Harness, discovery: Discovery, peer: Peer, version: Version
) -> None:
    """After DELETE, PUT and DELETE get HTTP 405"""
    url = discovery.endpoint("credentials") or ""
    token_a_client = client.with_token(harness.config.secret("token_a"))
    put = token_a_client.request(
        "PUT", url, module="credentials", json_body=peer.credentials(f"occ-{uuid.uuid4()}")
    )
    delete = token_a_client.request("DELETE", url, module="credentials")
    refused = refusal_statuses(version)  # 401 in 2.2.1; 401 or 403 where no status is named
    if put.status in refused and delete.status in refused:
        pytest.skip("the target refuses token A after unregistering: no unregistered party can ask")
    # A refused token is the transport rule for a token the target no longer knows; 405 is the
    # credentials rule for a known party that is not registered. Either is right; nothing else.
    said = " or ".join(str(status) for status in refused)
    wrong = [
        f"{verb} after unregistering: {reply.describe()}, expected HTTP 405 (or {said})"
        for verb, reply in (("PUT", put), ("DELETE", delete))
        if reply.status not in (*refused, 405)
    ]
    assert not wrong, "; ".join(wrong)
