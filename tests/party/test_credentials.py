"""The credentials module: registration, rotation, unregistration and their errors."""

from __future__ import annotations

import pytest

from ocpi_conformance.party import PENDING, register
from ocpi_conformance.party.app import offered_endpoints
from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.spec.v2_2_1.credentials import Credentials
from ocpi_conformance.spec.validation import validate_response
from ocpi_conformance.transport.client import OcpiClient

from .conftest import FAST, TOKEN_A, RunningParty, Start, closed_port_url, handshake


def _callbacks(
    sender: RunningParty, token_label: str, since: int = 0, version: str = SPOKEN[-1]
) -> list[str]:
    """The URLs the receiver fetched on `sender`, checked to carry the labelled token: the
    versions and the details of `version` (default: the highest both speak)."""
    want = f"Token «{token_label}, base64»"
    urls = []
    for url in (sender.state.versions_url, sender.state.details_url_for(version)):
        call = sender.state.log.wait_for(
            lambda e, url=url: e.direction == "inbound" and e.url == url, timeout=2, since=since
        )
        assert call is not None, f"no callback to {url}"
        assert call.request_headers["authorization"] == want
        assert call.status == 200
        urls.append(call.url)
    return urls


def test_handshake_between_two_parties(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    token_b, result = handshake(sender, receiver)
    assert result.ok, result.problem
    assert _callbacks(sender, "token B")
    assert result.token_c not in (TOKEN_A, token_b)
    Credentials.model_validate(result.credentials)
    assert result.credentials["url"] == receiver.state.versions_url
    assert result.credentials["roles"][0]["role"] == "CPO"
    # what the receiver knows about the sender
    registration = receiver.state.lookup(result.token_c)
    assert registration is not None and registration != PENDING
    assert registration.their_token == token_b
    assert registration.versions_url == sender.state.versions_url
    offered = {e["identifier"] for e in registration.endpoints}
    # every module an eMSP serves in the version registered: 2.2.1's nine, and 2.3.0's own
    assert offered == {e["identifier"] for e in offered_endpoints(sender.state, SPOKEN[-1])}
    nine = {"credentials", "locations", "commands", "chargingprofiles", "tariffs", "sessions"}
    nine |= {"cdrs", "tokens", "hubclientinfo"}
    assert offered == nine | {"Booking", "invoicereconciliation"}
    assert registration.roles[0]["party_id"] == "MSP"
    # token C works, token A no longer
    assert receiver.client(result.token_c).get(receiver.state.credentials_url).status == 200
    assert receiver.client(TOKEN_A).get(receiver.state.versions_url).status == 401
    # and the receiver can call the sender with token B
    assert receiver.client(token_b).get(sender.state.details_url).status == 200


def test_post_answer_is_a_valid_credentials_envelope(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    token_b = sender.state.new_token()
    sender.state.accept_registration(token_b)
    reply = receiver.post(TOKEN_A, sender.state.own_credentials(token_b))
    assert reply.status == 200 and reply.status_code == 1000, reply.text
    assert not validate_response("credentials", "", "post", reply.json)
    get = receiver.client(reply.data["token"]).get(receiver.state.credentials_url)
    assert not validate_response("credentials", "", "get", get.json)
    assert get.data == reply.data


def test_second_post_gets_405(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    token_b, result = handshake(sender, receiver)
    reply = receiver.post(result.token_c, sender.state.own_credentials(token_b))
    assert reply.status == 405 and reply.status_code == 2000


def test_put_rotates_token_c(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    _, result = handshake(sender, receiver)
    new_b = sender.state.new_token()
    sender.state.accept_registration(new_b, label="token B2")
    since = len(sender.state.log)
    reply = receiver.client(result.token_c).request(
        "PUT",
        receiver.state.credentials_url,
        module="credentials",
        json_body=sender.state.own_credentials(new_b),
    )
    assert reply.status == 200 and reply.status_code == 1000, reply.text
    assert not validate_response("credentials", "", "put", reply.json)
    new_c = reply.data["token"]
    assert new_c != result.token_c
    assert _callbacks(sender, "token B2", since, "2.2.1")  # PUT at the 2.2.1 credentials
    assert receiver.client(result.token_c).get(receiver.state.versions_url).status == 401
    assert receiver.client(new_c).get(receiver.state.versions_url).status == 200
    registration = receiver.state.registration(new_c)
    assert registration is not None and registration.their_token == new_b


def test_put_and_delete_before_registration_get_405(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    client = receiver.client(TOKEN_A)
    put = client.request(
        "PUT", receiver.state.credentials_url, json_body=sender.state.own_credentials("b-0001")
    )
    delete = client.request("DELETE", receiver.state.credentials_url)
    assert (put.status, delete.status) == (405, 405)
    assert (put.status_code, delete.status_code) == (2000, 2000)


def test_delete_unregisters_then_put_and_delete_get_405(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    token_b, result = handshake(sender, receiver)
    delete = receiver.client(result.token_c).request("DELETE", receiver.state.credentials_url)
    assert delete.status == 200 and delete.status_code == 1000
    assert "data" not in delete.json
    assert not validate_response("credentials", "", "delete", delete.json)
    assert receiver.client(result.token_c).get(receiver.state.versions_url).status == 401
    assert receiver.state.registrations() == []
    again = receiver.client(TOKEN_A)  # the token A it registered with is pending again
    put = again.request(
        "PUT", receiver.state.credentials_url, json_body=sender.state.own_credentials(token_b)
    )
    assert put.status == 405
    assert again.request("DELETE", receiver.state.credentials_url).status == 405
    stale = receiver.client(result.token_c).request("DELETE", receiver.state.credentials_url)
    assert stale.status == 401


def test_unreachable_client_gets_3001(start: Start) -> None:
    receiver = start("CPO")
    body = receiver.state.own_credentials("token-b-unreachable")
    body["url"] = closed_port_url()
    reply = receiver.post(TOKEN_A, body)
    assert reply.status == 200 and reply.status_code == 3001, reply.text
    assert receiver.state.lookup(TOKEN_A) == PENDING  # not registered, token A still valid
    assert receiver.state.registrations() == []


def test_client_refusing_token_b_gets_3001(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    # the sender never accepted this token B: its versions answer 401
    reply = receiver.post(TOKEN_A, sender.state.own_credentials("token-b-never-accepted"))
    assert reply.status == 200 and reply.status_code == 3001, reply.text


def test_client_without_2_2_1_gets_3002(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", faults=("drop_2_2_1",), token_a=None)
    token_b = sender.state.new_token()
    sender.state.accept_registration(token_b)
    reply = receiver.post(TOKEN_A, sender.state.own_credentials(token_b))
    assert reply.status == 200 and reply.status_code == 3002, reply.text
    assert receiver.state.lookup(TOKEN_A) == PENDING


def test_malformed_json_gets_400(start: Start) -> None:
    receiver = start("CPO")
    reply = receiver.post(TOKEN_A, raw='{"token": "x",')
    assert reply.status == 400 and reply.status_code == 2001, reply.text
    assert reply.header("Content-Type") == "application/json"


@pytest.mark.parametrize(
    "body",
    [{"token": "x"}, [], "text", {"token": 5, "url": "nope", "roles": []}],
    ids=["missing-fields", "list", "string", "wrong-types"],
)
def test_json_that_is_no_credentials_object_gets_2001(start: Start, body: object) -> None:
    receiver = start("CPO")
    reply = receiver.post(TOKEN_A, body)
    assert reply.status == 200 and reply.status_code == 2001, reply.text
    assert reply.json.get("status_message")
    assert receiver.state.lookup(TOKEN_A) == PENDING


def test_register_reports_failures_as_values(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    with OcpiClient(None, limits=FAST) as client:
        credentials = sender.state.own_credentials("token-b-0002")
        unreachable = register(client, closed_port_url(), TOKEN_A, credentials)
        wrong_a = register(client, receiver.state.versions_url, "not-token-a", credentials)
        refused = register(client, receiver.state.versions_url, TOKEN_A, credentials)
    assert not unreachable.ok and "cannot reach" in (unreachable.problem or "")
    assert not wrong_a.ok and wrong_a.problem
    assert not refused.ok and "3001" in (refused.problem or "")
    for outcome in (unreachable, wrong_a, refused):
        assert "\n" not in (outcome.problem or "")


def test_fault_register_any_body(start: Start) -> None:
    party = start("CPO", faults=("register_any_body",))
    reply = party.post(TOKEN_A, {"token": "a-token-b-but-no-credentials"})
    assert reply.status == 200 and reply.status_code == 1000
    assert isinstance(reply.data, dict) and reply.data["token"]
    assert party.state.registrations()[0].versions_url is None  # nothing was fetched


def test_fault_credentials_body_400(start: Start) -> None:
    party = start("CPO", faults=("credentials_body_400",))
    reply = party.post(TOKEN_A, {"token": "a-token-b-but-no-credentials"})
    assert reply.status == 400 and reply.status_code == 2001
    assert not party.state.registrations()


def test_a_body_that_is_no_credentials_gets_200_and_2001(start: Start) -> None:
    party = start("CPO")
    reply = party.post(TOKEN_A, {"token": "a-token-b-but-no-credentials"})
    assert reply.status == 200 and reply.status_code == 2001
    assert not party.state.registrations()


def test_fault_credentials_url_wrong(start: Start) -> None:
    party = start("CPO", faults=("credentials_url_wrong",))
    url = party.state.own_credentials("some-token-x")["url"]
    assert url != party.state.versions_url
    party.state.accept_token("registered-token-x")
    assert party.client("registered-token-x").get(url).status == 404


def test_fault_credentials_routes_missing(start: Start) -> None:
    party = start("CPO", faults=("credentials_routes_missing",))
    for method in ("GET", "PUT", "DELETE"):
        reply = party.client(TOKEN_A).request(method, party.credentials_url(), json_body={})
        assert reply.status == 405 and reply.json_error is not None, method
    assert party.post(TOKEN_A, {"token": "x"}).status == 200  # POST is still served


def test_fault_spends_token_a(start: Start) -> None:
    party = start("CPO", faults=("spends_token_a",))
    first = party.post(TOKEN_A, {"token": "not-credentials-at-all"})
    assert first.status == 200 and first.status_code == 2001  # not registered
    assert party.post(TOKEN_A, {"token": "again"}).status == 401  # yet token A is gone
