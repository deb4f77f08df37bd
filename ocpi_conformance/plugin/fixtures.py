"""The fixtures suites use (and a team's own tests beside ours): the run's harness, its client,
peer and registration, and the target's endpoint of the suite file's interface (`SUITE`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ocpi_conformance.plugin.run import HARNESS, HarnessPlugin
from ocpi_conformance.plugin.verdicts import NOTE
from ocpi_conformance.run.handshake import Handshake
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.inbound import Heard
from ocpi_conformance.run.peer import Peer
from ocpi_conformance.spec.version import Version
from ocpi_conformance.transport.client import OcpiClient, Walk, object_url
from ocpi_conformance.transport.discovery import Discovery
from ocpi_conformance.verdicts.cases import Suite
from ocpi_conformance.verdicts.failures import BLOCKED

# The page size the Sender lists are walked with: small, so that even a small target spreads
# over several pages.
PAGE = 3


def require_endpoint(harness: Harness, module: str, role: str, *, writes: bool = False) -> str:
    """The target's endpoint of one interface, or a skip that says why the cases do not apply
    (module not selected, writes forbidden by --read-only, interface not offered).

    The URL is returned exactly as advertised: a trailing slash may be part of the route
    (py_ocpi answers 307 without it), and `object_url` joins ids onto it either way."""
    if not harness.config.selects(module):
        pytest.skip(f"not selected: {module} is not among the modules of this run (--modules)")
    if writes and harness.config.read_only:
        pytest.skip(f"--read-only sends no PUT or PATCH: the {module} {role} cases need them")
    assert harness.discovery is not None
    url = harness.discovery.endpoint(module, role)
    if url is None:
        number = harness.version.number
        pytest.skip(f"not offered: the target's {number} details list no {module} {role} endpoint")
    return url


@pytest.fixture
def inform(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """`inform(text)`: information a case gives beside its verdict (a custom module the
    target lists, say): results.json's message of a passed case, and the terminal's notes."""

    def note(text: str) -> None:
        request.node.user_properties.append((NOTE, text))

    return note


@pytest.fixture(scope="session")
def harness_plugin(request: pytest.FixtureRequest) -> HarnessPlugin:
    plugin = request.config.stash.get(HARNESS, None)
    if plugin is None:
        pytest.skip("no target configured (--ocpi-versions-url, or ocpi-conformance run)")
    return plugin


@pytest.fixture(scope="session")
def harness(harness_plugin: HarnessPlugin) -> Harness:
    return harness_plugin.harness


@pytest.fixture(scope="session")
def discovery(harness: Harness) -> Discovery:
    assert harness.discovery is not None
    return harness.discovery


@pytest.fixture(scope="session")
def peer(harness: Harness) -> Peer:
    return harness.peer


@pytest.fixture(scope="session")
def handshake(harness: Harness) -> Handshake:
    if harness.config.token_a is None:
        pytest.skip("needs a registration the harness performs itself (run with --token-a)")
    return harness.handshake


@pytest.fixture(scope="session")
def client(harness: Harness) -> Iterator[OcpiClient]:
    """A client with the token that works after registration (token C)."""
    token = harness.token()
    if token is None and harness.config.read_only:
        pytest.skip("--read-only performs no registration: give --token-c to test the modules")
    if token is None:
        pytest.skip(f"{BLOCKED}{harness.no_token_because()}")
    yield harness.client(token)


@pytest.fixture(scope="session")
def version(harness: Harness) -> Version:
    """The OCPI version the run tests: what cases ask instead of naming a version."""
    return harness.version


@pytest.fixture(scope="module")
def suite(request: pytest.FixtureRequest, version: Version) -> Suite:
    """The module and interface a suite file tests (its `SUITE`), reading the run's version."""
    found = getattr(request.module, "SUITE", None)
    if not isinstance(found, Suite):
        raise pytest.UsageError(f"{request.module.__name__} declares no SUITE = Suite(...)")
    return found.at(version.number)


@pytest.fixture(scope="module")
def endpoint(harness: Harness, suite: Suite) -> str:
    """The target's endpoint of the suite's interface (a Receiver's cases all write)."""
    return require_endpoint(
        harness, suite.module, suite.interface, writes=suite.interface == "RECEIVER"
    )


@pytest.fixture(scope="module")
def owner(harness: Harness, endpoint: str) -> str:
    """The endpoint below which the harness's own objects live: {country_code}/{party_id}."""
    return object_url(endpoint, harness.identity.country_code, harness.identity.party_id)


@pytest.fixture(scope="module")
def walk(client: OcpiClient, endpoint: str, suite: Suite) -> Walk:
    """The suite's Sender list, walked once to its end in small pages."""
    return client.walk(endpoint, module=suite.module, params={**suite.list_params(), "limit": PAGE})


@pytest.fixture(scope="module")
def listed(walk: Walk, suite: Suite) -> list[dict[str, Any]]:
    """The objects of the walked list (a list with none has nothing to judge)."""
    found = [item for item in walk.items if isinstance(item, dict)]
    if not found:
        pytest.skip(f"the target lists no {suite.obj} to judge")
    return found


@pytest.fixture(scope="session")
def heard(harness: Harness, harness_plugin: HarnessPlugin) -> Heard:
    """What the target sent our peer on its own after registering it (pushes, commands)."""
    if harness.config.read_only:
        pytest.skip("--read-only registers no peer of ours: the target has no one to push to")
    if harness.config.token_a is None and not harness.config.target_registers:
        pytest.skip(
            "the target pushes to the parties registered with it: with --token-c it knows no "
            "peer of ours (give --token-a, or --peer-token-a-file, to judge its pushes)"
        )
    if harness.token() is None or harness.registered_at is None:
        pytest.skip(f"{BLOCKED}{harness.no_token_because()}")
    return harness.heard(harness_plugin.output)
