"""An OCPI backend built on python-ocpi (NOWUM pyocpi, Flask-RESTX), a real third-party target.

This file runs only in the target's own virtual environment (tests/targets/library.py); the
harness never imports it. It is the glue a user of the library writes: the library ships the
Flask-RESTX namespaces (routes, request parsing, the response envelope) and stub "managers"
(ocpi/managers.py) a user subclasses to hold the data; this file gives them in-memory storage,
a few seeded objects and the tokens, each doing what the spec asks of the application, so that
whatever the harness finds is the library's behaviour, not this file's.

The library speaks OCPI 2.2 (createOcpiBlueprint: "Always speaks OCPI 2.2"; its version details
route is the literal '2.2'), and it is configured here as its documentation says.

    OCPI_TARGET_TOKEN_A=A python app.py --role cpo --port 8123 --seed-dir fixtures/2.2.1
"""

# The managers implement the library's camelCase interface (ocpi/managers.py): its names are
# not ours to choose.
# ruff: noqa: N802, N815

from __future__ import annotations

import argparse
import copy
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

PARTY = {"CPO": ("NL", "NWC"), "EMSP": ("NL", "NWE")}
SEEDS = {
    "CPO": {
        "locations": "locations/valid/Location.full.json",
        "tariffs": "tariffs/valid/Tariff.full.json",
        "sessions": "sessions/valid/Session.full.json",
        "cdrs": "cdrs/valid/CDR.full.json",
    },
    "EMSP": {"tokens": "tokens/valid/Token.full.json"},
}
SEEDED_PER_MODULE = 5
# python-ocpi's Location model has publish_allowed_to as a list of strings and directions as a
# number (ocpi/models/location.py), where the spec has PublishTokenType objects and DisplayText
# (mod_locations_location_object): the library cannot serialize a spec-valid value there, so
# the seeds leave these optional fields out.
UNREPRESENTABLE = {"locations": ("publish_allowed_to", "directions")}
# The interface each role serves per module (the library's `injected_objects` roles).
INTERFACES = {
    "CPO": {
        "locations": "SENDER",
        "sessions": "SENDER",
        "cdrs": "SENDER",
        "tariffs": "SENDER",
        "tokens": "RECEIVER",
        "commands": "RECEIVER",
        "charging_profiles": "RECEIVER",
    },
    "EMSP": {
        "locations": "RECEIVER",
        "sessions": "RECEIVER",
        "cdrs": "RECEIVER",
        "tariffs": "RECEIVER",
        "tokens": "SENDER",
        "commands": "SENDER",
        "charging_profiles": "SENDER",
    },
}


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--role", choices=("cpo", "emsp"), required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seed-dir", type=Path, required=True)
    return parser.parse_args()


def _timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def seed(role: str, seed_dir: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """A few objects per module the role sends, with distinct ids and last_updated a day apart."""
    country_code, party_id = PARTY[role]
    start = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)
    store: dict[str, dict[str, dict[str, Any]]] = {}
    for module, relative in SEEDS[role].items():
        template = json.loads((seed_dir / relative).read_text(encoding="utf-8"))
        objects = store.setdefault(module, {})
        for n in range(SEEDED_PER_MODULE):
            item = copy.deepcopy(template)
            for name in UNREPRESENTABLE.get(module, ()):
                item.pop(name, None)
            key = "uid" if module == "tokens" else "id"
            item[key] = f"NW-{module[:3].upper()}-{n:04d}"
            item["country_code"], item["party_id"] = country_code, party_id
            stamp = _timestamp(start + timedelta(days=n))
            item["last_updated"] = stamp
            for evse in item.get("evses") or []:  # children no newer than their Location
                evse["last_updated"] = stamp
                for connector in evse.get("connectors") or []:
                    connector["last_updated"] = stamp
                    connector["tariff_ids"] = [f"NW-TAR-{n:04d}"]
            objects[item[key]] = item
    return store


