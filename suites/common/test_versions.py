"""VER: the versions list and the 2.2.1 version details (version_information_endpoint.asciidoc)."""

from __future__ import annotations

from collections import Counter

from ocpi_conformance.catalog import case
from ocpi_conformance.checks.envelope import assert_envelope
from ocpi_conformance.discovery import Discovery, is_absolute_url
from ocpi_conformance.harness import Harness
from ocpi_conformance.spec.v2_2_1 import VERSION
from ocpi_conformance.spec.v2_2_1.modules import MODULES


@case("VER-ANY-001")
def test_versions_list_is_valid(discovery: Discovery) -> None:
    assert_envelope(discovery.versions, "versions", "", "get_versions")


@case("VER-ANY-002")
def test_version_2_2_1_is_offered(discovery: Discovery) -> None:
    numbers = [v.get("version") for v in discovery.versions.data if isinstance(v, dict)]
    assert VERSION in numbers, f"the versions list offers {numbers}, not {VERSION}"


@case("VER-ANY-003")
def test_version_numbers_are_unique(discovery: Discovery) -> None:
    numbers = Counter(v.get("version") for v in discovery.versions.data if isinstance(v, dict))
    repeated = sorted(str(n) for n, count in numbers.items() if count > 1)
    assert not repeated, f"versions listed more than once: {', '.join(repeated)}"


@case("VER-ANY-004")
def test_version_details_are_valid(discovery: Discovery) -> None:
    assert_envelope(discovery.details, "versions", "", "get_version_details")
    version = discovery.details.data.get("version")
    assert version == VERSION, f"the {VERSION} details say version {version!r}"


@case("VER-ANY-005")
def test_details_list_credentials(discovery: Discovery) -> None:
    identifiers = [e.get("identifier") for e in discovery.details.data["endpoints"]]
    assert "credentials" in identifiers, f"no credentials endpoint among {identifiers}"


@case("VER-ANY-006")
def test_module_role_pairs_are_unique(discovery: Discovery) -> None:
    pairs = Counter(
        (e.get("identifier"), e.get("role"))
        for e in discovery.details.data["endpoints"]
        if isinstance(e, dict)
    )
    repeated = sorted(f"{m}/{r}" for (m, r), count in pairs.items() if count > 1)
    assert not repeated, f"module/role pairs listed more than once: {', '.join(repeated)}"


@case("VER-ANY-007")
def test_urls_are_absolute(discovery: Discovery) -> None:
    urls = [v.get("url") for v in discovery.versions.data if isinstance(v, dict)]
    urls += [e.get("url") for e in discovery.details.data["endpoints"] if isinstance(e, dict)]
    relative = [str(u) for u in urls if not is_absolute_url(u)]
    assert not relative, f"URLs that are not absolute: {', '.join(relative)}"


@case("VER-ANY-008")
def test_versions_require_credentials(harness: Harness, discovery: Discovery) -> None:
    reply = harness.client(None).get(discovery.versions_url, module="versions")
    assert reply.status == 401, f"without Authorization: {reply.describe()}, expected HTTP 401"


@case("VER-ANY-009")
def test_details_require_credentials(harness: Harness, discovery: Discovery) -> None:
    reply = harness.client(None).get(discovery.version_url, module="versions")
    assert reply.status == 401, f"without Authorization: {reply.describe()}, expected HTTP 401"


@case("VER-ANY-010")
def test_details_offer_the_role_interfaces(harness: Harness, discovery: Discovery) -> None:
    mismatched = []
    for (module_id, role), _url in discovery.endpoints.items():
        module = MODULES.get(module_id)
        if module is None or module_id == "credentials":
            continue
        interfaces = [i for i in module.interfaces if i.role == role]
        if interfaces and harness.role not in interfaces[0].implemented_by:
            mismatched.append(f"{module_id} {role}")
    assert not mismatched, (
        f"a {harness.role} offers {', '.join(mismatched)}: interfaces another role implements"
    )
