"""An OCPI 2.2.1 backend built on extrawest-ocpi (py_ocpi), the harness's real third-party target.

This file runs only in the target's own virtual environment (py_ocpi pins pydantic 1 and an old
FastAPI); the harness never imports it. It is the glue a user of the library writes: an in-memory
Crud, an Authenticator and a few seeded objects, each doing what the spec asks of the application.
So whatever the harness finds here is the library's behaviour, not this file's.

    OCPI_TARGET_TOKEN_A=A python app.py --role cpo --port 8123 --seed-dir fixtures/2.2.1
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

PARTY = {"CPO": ("NL", "XWC"), "EMSP": ("NL", "XWE")}
# What each role sends (and so seeds), and the file its seed is copied from.
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
# py_ocpi models EVSE.status_schedule and EnergyMix.environ_impact as single objects where the
# spec has lists (mod_locations evse_object, energymix_class), so it cannot serve a spec-valid
# list there: the seeds leave these optional fields out. The eMSP role shows the deviation when
# the harness pushes them.
UNREPRESENTABLE = ("status_schedule", "environ_impact")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--role", choices=("cpo", "emsp"), required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seed-dir", type=Path, required=True)
    return parser.parse_args()


def _configure(role: str, port: int) -> None:
    """py_ocpi reads its settings from the environment when first imported."""
    country_code, party_id = PARTY[role.upper()]
    os.environ.update(
        OCPI_HOST=f"127.0.0.1:{port}",
        PROTOCOL="http",
        ENVIRONMENT="production",
        COUNTRY_CODE=country_code,
        PARTY_ID=party_id,
    )


def _timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    text = str(value).replace("Z", "+00:00")
    moment = datetime.fromisoformat(text)
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
            item = _without(copy.deepcopy(template), UNREPRESENTABLE)
            key = "uid" if module == "tokens" else "id"
            item[key] = f"XW-{module[:3].upper()}-{n:04d}"
            item["country_code"], item["party_id"] = country_code, party_id
            stamp = _timestamp(start + timedelta(days=n))
            item["last_updated"] = stamp
            if module == "locations":
                _restamp_location(item, stamp, tariff_id=f"XW-TAR-{n:04d}")
            objects[item[key].lower()] = item
    return store


def _without(value: Any, names: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {k: _without(v, names) for k, v in value.items() if k not in names}
    if isinstance(value, list):
        return [_without(v, names) for v in value]
    return value


def _restamp_location(location: dict[str, Any], stamp: str, tariff_id: str) -> None:
    """Children no newer than their Location, each Connector priced by a seeded Tariff."""
    for evse in location.get("evses") or []:
        evse["last_updated"] = stamp
        for connector in evse.get("connectors") or []:
            connector["last_updated"] = stamp
            connector["tariff_ids"] = [tariff_id]


def build(role: str, port: int, seed_dir: Path, token_a: str) -> Any:
    _configure(role, port)

    from py_ocpi import get_application
    from py_ocpi.core.authentication.authenticator import Authenticator
    from py_ocpi.core.crud import Crud
    from py_ocpi.core.enums import Action, ModuleID, RoleEnum
    from py_ocpi.modules.versions.enums import VersionNumber

    versions_url = f"http://127.0.0.1:{port}/ocpi/versions"
    store = seed(role.upper(), seed_dir)
    tokens_a = [token_a]
    clients: dict[str, dict[str, Any]] = {}  # token C -> what the client registered

    def our_credentials(token_c: str) -> dict[str, Any]:
        country_code, party_id = PARTY[role.upper()]
        return {
            "token": token_c,
            "url": versions_url,
            "roles": [
                {
                    "role": role.upper(),
                    "business_details": {"name": "extrawest-ocpi integration target"},
                    "party_id": party_id,
                    "country_code": country_code,
                }
            ],
        }

    def objects(module: ModuleID) -> dict[str, dict[str, Any]]:
        return store.setdefault(module.value, {})

    def received_key(module, role, id, data, kwargs) -> str | None:
        """The key of an object a Receiver route names, where the id alone does not: a Token
        by uid and the type the library parsed (mod_tokens_token_object), a ClientInfo by its
        party (it has no id). None for every other object (kept by id)."""
        if module == ModuleID.tokens and role == RoleEnum.cpo:
            kind = kwargs.get("token_type")
            uid = id if id is not None else data["uid"]
            return f"{uid}|{getattr(kind, 'value', kind)}".lower()
        if module == ModuleID.hub_client_info:
            return f"{kwargs.get('country_code')}/{kwargs.get('party_id')}".lower()
        return None

    class MemoryCrud(Crud):
        @classmethod
        async def get(cls, module, role, id, *args, **kwargs):
            if module == ModuleID.credentials_and_registration:
                return our_credentials(id) if id in clients else None
            if module == ModuleID.commands:
                return None  # no asynchronous command results in this target
            key = received_key(module, role, id, None, kwargs)
            return objects(module).get(key or str(id).lower())

        @classmethod
        async def list(cls, module, role, filters, *args, **kwargs):
            """Sorted by last_updated; date_from inclusive, date_to exclusive (transport 4.1.3)."""
            items = sorted(objects(module).values(), key=lambda o: _parse(o["last_updated"]))
            if filters.get("date_from"):
                since = _parse(filters["date_from"])
                items = [o for o in items if _parse(o["last_updated"]) >= since]
            if filters.get("date_to"):
                until = _parse(filters["date_to"])
                items = [o for o in items if _parse(o["last_updated"]) < until]
            offset, limit = filters["offset"], filters["limit"]
            page = items[offset : offset + limit]
            return page, len(items), offset + limit >= len(items)

        @classmethod
        async def create(cls, module, role, data, *args, **kwargs):
            if module == ModuleID.credentials_and_registration:
                token_c = secrets.token_urlsafe(24)
                clients[token_c] = data
                used = kwargs.get("auth_token")
                if used in tokens_a:
                    tokens_a.remove(used)  # credentials 4.1: token A may be thrown away
                return our_credentials(token_c)
            key = received_key(module, role, None, data, kwargs)
            if key is None:
                key = str(data.get("uid") if module == ModuleID.tokens else data.get("id")).lower()
            objects(module)[key] = data
            return data

        @classmethod
        async def update(cls, module, role, data, id, *args, **kwargs):
            if module == ModuleID.credentials_and_registration:
                old = kwargs.get("auth_token")
                clients.pop(old, None)
                token_c = secrets.token_urlsafe(24)
                clients[token_c] = data
                return our_credentials(token_c)
            key = received_key(module, role, id, data, kwargs)
            objects(module)[key or str(id).lower()] = data
            return data

        @classmethod
        async def delete(cls, module, role, id, *args, **kwargs):
            if module == ModuleID.credentials_and_registration:
                clients.pop(id, None)
                return
            objects(module).pop(str(id).lower(), None)

        @classmethod
        async def do(cls, module, role, action, *args, data=None, **kwargs):
            if action == Action.get_client_token:
                client = clients.get(kwargs.get("auth_token"))
                return client["credentials"]["token"] if client else None
            if action == Action.authorize_token:
                # data: token_uid, token_type, location_reference (mod_tokens_post_method)
                token = objects(ModuleID.tokens).get(str(data["token_uid"]).lower())
                if token is None:
                    return None
                return {
                    "allowed": "ALLOWED" if token.get("valid") else "NOT_ALLOWED",
                    "token": token,
                    "location": data.get("location_reference"),
                }
            if action == Action.send_command:
                return {"result": "ACCEPTED", "timeout": 30}
            return None

    class MemoryAuthenticator(Authenticator):
        @classmethod
        async def get_valid_token_c(cls) -> list[str]:
            return list(clients)

        @classmethod
        async def get_valid_token_a(cls) -> list[str]:
            return list(tokens_a)

    modules = [
        ModuleID.credentials_and_registration,
        ModuleID.locations,
        ModuleID.sessions,
        ModuleID.cdrs,
        ModuleID.tariffs,
        ModuleID.tokens,
        ModuleID.commands,
        ModuleID.charging_profile,
        ModuleID.hub_client_info,
    ]
    app = get_application(
        version_numbers=[VersionNumber.v_2_2_1],
        roles=[RoleEnum.cpo if role == "cpo" else RoleEnum.emsp],
        crud=MemoryCrud,
        modules=modules,
        authenticator=MemoryAuthenticator,
        http_push=True,  # the library's push router: POST /push/2.2.1
    )

    @app.post("/glue/push")
    async def push_to_every_client() -> dict[str, Any]:
        """The integration test's --trigger: what a user of the library does to push. For each
        registered client, one object of each module this role sends goes through the
        library's own push router, which fetches the client's 2.2.1 details with the token the
        client gave (`auth_token`) and PUTs (CDRs: POSTs) the object to its Receiver."""
        import base64

        import httpx

        def header(token: str) -> dict[str, str]:
            return {"Authorization": "Token " + base64.b64encode(token.encode()).decode()}

        statuses = []
        async with httpx.AsyncClient(timeout=30) as http:
            for token_c, client in list(clients.items()):
                theirs = client["credentials"]
                listed = await http.get(theirs["url"], headers=header(theirs["token"]))
                details = next(v["url"] for v in listed.json()["data"] if v["version"] == "2.2.1")
                for module in SEEDS[role.upper()]:
                    first = next(iter(objects(ModuleID(module)).values()))
                    push = {
                        "module_id": module,
                        "object_id": first["uid" if module == "tokens" else "id"],
                        "receivers": [{"endpoints_url": details, "auth_token": theirs["token"]}],
                    }
                    answer = await http.post(
                        f"http://127.0.0.1:{port}/push/2.2.1", headers=header(token_c), json=push
                    )
                    statuses.append(answer.status_code)
        return {"push_router_statuses": statuses}

    return app


def main() -> None:
    arguments = _arguments()
    token_a = os.environ.pop("OCPI_TARGET_TOKEN_A")
    app = build(arguments.role, arguments.port, arguments.seed_dir, token_a)

    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=arguments.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
