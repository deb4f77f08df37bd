"""Hub Client Info module objects (mod_hub_client_info.asciidoc)."""

from ocpi_conformance.spec.v2_2_1.enums import ConnectionStatus
from ocpi_conformance.spec.v2_2_1.types import (
    CountryCode,
    DateTime,
    PartyId,
    Role,
    SpecModel,
    anchor,
)

SPEC_FILE = "mod_hub_client_info.asciidoc"


class ClientInfo(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_hub_client_info_hub_client_info_object")

    party_id: PartyId
    country_code: CountryCode
    role: Role
    status: ConnectionStatus
    last_updated: DateTime
