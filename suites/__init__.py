"""Conformance suites shipped with the harness; run through `ocpi-conformance run`."""
