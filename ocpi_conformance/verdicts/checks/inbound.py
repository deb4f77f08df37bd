"""Rules that bind what the target sends the harness (a request: a result POSTed to a
response_url, its pushes; or the routing of its answers), read from the recorded exchange."""

from __future__ import annotations

from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.transport.guards import json_or_none

MESSAGE_IDS = ("X-Request-ID", "X-Correlation-ID")  # transport_and_format_unique_messageg_ids


def missing_message_ids(exchange: Exchange) -> list[str]:
    """The unique message id headers a request came without (every request SHALL carry both)."""
    present = {name.lower() for name, value in exchange.request_headers.items() if value.strip()}
    return [name for name in MESSAGE_IDS if name.lower() not in present]


Party = tuple[str, str]  # (country_code, party_id), upper case


def misrouting(headers: dict[str, str], recipient: Party, sender: Party | None) -> str | None:
    """What the OCPI-to-* / OCPI-from-* headers get wrong, if they are sent at all
    (transport_and_format_message_routing: a peer-to-peer connection of two parties of one
    role each may leave them out). `sender` None: not known, not judged."""
    found = {k.lower(): v.strip().upper() for k, v in headers.items()}
    to = (found.get("ocpi-to-country-code", ""), found.get("ocpi-to-party-id", ""))
    came = (found.get("ocpi-from-country-code", ""), found.get("ocpi-from-party-id", ""))
    if any(to) and to != recipient:
        return f"addressed to {'/'.join(to)}, not {'/'.join(recipient)}"
    if any(came) and sender is not None and came != sender:
        return f"says it is from {'/'.join(came)}, not {'/'.join(sender)}"
    return None


def not_taken(posts: list[Exchange]) -> list[str]:
    """The POSTs of ours the target did not answer with HTTP 200 and status_code 1000."""
    refused = []
    for post in posts:
        body = json_or_none(post.response_body)
        code = body.get("status_code") if isinstance(body, dict) else None
        if post.status != 200 or code != 1000:
            refused.append(f"{post.url}: HTTP {post.status}, status_code {code}")
    return refused
