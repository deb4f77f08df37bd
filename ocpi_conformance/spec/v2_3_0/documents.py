"""The files of the OCPI 2.3.0 text that clauses cite, and the tag and commit each was read from.

2.3.0 is three texts of github.com/ocpi/ocpi: the core, tag `v2.3.0-ed2` (Edition 2, which adds
Invoice Reconciliation to 2.3.0), and two extensions with a tag each, Payments
(`v2.3.0-ed2-payments`, built on Edition 2) and Bookings (`v2.3.0-bookings`, built on Edition 1,
`v2.3.0-ed1`). A clause is `FILE#anchor`, as in 2.2.1; `source_of` says which text a clause was
read from. The extensions also add rows to tables of the core files (a Tariff field, enum values):
those rows are listed in `ADDITIONS` with the text that adds them, so a clause of a core file never
hides that one of its rows comes from an extension a party may not implement.
"""

from __future__ import annotations

from dataclasses import dataclass

REPOSITORY = "github.com/ocpi/ocpi"


@dataclass(frozen=True)
class Source:
    """One tagged text of the spec: `git -C <mirror> rev-parse <tag>^{commit}` gives `commit`."""

    tag: str
    commit: str
    date: str  # of the commit

    def __str__(self) -> str:
        return f"{REPOSITORY} tag {self.tag} ({self.commit[:12]}, {self.date})"


CORE = Source("v2.3.0-ed2", "32a74ae78daac5ab257ddf502c6b04a817902722", "2026-06-18")
PAYMENTS = Source("v2.3.0-ed2-payments", "774e23a925c158481cd8cc9f8fc6824c1b11eaae", "2026-06-18")
BOOKINGS = Source("v2.3.0-bookings", "6b7a9ad163be887b9c52b78dc1873a2ce948c673", "2026-06-04")
# The 2.2.1 errata, some of which Edition 2 carries (docs/spec-2.3.0.md lists which).
ERRATA_2_2_1 = Source(
    "release-2.2.1-bugfixes", "ca8c04c5c8cc10ad1be2a82f61b19377d98e2a67", "2026-05-28"
)

VIF = "version_information_endpoint.asciidoc"
TAF = "transport_and_format.asciidoc"
CRD = "credentials.asciidoc"
STC = "status_codes.asciidoc"
TYP = "types.asciidoc"
TRM = "terminology.asciidoc"
LOC = "mod_locations.asciidoc"
SES = "mod_sessions.asciidoc"
CDR = "mod_cdrs.asciidoc"
TAR = "mod_tariffs.asciidoc"
TOK = "mod_tokens.asciidoc"
CMD = "mod_commands.asciidoc"
CPR = "mod_charging_profiles.asciidoc"
HCI = "mod_hub_client_info.asciidoc"
INV = "mod_invoice_reconciliation.asciidoc"
PAY = "mod_payments.asciidoc"
BKG = "mod_bookings.asciidoc"

# Files only an extension's tag has; every other file is read from the core tag.
_EXTENSION_FILES: dict[str, Source] = {PAY: PAYMENTS, BKG: BOOKINGS}


def source_of(clause: str) -> Source:
    """The text a clause (`FILE#anchor`) was read from."""
    return _EXTENSION_FILES.get(clause.split("#", 1)[0], CORE)


@dataclass(frozen=True)
class Addition:
    """A row a text adds to a table that the core text defines without it: an extension's field
    or enum value, or a ModuleID a module names outside the ModuleID table."""

    table: str  # FILE#anchor of the table the row joins
    row: str  # the field or value
    source: Source  # the text that adds it
    spec: str  # FILE#anchor of the sentence or table row that adds it, in `source`


_TARIFF = f"{TAR}#mod_tariffs_tariff_object"
_CDR = f"{CDR}#mod_cdrs_cdr_object"
_DIMENSIONS = f"{CDR}#mod_cdrs_cdrdimensiontype_enum"
_RESERVATION = f"{TAR}#mod_tariffs_reservation_restriction_type"
_TOKEN_TYPE = f"{TOK}#mod_tokens_tokentype_enum"
_MODULE_ID = f"{VIF}#version_information_endpoint_moduleid_enum"
_PREAUTHORIZE = f"{TAR}#mod_tariffs_preauthorize_amount_field"

ADDITIONS: tuple[Addition, ...] = (
    # The ModuleID table lists the nine modules of 2.2.1; each new module names its identifier in
    # its own heading ("*Module Identifier: `payments`*"), and ModuleID is an OpenEnum.
    Addition(_MODULE_ID, "invoicereconciliation", CORE, f"{INV}#mod_invoice_reconciliation_module"),
    Addition(_MODULE_ID, "payments", PAYMENTS, f"{PAY}#mod_payments_payments_module"),
    Addition(_MODULE_ID, "Booking", BOOKINGS, f"{BKG}#mod_bookings_booking_module"),
    # Payments: the Tariff row anchored mod_tariffs_preauthorize_amount_field.
    Addition(
        _TARIFF, "preauthorize_amount", PAYMENTS, f"{TAR}#mod_tariffs_preauthorize_amount_field"
    ),
    # Bookings: rows its tag adds to core tables.
    Addition(_CDR, "booking_id", BOOKINGS, _CDR),
    Addition(_DIMENSIONS, "RESERVATION_EXPIRES", BOOKINGS, _DIMENSIONS),
    Addition(_DIMENSIONS, "RESERVATION_OVERTIME", BOOKINGS, _DIMENSIONS),
    Addition(_RESERVATION, "RESERVATION_CANCELLATION_FEES", BOOKINGS, _RESERVATION),
    Addition(_RESERVATION, "RESERVATION_OVERTIME", BOOKINGS, _RESERVATION),
    Addition(_TOKEN_TYPE, "LICENSE_PLATE", BOOKINGS, _TOKEN_TYPE),
)


def additions_to(table: str) -> tuple[Addition, ...]:
    """The rows other texts add to one core table (FILE#anchor)."""
    return tuple(a for a in ADDITIONS if a.table == table)
