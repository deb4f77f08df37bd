"""A body valid in another OCPI version than the negotiated one is named for what it is ("this
is a 2.1.1 CDR ... in a 2.2.1 endpoint"), not reported as a list of missing fields."""

from __future__ import annotations

import httpx
import pytest

from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import mixed_up
from ocpi_conformance.spec.version import version
from ocpi_conformance.transport.client import Reply
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.verdicts.checks.envelope import assert_envelope
from ocpi_conformance.verdicts.failures import SchemaViolation


def test_a_2_1_1_cdr_in_a_2_2_1_endpoint_is_named() -> None:
    cdr = fixture("cdrs", "CDR.full", "2.1.1")
    said = mixed_up("CDR", cdr, "2.2.1")
    assert said is not None and said.startswith("this is a 2.1.1 CDR (")
    assert "auth_id" in said and said.endswith("in a 2.2.1 endpoint")
    assert mixed_up("CDR", fixture("cdrs", "CDR.full", "2.2.1"), "2.2.1") is None


def test_a_2_2_1_location_in_a_2_1_1_endpoint_is_named() -> None:
    said = mixed_up("Location", fixture("locations", "Location.full", "2.2.1"), "2.1.1")
    assert said is not None and said.startswith("this is a 2.2.1 Location (")
    assert "country_code" in said


def test_an_invalid_body_of_no_version_is_no_mixup() -> None:
    assert mixed_up("CDR", {"id": "x"}, "2.2.1") is None


def _reply(data: object) -> Reply:
    exchange = Exchange("outbound", "GET", "http://t/cdrs", {}, None, 200, {}, None, 0.0, 1.0)
    body = {"data": data, "status_code": 1000, "timestamp": "2026-12-06T10:00:00Z"}
    return Reply(exchange, 200, httpx.Headers({"content-type": "application/json"}), "", json=body)


def test_the_envelope_check_says_which_version_a_listed_object_is() -> None:
    listing = version("2.2.1").operation("cdrs", "SENDER", "get_list")
    with pytest.raises(SchemaViolation) as raised:
        assert_envelope(_reply([fixture("cdrs", "CDR.full", "2.1.1")]), listing)
    assert "this is a 2.1.1 CDR" in str(raised.value)
    assert raised.value.root is not None and raised.value.root.startswith("this is a 2.1.1 CDR")
