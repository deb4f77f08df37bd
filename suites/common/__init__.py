"""Cases every target faces, whatever its role: versions, transport, credentials."""
