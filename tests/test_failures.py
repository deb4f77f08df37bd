"""A failure's category comes from its type: the generated Allure rules match the message
allure-pytest writes (`<qualified type name>: <message>`) for that type and no other."""

from __future__ import annotations

import re
import traceback

from ocpi_conformance.verdicts.failures import (
    KINDS,
    NoAnswer,
    OcpiFailure,
    SchemaViolation,
    TransportViolation,
    categories,
)


def _allure_message(error: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(error), error)).strip()


def _category(message: str) -> str:
    for rule in categories():
        if "failed" in rule["matchedStatuses"] and re.fullmatch(rule["messageRegex"], message):
            return rule["name"]
    return "none"


def test_each_kind_lands_in_its_own_category() -> None:
    for kind in KINDS:
        message = _allure_message(kind("line one\nline two"))
        assert _category(message) == kind.category


def test_a_plain_assertion_is_a_protocol_finding() -> None:
    assert _category(_allure_message(AssertionError("x"))) == OcpiFailure.category


def test_findings_are_assertion_errors_and_categories_differ() -> None:
    for kind in (NoAnswer, SchemaViolation, TransportViolation):
        assert issubclass(kind, AssertionError)
    names = [rule["name"] for rule in categories()]
    assert len(names) == len(set(names))
