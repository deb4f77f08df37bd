"""The Tariffs Receiver of an eMSP (mod_tariffs_msp_interface): Tariffs a CPO pushes, kept by
/{country_code}/{party_id}/{tariff_id}, with PUT, GET and DELETE (and PATCH in 2.1.1, which has
one; 2.2.1 Tariffs have none). The rules and readings are the shared Receiver's
(`receiver.py`)."""

from __future__ import annotations

from typing import Any

from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.receiver import Deviations, handlers
from ocpi_conformance.party.service import Service
from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.party.state import PartyState
from ocpi_conformance.spec.validation import Violation

MODULE = "tariffs"

TARIFFS_ALTERS_CURRENCY = fault(
    "tariffs_alters_currency",
    "PUT of a Tariff stores its currency in lower case",
    caught_by=["TAR-EMSP-001"],
)
TARIFFS_PUT_ALWAYS_200 = fault(
    "tariffs_put_always_200",
    "PUT of a new Tariff gets HTTP 200, not 201",
    caught_by=["TAR-EMSP-002"],
)
TARIFFS_ACCEPTS_INVALID = fault(
    "tariffs_accepts_invalid",
    "PUT stores Tariffs that break the schema, answering 1000",
    caught_by=["TAR-EMSP-005"],
)
TARIFFS_UNKNOWN_IS_200 = fault(
    "tariffs_unknown_is_200",
    "GET of an unknown Tariff: HTTP 200, 1000, no data",
    caught_by=["TAR-EMSP-006"],
)
TARIFFS_REFUSALS_HTTP_400 = fault(
    "tariffs_refusals_http_400",
    "every Tariff PUT the Receiver refuses is answered HTTP 400 (with status_code 2001)",
    caught_by=["TAR-EMSP-011"],
)
TARIFFS_NAIVE_ANSWER_TIMESTAMPS = fault(
    "tariffs_naive_answer_timestamps",
    "answers to Tariff PUTs and DELETEs carry a timestamp of 26 characters: microseconds, no zone",
    caught_by=["TAR-EMSP-012"],
)
TARIFFS_TAKES_STRINGS = fault(
    "tariffs_takes_strings",
    "PUT stores Tariffs with numbers or booleans sent as JSON strings (answering 1000)",
    caught_by=["TAR-EMSP-005"],
)
TARIFFS_DELETE_IGNORED = fault(
    "tariffs_delete_ignored",
    "DELETE of a Tariff answers 1000 but keeps it",
    caught_by=["TAR-EMSP-009"],
)


def _lower_currency(tariff: dict[str, Any]) -> None:
    tariff["currency"] = str(tariff.get("currency", "")).lower()


# What a framework's model writes for a datetime without a zone (Python's isoformat()).
NAIVE_TIMESTAMP = "2024-03-04T08:15:30.123456"


def _a_string_for_a_value(violation: Violation) -> bool:
    """A number or boolean sent as a JSON string: what a coercing model lets through."""
    return violation.constraint == "type" and " is a JSON string, expected " in violation.message


def _deviations(state: PartyState) -> Deviations:
    faults = state.faults
    return Deviations(
        alter=_lower_currency if TARIFFS_ALTERS_CURRENCY in faults else None,
        put_always_200=TARIFFS_PUT_ALWAYS_200 in faults,
        accepts_invalid=TARIFFS_ACCEPTS_INVALID in faults,
        unknown_is_200=TARIFFS_UNKNOWN_IS_200 in faults,
        delete_ignored=TARIFFS_DELETE_IGNORED in faults,
        refusal_http=400 if TARIFFS_REFUSALS_HTTP_400 in faults else 200,
        answer_timestamp=NAIVE_TIMESTAMP if TARIFFS_NAIVE_ANSWER_TIMESTAMPS in faults else None,
        tolerates=_a_string_for_a_value if TARIFFS_TAKES_STRINGS in faults else None,
    )


SERVICES = (
    Service(
        MODULE,
        "RECEIVER",
        handlers(MODULE, "Tariff", "tariff_id", _deviations, versions=SPOKEN),
        versions=SPOKEN,
    ),
)
