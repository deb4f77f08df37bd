"""AsyncResult: a request answered at once with a `*Response`, and later a `*Result` POSTed by
the target to the `response_url` the harness gave (Commands; ChargingProfiles the same way).

The harness's peer serves every response_url below its own interface of the module; the result
is awaited there as long as the response promised (its `timeout`), within --result-wait (by
default WAIT_FACTOR times --timeout). A result that did not come within a wait cut shorter than
the promise is not judged (skipped, saying so): it may still arrive in time.
A module adopts the contract with a class that sends its request (fixture `sent`) and names, in
`words`,
what the cases' titles and clauses say: `request`, `response`, `result`, `result_spec`.

The versions name the flow's objects differently (Commands: 2.2.1 answers a CommandResponse and
POSTs a CommandResult; 2.1.1 answers a CommandResponseType and POSTs a CommandResponse), so a
module adopts the contract once per version, each class's suite naming its version; the message
ids (`result_ids`) are 2.2.1's alone, 2.1.1 has none.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, ClassVar, NoReturn

import pytest

from ocpi_conformance.party.service import functional_url
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.peer import Peer
from ocpi_conformance.spec.v2_2_1.documents import TAF
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.text import first
from ocpi_conformance.transport.client import Reply
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.transport.guards import parse_json_text
from ocpi_conformance.verdicts.cases import MANDATORY, Contract, Suite, contract_case
from ocpi_conformance.verdicts.checks.envelope import assert_success
from ocpi_conformance.verdicts.checks.inbound import missing_message_ids

WAIT_FACTOR = 4  # the longest wait for a result, in --timeout units, whatever the target promises
# "Each HTTP request must add a 'Authorization' header" (2.1.1, where 2.2.1's clause is the
# authorization_header section)
REQUEST_FORMAT_211 = {"2.1.1": f"{spec_version('2.1.1').documents.TAF}#request-format"}


@dataclass(frozen=True)
class Sent:
    """One request sent, its direct answer, and where its result is due."""

    reply: Reply
    reference: str  # the response_url's path below our interface of the module
    response_url: str
    body: dict[str, Any] = field(default_factory=dict)  # what was sent
    sent_at: str = ""  # when, as an OCPI DateTime (to find what it began in a list)


def response_url(peer: Peer, suite: Suite, label: str) -> tuple[str, str]:
    """A fresh (reference, URL) on the peer where the target is to POST one result."""
    reference = f"{label}/{uuid.uuid4()}"
    base = functional_url(peer.state, suite.module, "SENDER", peer.version)
    return reference, f"{base}/{reference}"


def result_of(data: Any) -> str | None:
    """The value of a direct answer: a 2.2.1 CommandResponse (`{"result": "ACCEPTED", ...}`), or
    the 2.1.1 CommandResponseType itself ("ACCEPTED"; the object is read too, the reading many
    2.1.1 implementations took: its validity is the response case's to judge)."""
    if isinstance(data, dict):
        data = data.get("result")
    return data if isinstance(data, str) else None


def promised(sent: Sent) -> int | None:
    """The seconds the response gave the target to send its result (`timeout`)."""
    data = sent.reply.data
    value = data.get("timeout") if isinstance(data, dict) else None
    return value if isinstance(value, int) and value > 0 else None


def wait_cap(harness: Harness) -> float:
    return harness.config.result_wait or harness.config.timeout * WAIT_FACTOR


def patience(harness: Harness, sent: Sent) -> float:
    """As long as the response promised, within the run's cap."""
    promise = promised(sent)
    return min(promise, wait_cap(harness)) if promise is not None else wait_cap(harness)


def not_arrived(harness: Harness, sent: Sent, what: str) -> NoReturn:
    """Nothing came: a failure when the whole promised time was waited, else not judged."""
    promise, waited = promised(sent), patience(harness, sent)
    if promise is not None and promise > waited:
        pytest.skip(
            f"no {what} within {waited:g} s, of the {promise} s the response allows: "
            "not judged (raise --result-wait to wait the whole time)"
        )
    raise AssertionError(f"no {what} was POSTed to {sent.response_url} within {waited:g} s")


_WAITED_OUT: set[str] = set()  # references whose result was waited for in vain once


def result_exchange(harness: Harness, peer: Peer, sent: Sent) -> Exchange | None:
    """The first POST the target made to the response_url, once it arrives. The wait is paid
    once per request: the cases after the first only look whether it came since."""
    wait = 0.0 if sent.reference in _WAITED_OUT else patience(harness, sent)
    arrived = peer.state.log.wait_for(
        lambda e: (
            e.direction == "inbound"
            and e.method == "POST"
            and e.url.split("?")[0].endswith("/" + sent.reference)
        ),
        timeout=wait,
    )
    if arrived is None:
        _WAITED_OUT.add(sent.reference)
    else:
        harness.log.claim([arrived])  # reported with the case that judges it
    return arrived


def accepted(sent: Sent) -> None:
    """Skip, saying why, when the response promises no result."""
    if result_of(sent.reply.data) != "ACCEPTED":
        pytest.skip(f"the request was not ACCEPTED ({sent.reply.describe()}): no result due")


class AsyncResult(Contract):
    numbers: ClassVar[dict[str, int]] = {
        "response": 1,
        "result": 2,
        "result_token": 3,
        "result_ids": 4,
    }
    result_object: ClassVar[str]  # the object POSTed to the response_url, e.g. CommandResult
    response_operation: ClassVar[str]  # the registry operation the request is

    # An adopting class defines the class-scoped fixture `sent`: the request that starts the
    # flow (it may need fixtures of its own, such as a place to start a session).

    def arrived(self, harness: Harness, peer: Peer, sent: Sent) -> Exchange:
        """The result POST the transport cases judge; a skip when none is due or came."""
        accepted(sent)
        found = result_exchange(harness, peer, sent)
        if found is None:
            pytest.skip(f"no {self.result_object} arrived to judge")
        return found

    @contract_case("response", MANDATORY, "{response_spec}")
    def test_response_is_valid(self, sent: Sent, suite: Suite) -> None:
        """{request} is answered with a valid {response}"""
        operation = suite.operation(self.response_operation)
        assert_success(sent.reply, operation)

    @contract_case("result", MANDATORY, "{result_spec}", needs=("registered",))
    def test_result_arrives(
        self, harness: Harness, peer: Peer, sent: Sent, version: Version
    ) -> None:
        """{request}: after ACCEPTED, a valid {result} is POSTed to the response_url"""
        accepted(sent)
        arrived = result_exchange(harness, peer, sent)
        if arrived is None:
            not_arrived(harness, sent, self.result_object)
        body: Any
        body, why = parse_json_text(arrived.request_body or "", f"the POST to {sent.response_url}")
        if why:
            raise AssertionError(f"{why}: {(arrived.request_body or '')[:200]!r}")
        violations = validate_object(self.result_object, body, version.number)
        assert not violations, (
            f"the {self.result_object} POSTed to {sent.response_url} breaks {first(violations, 3)}"
        )

    @contract_case(
        "result_token", MANDATORY, f"{TAF}#transport_and_format_authorization_header",
        needs=("registered",), clauses=REQUEST_FORMAT_211,
    )  # fmt: skip
    def test_result_comes_with_our_token(self, harness: Harness, peer: Peer, sent: Sent) -> None:
        """{request}: the {result} POST carries our credentials token"""
        arrived = self.arrived(harness, peer, sent)
        assert arrived.status != 401, (
            f"the {self.result_object} POST to {sent.response_url} came without our token "
            "(our peer answered 401)"
        )

    @contract_case(
        "result_ids", MANDATORY, f"{TAF}#transport_and_format_unique_messageg_ids",
        needs=("registered",), versions=("2.2.1", "2.3.0"),
    )  # fmt: skip
    def test_result_carries_message_ids(self, harness: Harness, peer: Peer, sent: Sent) -> None:
        """{request}: the {result} POST carries X-Request-ID and X-Correlation-ID"""
        missing = missing_message_ids(self.arrived(harness, peer, sent))
        assert not missing, (
            f"the {self.result_object} POST to {sent.response_url} lacks {' and '.join(missing)}:"
            " every request SHALL contain them"
        )
