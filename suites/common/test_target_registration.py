"""CRD-ANY-101..104: a registration the target starts (--peer-token-a-file), judged from the
server's seat. The harness's peer takes the token A the user gave; the target (made to by
--trigger, or by hand within --listen) fetches our versions and version details with it, POSTs
its Credentials, and calls us with the token C we issued from then on (credentials_registration,
credentials.md#31-registration). A 2.2.1 Credentials object names the poster's roles (CRD-ANY-102);
a 2.1.1 one is one flat party, judged valid alone (CRD-ANY-104).
"""

from __future__ import annotations

from typing import Any

import pytest

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.inbound import Heard
from ocpi_conformance.run.peer import Peer
from ocpi_conformance.spec.v2_2_1.documents import CRD
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.text import first
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.transport.guards import json_or_none
from ocpi_conformance.verdicts.cases import MANDATORY, Suite

SUITE = Suite("credentials", "ANY", initiator="target", versions=("2.2.1", "2.1.1", "2.3.0"))
NEEDS = ("target_registers",)
MASKED = "token-masked-in-the-record"  # our peer accepted the real one


def _inbound(peer: Peer) -> list[Exchange]:
    """What the target sent our peer (before any case ran: each case claims what it judges)."""
    return [e for e in peer.state.log.all() if e.direction == "inbound"]


def _registration_post(peer: Peer) -> Exchange:
    posts = [
        e
        for e in _inbound(peer)
        if e.method == "POST" and e.url.split("?")[0] == peer.credentials_url
    ]
    accepted = [e for e in posts if e.status == 200]
    if not accepted:
        pytest.skip("no registration POST of the target's was accepted to judge")
    peer.state.log.claim(accepted[:1])
    return accepted[0]


@SUITE.case("CRD-ANY-101", MANDATORY, f"{CRD}#credentials_registration", needs=NEEDS)
def test_the_target_reads_our_versions_before_it_posts(peer: Peer) -> None:
    """The target fetches our versions and version details with token A before it POSTs"""
    post = _registration_post(peer)
    before = [e for e in _inbound(peer) if e.started_at <= post.started_at and e.status == 200]
    reads = [e for e in before if e.method == "GET"]
    peer.state.log.claim(reads)
    urls = {e.url.split("?")[0] for e in reads}
    missing = [u for u in (peer.versions_url, peer.details_url) if u not in urls]
    assert not missing, (
        f"the target POSTed its credentials without first reading {' and '.join(missing)} "
        "with token A (it needs our endpoints from the version details)"
    )


@SUITE.case(
    "CRD-ANY-102",
    MANDATORY,
    f"{CRD}#credentials_post_method",
    needs=NEEDS,
    versions=("2.2.1", "2.3.0"),
)
def test_the_target_posts_its_credentials_for_its_role(
    harness: Harness, peer: Peer, version: Version
) -> None:
    """The target POSTs a valid Credentials object that names its role"""
    body: Any = json_or_none(_registration_post(peer).request_body)  # our peer took it: JSON
    body["token"] = MASKED
    credentials = version.objects["Credentials"].model_validate(body)  # our peer took it: valid
    roles = {str(role.role) for role in credentials.roles}
    assert harness.role in {r.split(".")[-1] for r in roles}, (
        f"the Credentials the target POSTed name the roles {sorted(roles)}, not {harness.role} "
        "(--role)"
    )


# 2.1.1: "Provides the server with credentials to access the client's system": a Credentials
# object (token, url, business_details, party_id, country_code), no roles to name.
@SUITE.case(
    "CRD-ANY-104",
    MANDATORY,
    f"{spec_version('2.1.1').documents.CRD}#12-post-method",
    needs=NEEDS,
    versions=("2.1.1",),
)
def test_the_target_posts_valid_credentials(peer: Peer, version: Version) -> None:
    """The target POSTs a valid Credentials object"""
    body: Any = json_or_none(_registration_post(peer).request_body)
    if isinstance(body, dict) and isinstance(body.get("token"), str):
        body["token"] = MASKED
    violations = validate_object("Credentials", body, version.number)
    assert not violations, (
        f"the Credentials the target POSTed break {len(violations)} rule(s): {first(violations)}"
    )


@pytest.mark.ocpi_last
@SUITE.case("CRD-ANY-103", MANDATORY, f"{CRD}#credentials_registration", needs=NEEDS)
def test_the_target_then_calls_us_with_token_c(peer: Peer, heard: Heard) -> None:
    """After registering, the target calls us with the token C we issued, never token A

    Judged late in the run, once the harness has listened (`heard`): what the target sends
    after registering comes while the other cases run."""
    post = _registration_post(peer)
    after = [e for e in _inbound(peer) if e.started_at > post.started_at]
    if not after:
        pytest.skip(heard.silence("its requests after registering"))
    peer.state.log.claim(after)
    refused = [f"{e.method} {e.url}" for e in after if e.status == 401]
    assert not refused, (
        f"requests after the registration our peer refused with 401 (token A is spent, token C "
        f"is the one to use): {first(refused)}"
    )
