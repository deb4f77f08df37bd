"""An OCPI 2.1.1 and 2.2.1 backend built on extrawest-ocpi (py_ocpi), the harness's real
third-party target.

This file runs only in the target's own virtual environment (py_ocpi pins pydantic 1 and an old
FastAPI); the harness never imports it. It is the glue a user of the library writes: an in-memory
Crud, an Authenticator and a few seeded objects, each doing what the spec asks of the application.
So whatever the harness finds here is the library's behaviour, not this file's.

Both versions are served side by side, as the library offers them (`get_application(
version_numbers=[...])`: one versions list, a details endpoint and routers per version). The
library passes the version of every request to the Crud, so each version keeps its own objects
(a 2.1.1 Location is not a 2.2.1 one) and answers Credentials in its own shape.

    OCPI_TARGET_TOKEN_A=A python app.py --role cpo --port 8123 --seed-dir fixtures/2.2.1

`--seed-dir` is the harness's 2.2.1 fixtures folder; the other versions' fixtures sit beside it
(`fixtures/<version>/`, ocpi_conformance.resources.fixtures_dir).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

PARTY = {"CPO": ("NL", "XWC"), "EMSP": ("NL", "XWE")}
VERSIONS = ("2.1.1", "2.2.1")  # served side by side; 2.2.1 is the highest
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
# spec has lists (mod_locations evse_object, energymix_class; 2.1.1: mod_locations.md 3.2, 4.5),
# so it cannot serve a spec-valid list there: the seeds leave these optional fields out. The
# eMSP role shows the deviation when the harness pushes them.
UNREPRESENTABLE = ("status_schedule", "environ_impact")
# py_ocpi's 2.1.1 EnergyMix requires what the 2.1.1 text leaves optional (mod_locations.md
# 4.5 EnergyMix class: energy_sources *, supplier_name ?, energy_product_name ?): a seeded mix
# without all three is left out, as the unrepresentable lists are.
ENERGY_MIX_NEEDS = ("energy_sources", "supplier_name", "energy_product_name")


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


def seeds(role: str, seed_dir: Path) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """Each version's seeded objects, by version, module and lower-cased id."""
    fixtures = seed_dir.parent
    return {"2.2.1": seed(role, seed_dir), "2.1.1": seed_211(role, fixtures / "2.1.1")}


