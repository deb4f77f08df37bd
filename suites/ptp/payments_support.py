"""What the PTP suites share: the Payments Sender's sub-lists below its one endpoint.

Reading (spec.v2_3_0.modules.AMBIGUITIES, "payments"): the module has one endpoint per interface
(identifier `payments`), below which the Terminals interface lives at '/terminals' and the
Financial Advice Confirmation interface at '/financial-advice-confirmations', the paths of every
example; the text writes '{payments_terminals_endpoint_url}' without saying how it is published.
"""

from __future__ import annotations

from ocpi_conformance.plugin.fixtures import require_endpoint
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.verdicts.cases import Suite


def below(harness: Harness, suite: Suite) -> str:
    """The URL of the suite's list: the module's endpoint and the list operation's path."""
    base = require_endpoint(harness, suite.module, suite.interface)
    return base.rstrip("/") + suite.operation("get_list").path
