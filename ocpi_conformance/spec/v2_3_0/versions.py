"""Version information and details endpoints (version_information_endpoint.asciidoc).

As in 2.2.1 but for two enums that are now OpenEnums (VersionNumber, ModuleID)."""

from .documents import VIF
from .enums import InterfaceRole, ModuleID, VersionNumber
from .types import URL, OneOrMore, SpecModel, anchor


class Version(SpecModel):
    spec_anchor = anchor(VIF, "version_information_endpoint_version_class")

    version: VersionNumber
    url: URL


class Endpoint(SpecModel):
    spec_anchor = anchor(VIF, "version_information_endpoint_endpoint_class")

    identifier: ModuleID
    role: InterfaceRole
    url: URL


class VersionDetails(SpecModel):
    spec_anchor = anchor(VIF, "version_information_get_details_endpoint_data")

    version: VersionNumber
    endpoints: OneOrMore(Endpoint)
