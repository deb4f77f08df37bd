"""Version information and details endpoints (version_information_endpoint.asciidoc).

As in 2.2.1 but for two enums that are now OpenEnums (VersionNumber, ModuleID)."""

from ocpi_conformance.spec.v2_3_0.documents import VIF
from ocpi_conformance.spec.v2_3_0.enums import InterfaceRole, ModuleID, VersionNumber
from ocpi_conformance.spec.v2_3_0.types import URL, OneOrMore, SpecModel, anchor


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
