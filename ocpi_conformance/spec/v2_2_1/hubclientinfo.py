"""Hub Client Info module objects (mod_hub_client_info.asciidoc)."""

from .enums import ConnectionStatus
from .types import CountryCode, DateTime, PartyId, Role, SpecModel, anchor

SPEC_FILE = "mod_hub_client_info.asciidoc"


class ClientInfo(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_hub_client_info_hub_client_info_object")

    party_id: PartyId
    country_code: CountryCode
    role: Role
    status: ConnectionStatus
    last_updated: DateTime
