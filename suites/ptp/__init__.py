"""Cases that test a target whose role is PTP (Payment Terminal Provider, OCPI 2.3.0's Payments
module: mod_payments.asciidoc, tag v2.3.0-ed2-payments)."""
