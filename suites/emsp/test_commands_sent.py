"""CMD-EMSP-1xx: the commands an eMSP target sends the harness's peer (a CPO) on its own, and how
it takes the result the peer then POSTs to its response_url (mod_commands_msp_interface;
mod_commands.md#22-emsp-interface). The peer answers each valid command as a conformant CPO does:
a CommandResponse (2.1.1: a CommandResponseType) at once, the CommandResult (2.1.1: a
CommandResponse) a moment later."""

from __future__ import annotations

import pytest

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.inbound import Heard, Pushed
from ocpi_conformance.spec.v2_2_1.documents import CMD
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.text import first
from ocpi_conformance.verdicts.cases import MANDATORY, Suite

from ..contracts.pushed import assert_results_taken, body_of, heard_of

SUITE = Suite("commands", "SENDER", initiator="target", versions=("2.2.1", "2.1.1", "2.3.0"))
NEEDS = ("registered",)


def _commands(heard: Heard) -> list[Pushed]:
    commands = heard_of(heard, "commands", "its commands")
    sent = [p for p in commands if p.exchange.method == "POST" and len(p.path) == 1]
    if not sent:
        pytest.skip("the target sent our Commands Receiver no command")
    return sent


@pytest.mark.ocpi_last
@SUITE.case("CMD-EMSP-101", MANDATORY, f"{CMD}#mod_commands_cpo_post_request_body", needs=NEEDS)
def test_the_targets_commands_are_valid(heard: Heard, version: Version) -> None:
    """Every command the target sends carries the request object of its CommandType"""
    broken = []
    for pushed in _commands(heard):
        command = pushed.path[0]
        obj = version.command_object(command)
        if obj not in version.objects:
            broken.append(f"{command}: no CommandType of {version}")
            continue
        violations = validate_object(obj, body_of(pushed), version.number)
        if violations:
            broken.append(f"{command}: {first(violations, 3)}")
    assert not broken, f"the target sent invalid commands: {first(broken)}"


@pytest.mark.ocpi_last
@SUITE.case(
    "CMD-EMSP-102",
    MANDATORY,
    f"{CMD}#mod_commands_msp_post_method",
    needs=NEEDS,
    versions=("2.2.1", "2.3.0"),
)
def test_the_target_takes_our_command_results(harness: Harness, heard: Heard) -> None:
    """The target answers the CommandResult POSTed to its response_url with status_code 1000"""
    assert_results_taken(harness, _commands(heard), "CommandResult")


# 2.1.1: the eMSP interface's POST "Receive the asynchronous response from the Charge Point",
# a CommandResponse at the response_url the eMSP gave.
@pytest.mark.ocpi_last
@SUITE.case(
    "CMD-EMSP-103",
    MANDATORY,
    f"{spec_version('2.1.1').documents.CMD}#221-post-method",
    needs=NEEDS,
    versions=("2.1.1",),
)
def test_the_target_takes_our_command_responses(harness: Harness, heard: Heard) -> None:
    """The target answers the CommandResponse POSTed to its response_url with status_code 1000"""
    assert_results_taken(harness, _commands(heard), "CommandResponse")