def seed(role: str, seed_dir: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """A few 2.2.1 objects per module the role sends, with distinct ids and last_updated a day
    apart."""
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


def seed_211(role: str, seed_dir: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """The 2.1.1 objects, as `seed` makes the 2.2.1 ones. 2.1.1 objects name no owner (no
    country_code/party_id). A Connector names its Tariff by `tariff_id` (2.1.1's one id). Session
    and CDR embed their Location (mod_sessions.md 3.1, mod_cdrs.md 3.1: "including only the
    relevant EVSE and connector"): the seeded Location of the same number, narrowed to the EVSE
    and Connector the fixture names. So every Location served has a time_zone and every Connector
    a tariff_id, which the 2.1.1 text leaves optional (mod_locations.md 3.1, 3.3, Card. ?) and
    py_ocpi's 2.1.1 models require (the fixtures' embedded Location has no time_zone)."""
    start = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)
    templates = {
        module: _representable_211(json.loads((seed_dir / relative).read_text(encoding="utf-8")))
        for module, relative in SEEDS[role].items()
    }
    store: dict[str, dict[str, dict[str, Any]]] = {module: {} for module in templates}
    for n in range(SEEDED_PER_MODULE):
        stamp = _timestamp(start + timedelta(days=n))
        location = None
        for module in ("tariffs", "locations", "sessions", "cdrs", "tokens"):
            if module not in templates:
                continue
            item = copy.deepcopy(templates[module])
            key = "uid" if module == "tokens" else "id"
            item[key] = f"XW-{module[:3].upper()}-{n:04d}"
            item["last_updated"] = stamp
            if module == "locations":
                _restamp_location(item, stamp, tariff_id=f"XW-TAR-{n:04d}", field="tariff_id")
                location = item
            if module in ("sessions", "cdrs") and location is not None:
                item["location"] = _narrowed(location, item["location"])
            if module == "cdrs":
                # py_ocpi's 2.1.1 Cdr reads the end of the session from end_date_time (2.2.1's
                # name); the 2.1.1 CDR object calls it stop_date_time (mod_cdrs.md 3.1). A user
                # of the library stores what its model reads; the stored record keeps both.
                item["end_date_time"] = item["stop_date_time"]
            store[module][item[key].lower()] = item
    return store


def _representable_211(value: Any) -> Any:
    """The object without what py_ocpi's 2.1.1 models cannot hold (UNREPRESENTABLE,
    ENERGY_MIX_NEEDS)."""
    value = _without(value, UNREPRESENTABLE)
    if isinstance(value, dict):
        return {
            k: _representable_211(v)
            for k, v in value.items()
            if not (k == "energy_mix" and any(n not in v for n in ENERGY_MIX_NEEDS))
        }
    if isinstance(value, list):
        return [_representable_211(v) for v in value]
    return value


def _narrowed(location: dict[str, Any], embedded: dict[str, Any]) -> dict[str, Any]:
    """`location` with only the EVSE and Connector the fixture's embedded Location names."""
    evse = embedded["evses"][0]
    wanted = {c["id"] for c in evse["connectors"]}
    narrowed = copy.deepcopy(location)
    chosen = next(e for e in narrowed["evses"] if e["uid"] == evse["uid"])
    chosen["connectors"] = [c for c in chosen["connectors"] if c["id"] in wanted]
    narrowed["evses"] = [chosen]
    return narrowed


def _without(value: Any, names: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {k: _without(v, names) for k, v in value.items() if k not in names}
    if isinstance(value, list):
        return [_without(v, names) for v in value]
    return value


def _restamp_location(
    location: dict[str, Any], stamp: str, tariff_id: str, field: str = "tariff_ids"
) -> None:
    """Children no newer than their Location, each Connector priced by a seeded Tariff
    (2.2.1: `tariff_ids`, a list; 2.1.1: `tariff_id`)."""
    for evse in location.get("evses") or []:
        evse["last_updated"] = stamp
        for connector in evse.get("connectors") or []:
            connector["last_updated"] = stamp
            connector[field] = [tariff_id] if field == "tariff_ids" else tariff_id


def build(role: str, port: int, seed_dir: Path, token_a: str) -> Any:
    _configure(role, port)

    from py_ocpi import get_application
    from py_ocpi.core.authentication.authenticator import Authenticator
    from py_ocpi.core.crud import Crud
    from py_ocpi.core.enums import Action, ModuleID, RoleEnum
    from py_ocpi.modules.versions.enums import VersionNumber

    versions_url = f"http://127.0.0.1:{port}/ocpi/versions"
    store = seeds(role.upper(), seed_dir)
    tokens_a = [token_a]
    # token C -> what the client registered ({credentials, endpoints}) and in which version
    clients: dict[str, dict[str, Any]] = {}

    def new_token_c() -> str:
        """A uuid4, as many OCPI parties issue tokens. Its form matters in 2.1.1: py_ocpi's
        versions endpoint Base64-decodes every token, whatever the version (verifier.py,
        VersionsAuthorizationVerifier(None)), and answers HTTP 200 with status 3000 when the
        decoder raises. A token of hex digits and hyphens always decodes, to bytes that are no
        UTF-8 (a chance of about 1e-7 otherwise), so py_ocpi falls back to the raw token and a
        2.1.1 client is served; `secrets.token_urlsafe(24)` failed that way for 6 tokens in 10,
        and a run's findings turned on the draw."""
        return str(uuid.uuid4())

    def version_of(kwargs: dict[str, Any]) -> str:
        """The version of the request: py_ocpi passes it to every Crud call."""
        number = kwargs.get("version", VersionNumber.v_2_2_1)
        return getattr(number, "value", number)

    def our_credentials(token_c: str, version: str) -> dict[str, Any]:
        """Ours, in the version's shape: 2.2.1 lists CredentialsRoles (credentials.asciidoc
        credentials_object), 2.1.1 is one flat party (credentials.md 2.1 Credentials object)."""
        country_code, party_id = PARTY[role.upper()]
        party = {
            "business_details": {"name": "extrawest-ocpi integration target"},
            "party_id": party_id,
            "country_code": country_code,
        }
        if version == "2.1.1":
            return {"token": token_c, "url": versions_url, **party}
        return {"token": token_c, "url": versions_url, "roles": [{"role": role.upper(), **party}]}

    def objects(module: ModuleID, version: str) -> dict[str, dict[str, Any]]:
        return store[version].setdefault(module.value, {})

    def received_key(module, role, id, data, kwargs) -> str | None:
        """The key of an object a Receiver route names, where the id alone does not: a 2.2.1
        Token by uid and the type the library parsed (mod_tokens_token_object; 2.1.1's Receiver
        URL has no type), a ClientInfo by its party (it has no id). None for every other object
        (kept by id)."""
        if module == ModuleID.tokens and role == RoleEnum.cpo and "token_type" in kwargs:
            kind = kwargs["token_type"]
            uid = id if id is not None else data["uid"]
            return f"{uid}|{getattr(kind, 'value', kind)}".lower()
        if module == ModuleID.hub_client_info:
            return f"{kwargs.get('country_code')}/{kwargs.get('party_id')}".lower()
        return None

    class MemoryCrud(Crud):
        @classmethod
        async def get(cls, module, role, id, *args, **kwargs):
            version = version_of(kwargs)
            if module == ModuleID.credentials_and_registration:
                return our_credentials(id, version) if id in clients else None
            if module == ModuleID.commands:
                return None  # no asynchronous command results in this target
            key = received_key(module, role, id, None, kwargs)
            return objects(module, version).get(key or str(id).lower())

        @classmethod
        async def list(cls, module, role, filters, *args, **kwargs):
            """Sorted by last_updated; date_from inclusive, date_to exclusive (transport 4.1.3)."""
            listed = objects(module, version_of(kwargs)).values()
            items = sorted(listed, key=lambda o: _parse(o["last_updated"]))
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
            version = version_of(kwargs)
            if module == ModuleID.credentials_and_registration:
                token_c = new_token_c()
                clients[token_c] = {**data, "version": version}
                used = kwargs.get("auth_token")
                if used in tokens_a:
                    tokens_a.remove(used)  # credentials 4.1: token A may be thrown away
                return our_credentials(token_c, version)
            key = received_key(module, role, None, data, kwargs)
            if key is None:
                key = str(data.get("uid") if module == ModuleID.tokens else data.get("id")).lower()
            objects(module, version)[key] = data
            return data

        @classmethod
        async def update(cls, module, role, data, id, *args, **kwargs):
            version = version_of(kwargs)
            if module == ModuleID.credentials_and_registration:
                old = kwargs.get("auth_token")
                clients.pop(old, None)
                token_c = new_token_c()
                clients[token_c] = {**data, "version": version}
                return our_credentials(token_c, version)
            key = received_key(module, role, id, data, kwargs)
            objects(module, version)[key or str(id).lower()] = data
            return data

        @classmethod
        async def delete(cls, module, role, id, *args, **kwargs):
            if module == ModuleID.credentials_and_registration:
                clients.pop(id, None)
                return
            objects(module, version_of(kwargs)).pop(str(id).lower(), None)

        @classmethod
        async def do(cls, module, role, action, *args, data=None, **kwargs):
            if action == Action.get_client_token:
                client = clients.get(kwargs.get("auth_token"))
                return client["credentials"]["token"] if client else None
            if action == Action.authorize_token:
                # data: token_uid, token_type, location_reference (mod_tokens_post_method)
                tokens = objects(ModuleID.tokens, version_of(kwargs))
                token = tokens.get(str(data["token_uid"]).lower())
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
        version_numbers=[VersionNumber(number) for number in VERSIONS],
        roles=[RoleEnum.cpo if role == "cpo" else RoleEnum.emsp],
        crud=MemoryCrud,
        modules=modules,  # the library mounts, per version, those it has for that version
        authenticator=MemoryAuthenticator,
        http_push=True,  # the library's push router: POST /push/{version}
    )

    @app.post("/glue/push")
    async def push_to_every_client() -> dict[str, Any]:
        """The integration test's --trigger: what a user of the library does to push. For each
        registered client, one object of each module this role sends goes through the
        library's own push router in the version the client registered in, which fetches the
        client's details with the token the client gave (`auth_token`) and PUTs (CDRs: POSTs)
        the object to its Receiver."""
        import base64

        import httpx

        def header(token: str, version: str) -> dict[str, str]:
            """Token as the version carries it: Base64 from 2.2 on, as it is in 2.1.1."""
            encoded = token if version == "2.1.1" else base64.b64encode(token.encode()).decode()
            return {"Authorization": "Token " + encoded}

        statuses = []
        async with httpx.AsyncClient(timeout=30) as http:
            for token_c, client in list(clients.items()):
                theirs, version = client["credentials"], client["version"]
                listed = await http.get(theirs["url"], headers=header(theirs["token"], version))
                details = next(v["url"] for v in listed.json()["data"] if v["version"] == version)
                for module in SEEDS[role.upper()]:
                    first = next(iter(objects(ModuleID(module), version).values()))
                    push = {
                        "module_id": module,
                        "object_id": first["uid" if module == "tokens" else "id"],
                        "receivers": [{"endpoints_url": details, "auth_token": theirs["token"]}],
                    }
                    answer = await http.post(
                        f"http://127.0.0.1:{port}/push/{version}",
                        headers=header(token_c, version),
                        json=push,
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
