"""The types 2.3.0 defines otherwise than 2.2.1 (spec.v2_3_0.types) and what they do to a body."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.v2_3_0 import transport
from ocpi_conformance.spec.v2_3_0.credentials import Credentials
from ocpi_conformance.spec.v2_3_0.documents import BOOKINGS, CORE, PAYMENTS, source_of
from ocpi_conformance.spec.v2_3_0.enums import ConnectorFormat, ConnectorType, ModuleID
from ocpi_conformance.spec.v2_3_0.locations import Connector
from ocpi_conformance.spec.v2_3_0.payments import FinancialAdviceConfirmation
from ocpi_conformance.spec.v2_3_0.types import OpenEnum, Price, Role, SpecEnum, open_enum

from .validation_2_3_0 import validate_object


def _connector(**changes: object) -> dict:
    return {**fixture("locations", "Connector.minimal", version="2.3.0"), **changes}


def test_an_open_enum_takes_any_string_and_keeps_its_known_values() -> None:
    custom = Connector.model_validate(_connector(standard="ACME_PLUG_2"))
    assert custom.standard == "ACME_PLUG_2"
    known = Connector.model_validate(_connector(standard="MCS"))
    assert known.standard == ConnectorType.MCS == "MCS"
    with pytest.raises(ValidationError):
        Connector.model_validate(_connector(standard=42))  # a string, though
    with pytest.raises(ValidationError):
        Connector.model_validate(_connector(format="PLUG"))  # ConnectorFormat stays closed
    assert ConnectorFormat("SOCKET") is ConnectorFormat.SOCKET


def test_an_open_enum_schema_names_its_known_values_and_its_clause() -> None:
    schema = Connector.model_json_schema(ref_template="#/$defs/{model}")
    standard = schema["properties"]["standard"]  # enums are inline, open or closed
    assert standard["type"] == "string" and "enum" not in standard
    assert standard["x-ocpi-known"] == [member.value for member in ConnectorType]
    assert {"SAE_J3400", "MCS", "IEC_62196_T2"} <= set(standard["x-ocpi-known"])
    assert standard["x-ocpi-open"] == "types.asciidoc#types_openenum_type"
    assert standard["x-ocpi-spec"] == "mod_locations.asciidoc#mod_locations_connectortype_enum"
    closed = schema["properties"]["format"]
    assert closed["enum"] == ["SOCKET", "CABLE"] and "x-ocpi-known" not in closed


def test_only_an_open_enum_can_be_opened() -> None:
    class Closed(SpecEnum):
        A = "A"

    with pytest.raises(TypeError):
        open_enum("x.asciidoc#y")(Closed)


def test_module_ids_know_the_new_modules() -> None:
    assert {"invoicereconciliation", "payments", "Booking"} <= {m.value for m in ModuleID}
    assert issubclass(ModuleID, OpenEnum)


def test_price_is_before_taxes_and_taxes() -> None:
    price = Price.model_validate(
        {"before_taxes": 10.0, "taxes": [{"name": "QST", "percentage": 9.975, "amount": 1.0}]}
    )
    assert price.taxes is not None and price.taxes[0].name == "QST"
    with pytest.raises(ValidationError):
        Price.model_validate({"excl_vat": 10.0, "incl_vat": 12.1})  # the 2.2.1 Price
    with pytest.raises(ValidationError):
        Price.model_validate({"before_taxes": 10.0, "taxes": [{"name": "VAT"}]})  # no amount


def test_role_has_no_hub() -> None:
    assert "HUB" not in {r.value for r in Role}
    assert {r.value for r in Role} == {"CPO", "EMSP", "NAP", "NSP", "OTHER", "SCSP"}


def test_hub_party_id_is_five_characters() -> None:
    body = fixture("credentials", "Credentials.minimal", version="2.3.0")
    assert Credentials.model_validate({**body, "hub_party_id": "NLHUB"}).hub_party_id == "NLHUB"
    for wrong in ("NLHU", "NLHUB1"):
        with pytest.raises(ValidationError):
            Credentials.model_validate({**body, "hub_party_id": wrong})


def test_eft_data_items_are_one_to_255_characters() -> None:
    body = fixture("payments", "FinancialAdviceConfirmation.minimal", version="2.3.0")
    FinancialAdviceConfirmation.model_validate({**body, "eft_data": ["x", "y" * 255]})
    for wrong in ([""], ["z" * 256], []):
        with pytest.raises(ValidationError):
            FinancialAdviceConfirmation.model_validate({**body, "eft_data": wrong})


def test_unknown_fields_are_accepted() -> None:
    # _non_specified_json_fields: "SHALL NOT reject [...] payloads based on the presence of JSON
    # object field names that are not documented in this specification"
    assert transport.UNKNOWN_FIELDS == "accept"
    location = fixture("locations", "Location.full", version="2.3.0")
    location["accessibility_notes"] = "ramp at the north entrance"
    location["evses"][0]["connectors"][0]["vendor_extension"] = {"x": 1}
    assert validate_object("Location", location) == []

    class Holder(BaseModel):
        price: Price

    assert Holder.model_validate({"price": {"before_taxes": 1, "currency_hint": "EUR"}})


def test_each_clause_names_the_text_it_comes_from() -> None:
    assert source_of("mod_payments.asciidoc#mod_payments_terminal_object") == PAYMENTS
    assert source_of("mod_bookings.asciidoc#mod_bookings_booking_object") == BOOKINGS
    assert source_of("mod_locations.asciidoc#mod_locations_parking_object") == CORE
    assert "v2.3.0-ed2 (32a74ae78daa" in str(CORE)