def build(role: str, port: int, seed_dir: Path, token_a: str) -> Any:
    import ocpi
    import ocpi.exceptions as oe
    from flask import Flask, request
    from ocpi.managers import CredentialsManager

    role = role.upper()
    base_url = f"http://127.0.0.1:{port}/ocpi"
    store = seed(role, seed_dir)
    country_code, party_id = PARTY[role]

    def objects(module: str) -> dict[str, dict[str, Any]]:
        return store.setdefault(module, {})

    def page(module: str, begin: Any, end: Any, offset: int, limit: int) -> tuple[list, dict]:
        """Sorted by last_updated; from inclusive, to exclusive; the pagination headers the
        library leaves to its managers (transport_and_format 4.1.3)."""
        items = sorted(objects(module).values(), key=lambda o: _parse(o["last_updated"]))
        if begin is not None:
            items = [o for o in items if _parse(o["last_updated"]) >= _parse(begin)]
        if end is not None:
            items = [o for o in items if _parse(o["last_updated"]) < _parse(end)]
        headers = {"X-Total-Count": str(len(items)), "X-Limit": str(limit)}
        if offset + limit < len(items):
            query = request.args.to_dict()
            query.update(offset=str(offset + limit), limit=str(limit))
            link = request.base_url + "?" + "&".join(f"{k}={v}" for k, v in query.items())
            headers["Link"] = f'<{link}>; rel="next"'
        return items[offset : offset + limit], headers

    def stored(module: str, key: str) -> dict[str, Any]:
        found = objects(module).get(key)
        if found is None and module == "locations":
            raise oe.InvalidLocationError()  # status_code 2003, Unknown Location
        if found is None:
            raise oe.OcpiError(f"unknown {module} object {key}")
        return found

    class MemoryCredentials(CredentialsManager):
        """Token A until a registration uses it; then token C per registered client."""

        def __init__(self) -> None:
            roles = [
                {
                    "role": role,
                    "business_details": {"name": "python-ocpi integration target"},
                    "party_id": party_id,
                    "country_code": country_code,
                }
            ]
            super().__init__(roles, base_url + "/versions")
            self.tokens: dict[str, dict[str, Any]] = {token_a: {"token_a": True}}

        def isAuthenticated(self, token: str) -> bool:
            return token in self.tokens

        def getCredentials(self, token: str) -> dict[str, Any]:
            return {"token": token, "url": self.url, "roles": self.credentials_roles}

        def _updateToken(self, token, client_url, client_token, endpoint_list=None) -> None:
            self.tokens[token] = {"client_url": client_url, "client_token": client_token}

        def _deleteToken(self, token: str) -> dict[str, Any] | None:
            return self.tokens.pop(token, None)

        def sendToModule(self, objects, module, method="PUT", with_path=True) -> None:
            pass  # this target pushes nothing on its own

    class Locations:
        def getLocations(self, begin, end, offset, limit):
            return page("locations", begin, end, offset, limit)

        def getLocation(self, country_id, party_id, location_id):
            return stored("locations", location_id)

        def putLocation(self, country_id, party_id, location_id, location):
            objects("locations")[location_id] = location

        def patchLocation(self, country_id, party_id, location_id, location):
            stored("locations", location_id).update(location)

        def _evse(self, location_id: str, evse_uid: str) -> dict[str, Any]:
            evses = stored("locations", location_id).setdefault("evses", [])
            for evse in evses:
                if evse.get("uid") == evse_uid:
                    return evse
            raise oe.OcpiError(f"unknown EVSE {evse_uid}")

        def getEVSE(self, country_id, party_id, location_id, evse_id):
            return self._evse(location_id, evse_id)

        def putEVSE(self, country_id, party_id, location_id, evse_id, evse):
            evses = stored("locations", location_id).setdefault("evses", [])
            evses[:] = [e for e in evses if e.get("uid") != evse_id] + [evse]

        def patchEVSE(self, country_id, party_id, location_id, evse_id, evse):
            self._evse(location_id, evse_id).update(evse)

        def _connector(self, location_id, evse_id, connector_id) -> dict[str, Any]:
            for connector in self._evse(location_id, evse_id).get("connectors") or []:
                if connector.get("id") == connector_id:
                    return connector
            raise oe.OcpiError(f"unknown Connector {connector_id}")

        def getConnector(self, country_id, party_id, location_id, evse_id, connector_id):
            return self._connector(location_id, evse_id, connector_id)

        def putConnector(self, country_id, party_id, location_id, evse_id, connector_id, body):
            connectors = self._evse(location_id, evse_id).setdefault("connectors", [])
            connectors[:] = [c for c in connectors if c.get("id") != connector_id] + [body]

        def patchConnector(self, country_id, party_id, location_id, evse_id, connector_id, body):
            self._connector(location_id, evse_id, connector_id).update(body)

    class Sessions:
        def getSessions(self, begin, end, offset, limit):
            return page("sessions", begin, end, offset, limit)

        def getSession(self, country_id, party_id, session_id):
            return stored("sessions", session_id)

        def createSession(self, country_id, party_id, session):
            objects("sessions")[session["id"]] = session

        def patchSession(self, country_id, party_id, session_id, session_part):
            stored("sessions", session_id).update(session_part)

        def updateChargingPrefs(self, session_id, prefs):
            return {"result": "NOT_POSSIBLE"}  # no smart charging in this target

    class Cdrs:
        def getCdrs(self, begin, end, offset, limit):
            return page("cdrs", begin, end, offset, limit)

        def getCdr(self, cdr_uid):
            return stored("cdrs", cdr_uid)

        def postCdr(self, cdr):
            objects("cdrs")[cdr["id"]] = cdr
            return cdr

    class Tariffs:
        def getTariffs(self, begin, end, offset, limit):
            return page("tariffs", begin, end, offset, limit)

        def getTariff(self, country_code, party_id, tariff_id):
            return stored("tariffs", tariff_id)

        def putTariff(self, country_code, party_id, tariff_id, tariff):
            objects("tariffs")[tariff_id] = tariff

        def deleteTariff(self, country_code, party_id, tariff_id):
            objects("tariffs").pop(tariff_id, None)

    class Tokens:
        def getTokens(self, begin, end, offset, limit):
            return page("tokens", begin, end, offset, limit)

        def getToken(self, country_code, party_id, token_uid, type=None):
            return stored("tokens", token_uid)

        def putToken(self, country_code, party_id, token_uid, token, type=None):
            objects("tokens")[token_uid] = token

        def patchToken(self, country_code, party_id, token_uid, token, type=None):
            stored("tokens", token_uid).update(token)

        def validateToken(self, token_uid, type=None, location=None):
            token = objects("tokens").get(token_uid)
            if token is None:
                raise oe.InvalidTokenError(token_uid)  # status_code 2004
            allowed = "ALLOWED" if token.get("valid") else "NOT_ALLOWED"
            return {"allowed": allowed, "token": token, "location": location}

    class Commands:
        """Every command is answered REJECTED: this target controls no charge point."""

        def _rejected(self, *args: Any) -> dict[str, Any]:
            return {"result": "REJECTED", "timeout": 30}

        startSession = stopSession = unlockConnector = _rejected
        cancelReservation = reserveNow = _rejected

        def _noted(self, *args: Any) -> None:
            return None

        startSessionResult = stopSessionResult = unlockConnectorResult = _noted
        cancelReservationResult = reserveNowResult = _noted

    class ChargingProfiles:
        """No session is ever charging here: every request names an unknown session."""

        def _unknown(self, *args: Any) -> dict[str, Any]:
            return {"result": "UNKNOWN_SESSION", "timeout": 0}

        getChargingProfile = putChargingProfile = deleteChargingProfile = _unknown

        def _noted(self, *args: Any) -> None:
            return None

        handleActiveChargingProfileResult = handleChargingProfileResult = _noted
        handleClearProfileResult = handleUpdateActiveChargingProfile = _noted

    managers = {
        "locations": Locations(),
        "sessions": Sessions(),
        "cdrs": Cdrs(),
        "tariffs": Tariffs(),
        "tokens": Tokens(),
        "commands": Commands(),
        "charging_profiles": ChargingProfiles(),
    }
    injected = {"credentials": {"role": "SENDER", "object": MemoryCredentials()}}
    for module, interface in INTERFACES[role].items():
        injected[module] = {"role": interface, "object": managers[module]}

    app = Flask("python-ocpi-target")
    app.register_blueprint(ocpi.createOcpiBlueprint(base_url, injected))
    return app


def main() -> None:
    arguments = _arguments()
    token_a = os.environ.pop("OCPI_TARGET_TOKEN_A")
    app = build(arguments.role, arguments.port, arguments.seed_dir, token_a)
    app.run(host="127.0.0.1", port=arguments.port, threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
