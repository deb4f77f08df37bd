"""Hub Client Info module objects (mod_hub_client_info.asciidoc): the 2.2.1 table; its `role` is
the 2.3.0 Role, which has no HUB."""

from ocpi_conformance.spec.v2_3_0.enums import ConnectionStatus
from ocpi_conformance.spec.v2_3_0.types import CiString, DateTime, Role, SpecModel, anchor

SPEC_FILE = "mod_hub_client_info.asciidoc"


class ClientInfo(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_hub_client_info_hub_client_info_object")

    party_id: CiString(3)
    country_code: CiString(2)
    role: Role
    status: ConnectionStatus
    last_updated: DateTime
