"""Rules that bind a request the target sends the harness (a result POSTed to a response_url,
later its pushes), read from the exchange the peer recorded."""

from __future__ import annotations

from ..exchanges import Exchange

MESSAGE_IDS = ("X-Request-ID", "X-Correlation-ID")  # transport_and_format_unique_messageg_ids


def missing_message_ids(exchange: Exchange) -> list[str]:
    """The unique message id headers a request came without (every request SHALL carry both)."""
    present = {name.lower() for name, value in exchange.request_headers.items() if value.strip()}
    return [name for name in MESSAGE_IDS if name.lower() not in present]
