"""A team's own checks beside the shipped suites, with the harness's fixtures.

Run against your backend (the flags also read OCPI_* variables and --ocpi-config TOML):

    pytest docs/examples/test_our_own_rules.py \
        --ocpi-versions-url https://ocpi.example.com/versions --ocpi-role cpo \
        --ocpi-token-c-file token-c.txt --ocpi-output reports/own

`client` speaks OCPI with the registered token (Base64, request ids, redacted exchange log);
`discovery` holds the versions and 2.2.1 details the harness found.
"""

from __future__ import annotations

from ocpi_conformance.transport.client import OcpiClient
from ocpi_conformance.transport.discovery import Discovery


def test_our_backend_offers_tariffs(discovery: Discovery) -> None:
    assert discovery.endpoint("tariffs") is not None, "we promised our partners tariffs"


def test_the_first_location_page_is_small(client: OcpiClient, discovery: Discovery) -> None:
    url = discovery.endpoint("locations", "SENDER")
    assert url is not None
    page = client.get(url, module="locations", params={"limit": 2})
    assert page.status == 200 and len(page.data) <= 2
