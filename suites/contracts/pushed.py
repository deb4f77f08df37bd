"""PushedObjects: the cases that judge what a target pushes on its own to the harness's peer
(the Sender side of a module's push model: a CPO's Locations, Sessions, CDRs and Tariffs, an
eMSP's Tokens), read from the requests the peer received after our registration.

A file may adopt it several times (one class per module): the cases take their module from
their class (`self.suite`), not from the file. Each case looks at every request of its module
the target sent; a run in which it sent none skips them ("nothing received within N s"), never
fails them. The peer answered each as a conformant Receiver does; the cases judge the request
itself, by the operation it must be.

Each case runs in the versions whose text has its rule, judging by the run's version (its
registry, its schemas). 2.1.1 differs in two: its PATCH requires nothing (2.2.1's "carries
last_updated" is 2.2.1's case, 2.1.1 has one of its own, valid fields only), and its objects
name no owner (the URL's owner is then the target's own party, as its credentials gave it).
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

from ocpi_conformance.party.service import match_path
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.inbound import Heard, Pushed, posted_to
from ocpi_conformance.spec.registry import Operation
from ocpi_conformance.spec.validation import validate_object, validate_patch
from ocpi_conformance.spec.version import DEFAULT, Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.text import first
from ocpi_conformance.transport.guards import json_or_none
from ocpi_conformance.verdicts.cases import MANDATORY, Contract, Suite, contract_case
from ocpi_conformance.verdicts.checks.inbound import not_taken

NEEDS = ("registered",)  # only a party registered with the target is pushed to


# "Client owned object URL definition: {base-ocpi-url}/{end-point}/{country-code}/{party-id}/
# {object-id}" and "The country-code and party-id of the other party are received during the
# credentials handshake" (2.1.1: no object names its owner)
OWNER_URL_211 = {"2.1.1": f"{spec_version('2.1.1').documents.TAF}#client-owned-object-push"}


def operation_of(pushed: Pushed, version: str = DEFAULT) -> Operation | None:
    """The Receiver operation (of OCPI `version`) a request is, by its method and URL; None if
    it is none."""
    interface = spec_version(version).modules[pushed.module].interface("RECEIVER")
    for operation in interface.operations:
        if operation.target != "endpoint" or operation.method != pushed.exchange.method:
            continue
        if match_path(operation.path, pushed.path) is not None:
            return operation
    return None


def heard_of(heard: Heard, module: str, what: str) -> list[Pushed]:
    """The requests the target sent our Receiver of `module`, claimed by the running case;
    a skip ("nothing received within N s") when there are none."""
    found = heard.of(module)
    if not found:
        pytest.skip(heard.silence(what))
    heard.claim(found)
    return found


RESULT_WAIT_S = 5.0  # our peer POSTs a result a moment after its response


def response_urls(requests: list[Pushed]) -> set[str]:
    """The response_urls of the target's requests our peer took (in the body, or the query
    of a GET or DELETE): where it owes the target a result."""
    urls = set()
    for pushed in requests:
        if pushed.exchange.status != 200:
            continue
        body = body_of(pushed)
        given = body.get("response_url") if isinstance(body, dict) else None
        query = parse_qs(urlparse(pushed.exchange.url).query)
        given = given or (query.get("response_url") or [None])[0]
        if isinstance(given, str):
            urls.add(given)
    return urls


def assert_results_taken(harness: Harness, requests: list[Pushed], what: str) -> None:
    """The results our peer POSTed for `requests` were answered with HTTP 200 and 1000;
    a skip when none was due or none went out."""
    urls = response_urls(requests)
    if not urls:
        pytest.skip(f"no request of the target's was taken, so no {what} was due")
    posts = posted_to(harness.log, urls, RESULT_WAIT_S)
    if not posts:
        pytest.skip(f"our peer POSTed no {what} (its response was not ACCEPTED)")
    harness.log.claim(posts)
    refused = not_taken(posts)
    assert not refused, f"our {what} was not taken: {first(refused)}"


def body_of(pushed: Pushed) -> Any:
    """The pushed body as JSON, None when it is not JSON within the transport's guard."""
    return json_or_none(pushed.exchange.request_body)


def shown(pushed: Pushed) -> str:
    return f"{pushed.exchange.method} {pushed.exchange.url}"


def words_for(suite: Suite) -> dict[str, str]:
    """The clauses the contract's cases cite, in the version `suite` reads: our Receiver
    interface the pushes reach, its whole push (a PUT, or the CDRs' POST) and its PATCH (where
    it has one)."""
    interface = suite.spec.modules[suite.module].interface("RECEIVER")
    whole = next(
        op
        for op in interface.operations
        if op.method in ("PUT", "POST") and op.request is not None and op.request.obj == suite.obj
    )
    patch = next((op for op in interface.operations if op.method == "PATCH"), None)
    words = {"interface_spec": interface.spec, "push_spec": whole.spec}
    return words | ({"patch_spec": patch.spec} if patch is not None else {})


def pushes(module: str) -> Suite:
    """The suite of what the target's Sender interface of `module` pushes to our Receiver, in
    every version that has the module."""
    return Suite(module, "SENDER", initiator="target", versions=("2.2.1", "2.1.1", "2.3.0"))


