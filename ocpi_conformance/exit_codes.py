"""The exit codes of `ocpi-conformance run`, a contract other tools rely on (ARCHITECTURE.md)."""

EXIT_OK = 0  # every applicable case at or above --fail-on passed (or is a known deviation)
EXIT_FAILED = 1  # at least one such case failed
EXIT_USAGE = 2  # usage or configuration error, found before any work started
EXIT_UNREACHABLE = 3  # the target could not be reached or discovered: nothing was tested
