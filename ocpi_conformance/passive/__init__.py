"""The passive judge: the checks of `verdicts/checks/` over traffic the harness did not make,
a capture file (`judge`) or what a proxy between two partners sees (`proxy`). It sends nothing.

Beside `run/` in the layers: it reads transport, spec, verdicts and outputs, and nothing below
it imports it.
"""