class PushedObjects(Contract):
    numbers: ClassVar[dict[str, int]] = {
        "valid": 101,
        "patch": 102,
        "url_body": 103,
        "methods": 104,
        "patch_fields": 105,
    }

    @classmethod
    def words_in(cls, number: str) -> dict[str, str]:
        """The clauses of our Receiver in OCPI `number`'s registry (`words_for`)."""
        return {**words_for(cls.suite.at(number)), **cls.words}

    def requests(self, heard: Heard, suite: Suite, what: str) -> list[Pushed]:
        return heard_of(heard, suite.module, what)

    @pytest.mark.ocpi_last
    @contract_case("valid", MANDATORY, "{push_spec}", needs=NEEDS)
    def test_pushed_objects_are_valid(self, heard: Heard, version: Version) -> None:
        """Every {obj} the target pushes whole is valid by every rule of the spec"""
        suite = self.suite.at(version.number)
        whole = [
            (pushed, operation)
            for pushed in self.requests(heard, suite, f"its {suite.obj} pushes")
            if (operation := operation_of(pushed, version.number)) is not None
            and operation.method in ("PUT", "POST")
            and operation.request is not None
        ]
        if not whole:
            pytest.skip(f"the target pushed no whole {suite.obj} (PUT or POST)")
        broken = []
        for pushed, operation in whole:
            assert operation.request is not None
            violations = validate_object(operation.request.obj, body_of(pushed), version.number)
            if violations:
                broken.append(f"{shown(pushed)}: {first(violations, 3)}")
        assert not broken, f"the target pushed invalid objects: {first(broken)}"

    def patches(self, heard: Heard, suite: Suite) -> list[Pushed]:
        """The target's PATCHes to our Receiver of the suite's module (a skip when none)."""
        patches = [
            pushed
            for pushed in self.requests(heard, suite, f"its {suite.obj} PATCHes")
            if pushed.exchange.method == "PATCH"
        ]
        if not patches:
            pytest.skip(f"the target sent no {suite.obj} PATCH")
        return patches

    @pytest.mark.ocpi_last
    @contract_case("patch", MANDATORY, "{patch_spec}", needs=NEEDS, versions=("2.2.1", "2.3.0"))
    def test_pushed_patches_carry_last_updated(self, heard: Heard, version: Version) -> None:
        """Every {obj} PATCH the target sends carries last_updated and only valid fields"""
        suite = self.suite.at(version.number)
        broken = []
        for pushed in self.patches(heard, suite):
            body = body_of(pushed)
            if not isinstance(body, dict) or "last_updated" not in body:
                broken.append(f"{shown(pushed)}: no last_updated")
            elif violations := validate_patch(suite.obj, body, version.number):
                broken.append(f"{shown(pushed)}: {first(violations, 3)}")
        assert not broken, f"a PATCH SHALL contain last_updated and valid fields: {first(broken)}"

    # 2.1.1: "Same as the PUT method, but only the fields/objects that have to be updated have to
    # be present": the fields of the object, valid, none required (last_updated neither).
    @pytest.mark.ocpi_last
    @contract_case("patch_fields", MANDATORY, "{patch_spec}", needs=NEEDS, versions=("2.1.1",))
    def test_pushed_patches_carry_valid_fields(self, heard: Heard, version: Version) -> None:
        """Every {obj} PATCH the target sends carries only valid fields of the {obj}"""
        suite = self.suite.at(version.number)
        broken = []
        for pushed in self.patches(heard, suite):
            body = body_of(pushed)
            if not isinstance(body, dict):
                broken.append(f"{shown(pushed)}: the body is no JSON object")
            elif violations := validate_patch(suite.obj, body, version.number):
                broken.append(f"{shown(pushed)}: {first(violations, 3)}")
        assert not broken, f"a PATCH carries fields of the object, valid: {first(broken)}"

    @pytest.mark.ocpi_last
    @contract_case("url_body", MANDATORY, "{push_spec}", needs=NEEDS, clauses=OWNER_URL_211)
    def test_pushed_url_names_the_body(
        self, harness: Harness, heard: Heard, version: Version
    ) -> None:
        """The URL of every {obj} PUT names its owner and the id its body carries

        In a version whose objects name no owner (2.1.1), the URL's owner is the target's own
        party, as its credentials gave it (not judged when the harness does not know it)."""
        suite = self.suite.at(version.number)
        puts = [
            pushed
            for pushed in self.requests(heard, suite, f"its {suite.obj} PUTs")
            if pushed.exchange.method == "PUT" and len(pushed.path) >= 3
        ]
        if not puts:
            pytest.skip(f"the target sent no {suite.obj} PUT")
        key = version.identity_field(suite.obj)
        party = harness.target_party()
        broken = []
        for pushed in puts:
            body = body_of(pushed)
            if not isinstance(body, dict):
                continue  # judged by the validity case
            if version.owner_in_objects:
                owner = [str(body.get(f, "")).upper() for f in ("country_code", "party_id")]
            elif party is not None:
                owner = [party.country_code.upper(), party.party_id.upper()]
            else:
                owner = [p.upper() for p in pushed.path[:2]]  # unknown: the id alone is judged
            named = [*owner, str(body.get(key, "")).upper()]
            if [p.upper() for p in pushed.path[:3]] != named:
                broken.append(f"{shown(pushed)} carries {'/'.join(named)}")
        assert not broken, f"a PUT's URL and body disagree: {first(broken)}"

    @pytest.mark.ocpi_last
    @contract_case("methods", MANDATORY, "{interface_spec}", needs=NEEDS)
    def test_pushes_use_the_receivers_operations(self, heard: Heard, version: Version) -> None:
        """The target reaches the {obj} Receiver only through the operations it offers, at
        the URLs their endpoint structures define"""
        suite = self.suite.at(version.number)
        stray = []
        for pushed in self.requests(heard, suite, f"its {suite.obj} requests"):
            if pushed.glued and suite.module not in version.unslashed_structures:
                stray.append(f"{shown(pushed)} (ids glued onto the endpoint URL without '/')")
            elif operation_of(pushed, version.number) is None:
                stray.append(f"{shown(pushed)} (no {pushed.exchange.method} operation there)")
        assert not stray, (
            f"requests no operation of the {suite.module} Receiver interface is: {first(stray)}"
        )
