"""ocpi-conformance: a conformance harness for OCPI backends."""

__version__ = "0.1.0"
