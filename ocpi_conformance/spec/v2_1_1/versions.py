"""Version information and details endpoints (version_information_endpoint.md).

An Endpoint has no `role` in 2.1.1 (version_information_endpoint.md#endpoint-class: identifier and
url only; the 2.2 changelog: "Field `role` added"): which interface a URL serves follows from the
module and from whether the party is a CPO or an eMSP (modules.py).
"""

from ocpi_conformance.spec.v2_1_1.documents import VIF
from ocpi_conformance.spec.v2_1_1.enums import ModuleID, VersionNumber
from ocpi_conformance.spec.v2_1_1.types import URL, OneOrMore, SpecModel, anchor


class Version(SpecModel):
    spec_anchor = anchor(VIF, "version-class")

    version: VersionNumber
    url: URL


class Endpoint(SpecModel):
    spec_anchor = anchor(VIF, "endpoint-class")

    identifier: ModuleID
    url: URL


class VersionDetails(SpecModel):
    """The `Data` table of the version details endpoint (its second `Data` heading: data-1)."""

    spec_anchor = anchor(VIF, "data-1")

    version: VersionNumber
    endpoints: OneOrMore(Endpoint)
