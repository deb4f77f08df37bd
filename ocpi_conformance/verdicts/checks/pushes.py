"""A Receiver interface judged on one exchange: what a Sender pushes to it (whole objects valid,
a PATCH with last_updated, a URL naming the body's owner and id, only the Receiver's own
operations: the PushedObjects contract) and how the Receiver answers (the response format on
every answer, no HTTP error for a request in valid JSON at its own URLs: PushReceiver).

The push rules bind the client that pushed; the answer rules the Receiver that answered.
"""

from __future__ import annotations

from typing import Any

from ocpi_conformance.spec.validation import validate_response, validator
from ocpi_conformance.text import first
from ocpi_conformance.transport.discovery import is_absolute_url
from ocpi_conformance.verdicts.checks.judged import Seen, Verdict
from ocpi_conformance.verdicts.checks.messages import clipped

WRITES = frozenset({"PUT", "PATCH", "POST"})


def _receiver_request(seen: Seen) -> bool:
    place = seen.place
    return place is not None and place.interface == "RECEIVER"


def _whole(seen: Seen) -> str | None:
    """The object a whole push carries (PUT or POST of a Receiver operation), else None."""
    place = seen.place
    if not _receiver_request(seen) or place is None or place.operation is None:
        return None
    operation = place.operation
    if operation.method not in ("PUT", "POST") or operation.request is None:
        return None
    return operation.request.obj


def object_problems(obj: str, body: Any, number: str, limit: int = 3) -> list[str]:
    """What keeps `body` from being a valid `obj` of OCPI `number` (the fast check first)."""
    checker = validator(obj, number)
    if checker.is_valid(body):
        return []
    return [str(v) for v in checker.violations(body)[:limit]]


def pushed_valid(seen: Seen) -> Verdict:
    """PushedObjects "valid": every object pushed whole is valid by every rule of the spec."""
    obj = _whole(seen)
    if obj is None or clipped(seen.exchange.request_body):
        return None
    problems = object_problems(obj, seen.request_json, seen.ctx.version.number)
    return [f"{seen.shown()}: the {obj} breaks {first(problems, 3)}"] if problems else []


def pushed_patch(seen: Seen) -> Verdict:
    """PushedObjects "patch": a PATCH carries last_updated and only valid fields."""
    place = seen.place
    if not _receiver_request(seen) or place is None or seen.exchange.method != "PATCH":
        return None
    body = seen.request_json
    required = seen.ctx.version.patch_requires or ("last_updated",)
    if not isinstance(body, dict):
        return [f"{seen.shown()}: the PATCH body is not a JSON object"]
    missing = [name for name in required if name not in body]
    if missing:
        return [f"{seen.shown()}: no {', '.join(missing)}"]
    operation = place.operation
    obj = (
        operation.request.obj
        if operation is not None and operation.request is not None and operation.request.obj
        else seen.ctx.version.listed_object(place.module)
    )
    checker = validator(f"patch/{obj}", seen.ctx.version.number)
    if checker.is_valid(body):
        return []
    return [f"{seen.shown()}: {first(checker.violations(body), 3)}"]


def pushed_url_names_body(seen: Seen) -> Verdict:
    """PushedObjects "url_body": the URL of a PUT names the owner and id its body carries."""
    place = seen.place
    obj = _whole(seen)
    if place is None or obj is None or seen.exchange.method != "PUT":
        return None
    version = seen.ctx.version
    if obj != version.listed_object(place.module) or not version.client_owned(obj):
        return None
    body = seen.request_json
    if not isinstance(body, dict):
        return None  # judged by the validity rule
    key = version.identity_field(obj)
    names = ("country_code", "party_id", key) if version.owner_in_objects else (key,)
    path = [place.params.get(p, "") for p in ("country_code", "party_id") if p in place.params]
    ids = [v for k, v in place.params.items() if k not in ("country_code", "party_id")]
    got = [p.upper() for p in (*path, *ids[:1])]
    named = [str(body.get(f, "")).upper() for f in names]
    if got[-len(named) :] != named:
        return [f"{seen.shown()} carries {'/'.join(named)}"]
    return []


def pushed_to_operations(seen: Seen) -> Verdict:
    """PushedObjects "methods": a request to a Receiver endpoint (as the details give it) is
    one of the interface's operations, at the URL its structure defines."""
    place = seen.place
    if not _receiver_request(seen) or place is None or not place.from_details:
        return None
    if place.operation is None:
        return [
            f"{seen.shown()}: no {seen.exchange.method} operation of the {place.module} "
            "Receiver is there"
        ]
    return []


def receiver_answers_valid(seen: Seen) -> Verdict:
    """PushReceiver "answers_valid": every HTTP 2xx answer of the Receiver, to writes and reads
    alike, is in the response format (its data is the object's case to judge)."""
    place = seen.place
    if not _receiver_request(seen) or place is None or place.operation is None:
        return None
    status = seen.exchange.status
    if status is None or not 200 <= status <= 299 or clipped(seen.exchange.response_body):
        return None
    body = seen.response_json
    if body is None:
        return [f"{seen.shown()}: the answer is not JSON within the guard"]
    operation = place.operation
    found = validate_response(
        operation.module, operation.interface, operation.name, body, seen.ctx.version.number
    )
    found = [v for v in found if not v.path.startswith("$.data")]
    return [f"{seen.shown()}: {found[0]}"] if found else []


def refusals_not_http_errors(seen: Seen) -> Verdict:
    """PushReceiver "refusals_http_200": a write in valid JSON at the Receiver's own URL
    structure is never answered with an HTTP error (status_codes: "If a request is
    syntactically valid JSON and addresses an existing resource, a HTTP error MUST NOT be
    returned"); a refusal is HTTP 200 with a 2xxx status_code."""
    place = seen.place
    if not _receiver_request(seen) or place is None or place.operation is None:
        return None
    if seen.exchange.method not in WRITES or seen.request_json is None or not seen.answered:
        return None
    status = seen.exchange.status or 0
    if status in (401, 403):
        return None  # the token's matter (TRN-ANY-001..)
    if status >= 400:
        return [f"{seen.shown()}: a request in valid JSON answered with an HTTP error"]
    return []


def cdr_location_header(seen: Seen) -> Verdict:
    """CDR-EMSP-001: a CDR POSTed and accepted is answered with a Location header holding the
    absolute URL of the stored CDR."""
    place = seen.place
    if place is None or place.module != "cdrs" or place.name != "post_cdr":
        return None
    if seen.status_code != 1000:
        return None
    if not seen.exchange.response_headers:
        return None
    url = seen.response_header("Location")
    if not url:
        return [f"{seen.shown()}: an accepted CDR, and no Location header"]
    if not is_absolute_url(url):
        return [f"{seen.shown()}: the Location header {url!r} is not an absolute URL"]
    return []


def command_valid(seen: Seen) -> Verdict:
    """CMD-EMSP-101: every command sent carries the request object of its CommandType."""
    place = seen.place
    if place is None or place.module != "commands" or place.name != "post_command":
        return None
    command = place.params.get("command", "")
    obj = seen.ctx.version.command_object(command)
    if obj not in seen.ctx.version.objects:
        return [f"{seen.shown()}: {command!r} is no CommandType"]
    problems = object_problems(obj, seen.request_json, seen.ctx.version.number)
    return [f"{seen.shown()}: the {obj} breaks {first(problems, 3)}"] if problems else []
