"""Version information and details endpoints (version_information_endpoint.asciidoc)."""

from ocpi_conformance.spec.v2_2_1.enums import InterfaceRole, ModuleID, VersionNumber
from ocpi_conformance.spec.v2_2_1.types import URL, OneOrMore, SpecModel, anchor

SPEC_FILE = "version_information_endpoint.asciidoc"


class Version(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "version_information_endpoint_version_class")

    version: VersionNumber
    url: URL


class Endpoint(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "version_information_endpoint_endpoint_class")

    identifier: ModuleID
    role: InterfaceRole
    url: URL


class VersionDetails(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "version_information_get_details_endpoint_data")

    version: VersionNumber
    endpoints: OneOrMore(Endpoint)
