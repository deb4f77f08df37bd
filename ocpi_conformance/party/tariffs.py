"""The Tariffs Receiver of an eMSP (mod_tariffs_msp_interface): Tariffs a CPO pushes, kept by
/{country_code}/{party_id}/{tariff_id}, with PUT, GET and DELETE (Tariffs have no PATCH).
The rules and readings are the shared Receiver's (`receiver.py`)."""

from __future__ import annotations

from typing import Any

from .faults import fault
from .receiver import Deviations, handlers
from .service import Service
from .state import PartyState

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
TARIFFS_DELETE_IGNORED = fault(
    "tariffs_delete_ignored",
    "DELETE of a Tariff answers 1000 but keeps it",
    caught_by=["TAR-EMSP-009"],
)


def _lower_currency(tariff: dict[str, Any]) -> None:
    tariff["currency"] = str(tariff.get("currency", "")).lower()


def _deviations(state: PartyState) -> Deviations:
    faults = state.faults
    return Deviations(
        alter=_lower_currency if TARIFFS_ALTERS_CURRENCY in faults else None,
        put_always_200=TARIFFS_PUT_ALWAYS_200 in faults,
        accepts_invalid=TARIFFS_ACCEPTS_INVALID in faults,
        unknown_is_200=TARIFFS_UNKNOWN_IS_200 in faults,
        delete_ignored=TARIFFS_DELETE_IGNORED in faults,
    )


SERVICES = (Service(MODULE, "RECEIVER", handlers(MODULE, "Tariff", "tariff_id", _deviations)),)
