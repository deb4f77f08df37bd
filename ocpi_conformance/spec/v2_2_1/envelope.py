"""The response envelope every OCPI response carries (transport_and_format_response_format)."""

from typing import Annotated, Any

from pydantic import Field

from ocpi_conformance.spec.v2_2_1.types import DateTime, SpecModel, String, anchor

SPEC_FILE = "transport_and_format.asciidoc"


class Response(SpecModel):
    """`data` is typed per endpoint by the schema export; here it is any JSON value.

    Reading: status_code "consist[s] of four digits", so 1000..9999 is valid for the envelope; a
    code outside the ranges status_codes.asciidoc defines is a separate, semantic finding.
    """

    spec_anchor = anchor(SPEC_FILE, "transport_and_format_response_format")

    data: Any = None
    status_code: Annotated[int, Field(ge=1000, le=9999)]
    status_message: String() | None = None
    timestamp: DateTime
