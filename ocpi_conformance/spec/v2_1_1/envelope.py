"""The envelope every OCPI 2.1.1 response carries (transport_and_format.md#response-format)."""

from typing import Annotated, Any

from pydantic import Field

from ocpi_conformance.spec.v2_1_1.documents import TAF
from ocpi_conformance.spec.v2_1_1.types import DateTime, SpecModel, String, anchor


class Response(SpecModel):
    """`data` is typed per endpoint by the schema export; here it is any JSON value ("Array or
    Object or String": the 2.1.1 changelog added String "needed for the commands module").

    status_code: "To avoid confusion with HTTP codes, at least four digits are used": at least
    1000, no upper bound (2.2.1 says "consist of four digits"). A code outside the ranges
    status_codes.md defines is a separate, semantic finding.
    """

    spec_anchor = anchor(TAF, "response-format")

    data: Any = None
    status_code: Annotated[int, Field(ge=1000)]
    status_message: String() | None = None
    timestamp: DateTime
