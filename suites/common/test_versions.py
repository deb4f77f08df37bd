"""VER: the versions list and the version details of the version tested
(version_information_endpoint.asciidoc, version_information_endpoint.md).

The same rules in 2.2.1 and 2.1.1 but three: 2.1.1 names no 401 (VER-ANY-012/013 judge a refusal
of any kind where 2.2.1's VER-ANY-008/009 want 401), its Endpoints have no role (each module once,
VER-ANY-014, where 2.2.1 has module/role pairs, VER-ANY-006; and no role to check, VER-ANY-010).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.routes import sender_lists
from ocpi_conformance.spec.v2_2_1.documents import CRD, TAF, VIF
from ocpi_conformance.spec.version import Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.text import first
from ocpi_conformance.transport.client import REDIRECTS, OcpiClient
from ocpi_conformance.transport.discovery import Discovery, is_absolute_url
from ocpi_conformance.verdicts.cases import MANDATORY, OPTIONAL, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import assert_envelope, assert_http, assert_success

from ..contracts.unauthorized import assert_refused

SUITE = Suite("versions", "ANY", versions=("2.2.1", "2.1.1", "2.3.0"))
SINCE_22, ONLY_211 = ("2.2.1", "2.3.0"), ("2.1.1",)  # SINCE_22: Endpoint roles, the 401
V211 = spec_version("2.1.1").documents
# "The interfaces are protected on HTTP transport level, with SSL and token based authentication"
PROTECTED_211 = f"{V211.TAF}#security-and-authentication"


# Judged on the answer to the token as the version sends it (discovery's first request): a
# target that lists its versions only for the token encoded otherwise (py_ocpi Base64-decodes a
# 2.1.1 token) is read leniently by discovery and failed here. A status_code that is no success
# lists nothing: status_codes "When the status code is in the success range (1xxx), the data
# field in the response message should contain the information as specified in the protocol".
@SUITE.case(
    "VER-ANY-001", MANDATORY, f"{VIF}#version_information_endpoint_version_information_endpoint"
)
def test_versions_list_is_valid(discovery: Discovery, version: Version) -> None:
    """The versions endpoint answers with an OCPI envelope holding valid Version objects"""
    operation = version.operation("versions", "", "get_versions")
    assert_success(discovery.versions, operation)


@SUITE.case("VER-ANY-002", MANDATORY, f"{VIF}#version_information_endpoint_versionnumber_enum")
def test_version_2_2_1_is_offered(discovery: Discovery, version: Version) -> None:
    """The version tested is offered, under its own number"""
    numbers = [v.get("version") for v in discovery.offered]
    assert version.number in numbers, f"the versions list offers {numbers}, not {version}"


# no clause forbids a repeated version; a list with one is ambiguous
@SUITE.case("VER-ANY-003", OPTIONAL, f"{VIF}#version_information_endpoint_version_class")
def test_version_numbers_are_unique(discovery: Discovery) -> None:
    """Version numbers are unique in the versions list"""
    numbers = Counter(v.get("version") for v in discovery.offered)
    repeated = sorted(str(n) for n, count in numbers.items() if count > 1)
    assert not repeated, f"versions listed more than once: {', '.join(repeated)}"


@SUITE.case(
    "VER-ANY-004", MANDATORY, f"{VIF}#version_information_endpoint_version_details_endpoint"
)
def test_version_details_are_valid(
    discovery: Discovery, version: Version, inform: Callable[[str], None]
) -> None:
    """The details of the version tested answer with an envelope holding a valid VersionDetails
    for that version"""
    operation = version.operation("versions", "", "get_version_details")
    assert_envelope(discovery.details, operation)
    said = discovery.details.data.get("version")
    assert said == version.number, f"the {version} details say version {said!r}"
    custom = sorted({str(m) for m, _ in discovery.endpoints if m not in version.modules})
    if custom:  # version_information_endpoint_custom_modules: ModuleID "can be extended"
        inform(f"custom module(s) listed, not judged: {', '.join(custom)}")


@SUITE.case("VER-ANY-005", MANDATORY, f"{VIF}#version_information_endpoint_moduleid_enum")
def test_details_list_credentials(discovery: Discovery) -> None:
    """The details list the credentials module"""
    identifiers = [e.get("identifier") for e in discovery.details.data["endpoints"]]
    assert "credentials" in identifiers, f"no credentials endpoint among {identifiers}"


# only an example says credentials is "not defined twice"; which URL to use is then undefined
@SUITE.case(
    "VER-ANY-006", OPTIONAL, f"{VIF}#version_information_endpoint_endpoint_class", versions=SINCE_22
)
def test_module_role_pairs_are_unique(discovery: Discovery) -> None:
    """Each module/role pair appears once in the details"""
    pairs = Counter(
        (e.get("identifier"), e.get("role"))
        for e in discovery.details.data["endpoints"]
        if isinstance(e, dict)
    )
    repeated = sorted(f"{m}/{r}" for (m, r), count in pairs.items() if count > 1)
    assert not repeated, f"module/role pairs listed more than once: {', '.join(repeated)}"


# 2.1.1: an Endpoint is identifier and url, no role; "A party publishes one URL per module"
# (spec.v2_1_1.modules AMBIGUITIES): a module listed twice leaves which URL to use undefined.
# No sentence forbids it: optional, as VER-ANY-006.
@SUITE.case("VER-ANY-014", OPTIONAL, f"{V211.VIF}#endpoint-class", versions=ONLY_211)
def test_modules_are_unique(discovery: Discovery) -> None:
    """Each module appears once in the details"""
    modules = Counter(
        e.get("identifier") for e in discovery.details.data["endpoints"] if isinstance(e, dict)
    )
    repeated = sorted(str(m) for m, count in modules.items() if count > 1)
    assert not repeated, f"modules listed more than once: {', '.join(repeated)}"


# credentials_registration: "they should be absolute URLs"
@SUITE.case("VER-ANY-007", RECOMMENDED, f"{CRD}#credentials_registration")
def test_urls_are_absolute(discovery: Discovery) -> None:
    """Version and endpoint URLs are absolute"""
    urls = [v.get("url") for v in discovery.offered]
    urls += [e.get("url") for e in discovery.details.data["endpoints"] if isinstance(e, dict)]
    relative = [str(u) for u in urls if not is_absolute_url(u)]
    assert not relative, f"URLs that are not absolute: {', '.join(relative)}"


@SUITE.case(
    "VER-ANY-008",
    MANDATORY,
    f"{TAF}#transport_and_format_authorization_header",
    versions=SINCE_22,
)
def test_versions_require_credentials(harness: Harness, discovery: Discovery) -> None:
    """The versions endpoint refuses a request without credentials (401)"""
    reply = harness.client(None).get(discovery.versions_url, module="versions")
    assert_http(reply, 401, "without Authorization")


@SUITE.case(
    "VER-ANY-009",
    MANDATORY,
    f"{TAF}#transport_and_format_authorization_header",
    versions=SINCE_22,
)
def test_details_require_credentials(harness: Harness, discovery: Discovery) -> None:
    """The details endpoint refuses a request without credentials (401)"""
    reply = harness.client(None).get(discovery.version_url, module="versions")
    assert_http(reply, 401, "without Authorization")


# 2.1.1: "The interfaces are protected on HTTP transport level, with SSL and token based
# authentication" and "Each HTTP request must add a 'Authorization' header"; the eMSP "uses
# TOKEN_A as authentication to fetch information from the CPO" (the registration's diagram). No
# HTTP status is named: any refusal is one, a success answer is not.
@SUITE.case("VER-ANY-012", MANDATORY, PROTECTED_211, versions=ONLY_211)
def test_versions_refuse_a_request_without_credentials(
    harness: Harness, discovery: Discovery, version: Version
) -> None:
    """The versions endpoint refuses a request without credentials"""
    reply = harness.client(None).get(discovery.versions_url, module="versions")
    assert_refused(reply, "the versions endpoint without Authorization", version)


@SUITE.case("VER-ANY-013", MANDATORY, PROTECTED_211, versions=ONLY_211)
def test_details_refuse_a_request_without_credentials(
    harness: Harness, discovery: Discovery, version: Version
) -> None:
    """The version details endpoint refuses a request without credentials"""
    reply = harness.client(None).get(discovery.version_url, module="versions")
    assert_refused(reply, "the version details without Authorization", version)


# which roles implement an interface is "Typically ..." wording: descriptive. 2.1.1 Endpoints
# name no role: nothing to check.
@SUITE.case(
    "VER-ANY-010",
    OPTIONAL,
    f"{VIF}#version_information_endpoint_interface_role_enum",
    versions=SINCE_22,
)
def test_details_offer_the_role_interfaces(
    harness: Harness, discovery: Discovery, version: Version
) -> None:
    """The details offer the interfaces of the declared role"""
    mismatched = []
    for (module_id, role), _url in discovery.endpoints.items():
        module = version.modules.get(module_id)
        if module is None or module_id == "credentials":
            continue
        interfaces = [i for i in module.interfaces if i.role == role]
        if interfaces and harness.role not in interfaces[0].implemented_by:
            mismatched.append(f"{module_id} {role}")
    assert not mismatched, (
        f"a {harness.role} offers {', '.join(mismatched)}: interfaces another role implements"
    )


# version_information_endpoint_version_details_endpoint: the details exchange "what the endpoint
# URL is for this interface". A redirect is HTTP, and the harness follows one on the same
# origin, so the run goes on; that the URL given is not where the endpoint answers is a finding,
# at the level of the advice it breaks. Recommended.
@pytest.mark.ocpi_last
@SUITE.case(
    "VER-ANY-011", RECOMMENDED, f"{VIF}#version_information_endpoint_version_details_endpoint"
)
def test_endpoints_answer_where_the_details_say(
    harness: Harness, discovery: Discovery, client: OcpiClient
) -> None:
    """Endpoint URLs answer where the version details give them, without a redirect

    Judged on every request of the run to an endpoint of the details, and on a GET of each
    Sender list the details give (what a partner asks first)."""
    for route in sender_lists(discovery):
        route.send(client)
    bases = [url.rstrip("/") for url in discovery.endpoints.values()]
    asked = [
        e for e in harness.log.all()
        if e.direction == "outbound" and any(e.url.startswith(b) for b in bases)
    ]  # fmt: skip
    if not asked:
        pytest.skip("the details give no endpoint the harness could ask: nothing to judge")
    harness.log.claim([e for e in asked if e.status in REDIRECTS])
    redirected = [f"{e.method} {e.url} -> HTTP {e.status} to {e.response_headers.get('location')}"
                  for e in asked if e.status in REDIRECTS]  # fmt: skip
    assert not redirected, (
        f"{len(redirected)} of {len(asked)} requests to the endpoints the details give were "
        f"redirected (the run followed them on the same origin): {first(redirected, 2)}"
    )
