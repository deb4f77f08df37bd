"""The versions and credentials modules judged on what passed between two parties
(version_information_endpoint.asciidoc, credentials.asciidoc): each answer on its own (a valid
versions list, valid details, a valid Credentials object with a new token), and the
registration as a sequence (`Handshake`): the registering party reads the server's versions
and details with token A before it POSTs, the server reads the registering party's versions and
details with token B while the POST waits, and after it token A is spent: the registering
party never calls with it again, the server refuses it, and a second POST gets 405.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ocpi_conformance.spec.validation import validate_response
from ocpi_conformance.text import first
from ocpi_conformance.verdicts.checks.context import (
    Context,
    fingerprint,
    label_print,
    masked_label,
)
from ocpi_conformance.verdicts.checks.judged import (
    CLIENT,
    SERVER,
    Bounded,
    Judgement,
    Seen,
    Verdict,
)
from ocpi_conformance.verdicts.checks.messages import clipped
from ocpi_conformance.verdicts.checks.pushes import object_problems

CALLBACK_SLACK_S = 5.0  # a record's clock is ms-exact; the fold waits this long past a POST


def token_print(token: Any) -> str | None:
    """The fingerprint of a token as a body carries it (a mask's label where it is masked)."""
    if not isinstance(token, str) or not token:
        return None
    label = masked_label(token)
    if label is not None:
        return None if label == "redacted" else label_print(label.removesuffix(", base64"))
    return fingerprint(token)


def _operation(seen: Seen, module: str, name: str) -> bool:
    place = seen.place
    return place is not None and place.module == module and place.name == name


def _answer_valid(seen: Seen, module: str, name: str) -> list[str]:
    if seen.exchange.status != 200:
        return [f"{seen.shown()}: expected HTTP 200"]
    body = seen.response_json
    if body is None:
        return [f"{seen.shown()}: the answer is not JSON within the guard"]
    found = validate_response(module, "", name, body, seen.ctx.version.number)
    return [f"{seen.shown()}: {first(found)}"] if found else []


def versions_valid(seen: Seen) -> Verdict:
    """VER-ANY-001: the versions endpoint answers with an envelope holding valid Versions."""
    if not _operation(seen, "versions", "get_versions") or not seen.answered:
        return None
    if seen.exchange.status in (401, 403) or clipped(seen.exchange.response_body):
        return None  # the token's matter
    return _answer_valid(seen, "versions", "get_versions")


def details_valid(seen: Seen) -> Verdict:
    """VER-ANY-004: a version's details answer with an envelope holding a valid VersionDetails
    of that version (details of another version than the one judged are not judged)."""
    if not _operation(seen, "versions", "get_version_details") or not seen.answered:
        return None
    if seen.exchange.status in (401, 403) or clipped(seen.exchange.response_body):
        return None
    data = seen.data
    said = data.get("version") if isinstance(data, dict) else None
    if isinstance(said, str) and said != seen.ctx.version.number:
        return None
    problems = _answer_valid(seen, "versions", "get_version_details")
    if not problems and said != seen.ctx.version.number:
        problems.append(f"{seen.shown()}: the details say version {said!r}")
    return problems


MASKED_TOKEN = "token-masked-in-the-record"  # stands in for a mask: «...» is no CiString


def unmasked(credentials: Any) -> Any:
    """A Credentials object whose token a recording masked, with an ASCII stand-in for the
    mask: the token itself was the one the party sent, the mask is the recording's."""
    token = credentials.get("token") if isinstance(credentials, dict) else None
    if isinstance(token, str) and masked_label(token) is not None:
        return {**credentials, "token": MASKED_TOKEN}
    return credentials


def _credentials_answer(seen: Seen) -> Verdict:
    data = unmasked(seen.data)
    problems = object_problems("Credentials", data, seen.ctx.version.number)
    return [f"{seen.shown()}: the Credentials breaks {first(problems, 3)}"] if problems else []


def registration_answered(seen: Seen) -> Verdict:
    """CRD-ANY-001: a credentials POST the server takes (status_code 1000) is answered with a
    valid Credentials object and a token that is not the one the POST came with."""
    if not _operation(seen, "credentials", "post") or seen.status_code != 1000:
        return None
    if clipped(seen.exchange.response_body):
        return None
    problems = _credentials_answer(seen) or []
    data = seen.data
    given = token_print(data.get("token")) if isinstance(data, dict) else None
    came = seen.presented.print if seen.presented is not None else None
    if given is not None and came is not None and given == came:
        problems.append(f"{seen.shown()}: the answer hands back the token the POST came with")
    return problems


def credentials_get_valid(seen: Seen) -> Verdict:
    """CRD-ANY-006: GET credentials returns a valid Credentials object."""
    if not _operation(seen, "credentials", "get") or seen.status_code != 1000:
        return None
    if seen.exchange.status != 200 or clipped(seen.exchange.response_body):
        return None
    return _credentials_answer(seen)


def registration_posted_valid(seen: Seen) -> Verdict:
    """CRD-ANY-102: the Credentials a registering party POSTs (and the server took) are valid,
    and name the role the party has where the context knows it."""
    if not _operation(seen, "credentials", "post") or seen.status_code != 1000:
        return None
    body = unmasked(seen.request_json)
    problems = object_problems("Credentials", body, seen.ctx.version.number)
    if problems:
        return [f"{seen.shown()}: the Credentials POSTed break {first(problems, 3)}"]
    client = seen.client
    roles = body.get("roles") if isinstance(body, dict) else None
    if client is not None and client.role and isinstance(roles, list):
        named = {str(r.get("role")) for r in roles if isinstance(r, dict)}
        if client.role not in named:
            return [
                f"{seen.shown()}: the Credentials POSTed name {sorted(named)}, not {client.role}"
            ]
    return []


# --- the registration as a sequence --------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """What the handshake needs of one exchange."""

    kind: str  # "versions", "details", "credentials" or "functional"
    method: str
    status: int | None
    code: int | None
    start: float
    end: float
    server: str
    client: str
    print: str | None  # the token it carried
    body_print: str | None = None  # a credentials POST: the token it hands the server (B)
    registering: str | None = None  # a credentials POST: the party its url names


@dataclass
class _Registration:
    seq: int
    step: Step
    token_a: str | None
    callbacks: list[tuple[int, Step]] = field(default_factory=list)


@dataclass
class Handshake:
    """The registration as a sequence: CRD-ANY-101 (the registering party reads versions and
    details first), CRD-ANY-002/003 (the server reads the registering party's versions and
    details with token B during the POST), CRD-ANY-103 (the registering party never calls
    with token A after it), CRD-ANY-005 (the server refuses token A after it) and CRD-ANY-007
    (a second POST by the registered party gets 405)."""

    cases: tuple[str, ...] = (
        "CRD-ANY-101",
        "CRD-ANY-002",
        "CRD-ANY-003",
        "CRD-ANY-103",
        "CRD-ANY-005",
        "CRD-ANY-007",
    )

    def extract(self, seen: Seen) -> Step | None:
        place = seen.place
        if place is None or not seen.answered:
            return None
        name = place.name
        kind = place.module if place.module == "credentials" else "functional"
        if place.module == "versions":
            kind = "details" if name == "get_version_details" else "versions"
        exchange = seen.exchange
        presented = seen.presented
        step = Step(
            kind,
            exchange.method,
            exchange.status,
            seen.status_code,
            exchange.started_at,
            exchange.started_at + exchange.elapsed_ms / 1000,
            seen.party_key(SERVER),
            seen.party_key(CLIENT),
            presented.print if presented is not None else None,
        )
        if kind == "credentials" and exchange.method == "POST":
            body = seen.request_json
            url = body.get("url") if isinstance(body, dict) else None
            owner = next(
                (p.key for p in seen.ctx.parties.values() if url and p.versions_url == url), None
            )
            token = body.get("token") if isinstance(body, dict) else None
            step = Step(
                **{
                    **step.__dict__,
                    "body_print": token_print(token),
                    "registering": owner or step.client,
                }
            )
        return step

    def fold(self, ctx: Context) -> _HandshakeFold:
        return _HandshakeFold()


@dataclass
class _HandshakeFold:
    reads: Bounded = field(default_factory=lambda: Bounded(10_000))  # (client, server, kind)
    first_seen: Bounded = field(default_factory=lambda: Bounded(10_000))  # (client, server)
    recent: list[tuple[int, Step]] = field(default_factory=list)  # config GETs, for callbacks
    pending: list[_Registration] = field(default_factory=list)  # POSTs awaiting callbacks
    registered: dict[tuple[str, str], _Registration] = field(default_factory=dict)

    def add(self, seq: int, step: Step) -> Iterable[Judgement]:
        out: list[Judgement] = []
        pair = (step.client, step.server)
        if pair not in self.first_seen:
            self.first_seen.put(pair, step.start)
        out += self._after_registration(seq, step)
        if step.kind in ("versions", "details") and step.method == "GET" and step.status == 200:
            self.reads.put((step.client, step.server, step.kind), (seq, step))
            self.recent.append((seq, step))
            if len(self.recent) > 1000:
                del self.recent[:500]
        if step.kind == "credentials":
            out += self._credentials(seq, step)
        out += self._due(step.start)
        return out

    def _credentials(self, seq: int, step: Step) -> list[Judgement]:
        if step.method == "DELETE" and step.code == 1000:
            self.registered.pop((step.client, step.server), None)
            return []
        if step.method != "POST" or step.status != 200 or step.code != 1000:
            return []
        registering = step.registering or step.client
        registration = _Registration(seq, step, step.print)
        self.registered[(registering, step.server)] = registration
        self.pending.append(registration)
        return list(self._read_first(seq, step, registering))

    def _read_first(self, seq: int, post: Step, registering: str) -> Iterator[Judgement]:
        """CRD-ANY-101: the server's versions and details read with token A before the POST."""
        since = self.first_seen.get((registering, post.server))
        if since is None or since >= post.start:
            return  # the capture starts with the POST: what came before is not in it
        missing, seqs = [], [seq]
        for kind in ("versions", "details"):
            found = self.reads.get((registering, post.server, kind))
            ok = found is not None and found[1].start <= post.start
            if ok and post.print and found[1].print and found[1].print != post.print:
                ok = False  # read with another token than the one the POST came with
            if ok:
                seqs.insert(0, found[0])
            else:
                missing.append(kind)
        problem = None
        if missing:
            problem = (
                f"the POST of its credentials to {post.server} came without first "
                f"reading its {' and '.join(missing)} with token A"
            )
        yield Judgement(
            "CRD-ANY-101",
            registering,
            tuple(seqs),
            problem,
            "credentials POSTed without reading versions and details first" if problem else None,
        )

    def _due(self, now: float) -> list[Judgement]:
        """The POSTs whose callbacks can no longer come (the capture is past them)."""
        out: list[Judgement] = []
        keep = []
        for registration in self.pending:
            if now > registration.step.end + CALLBACK_SLACK_S:
                out += self._callbacks(registration)
            else:
                keep.append(registration)
        self.pending = keep
        return out

    def _callbacks(self, registration: _Registration) -> list[Judgement]:
        """CRD-ANY-002/003: while the POST waited, the server read the registering party's
        versions and details, with the token B the POST gave it."""
        post = registration.step
        registering = post.registering or post.client
        out = []
        for kind, case in (("versions", "CRD-ANY-002"), ("details", "CRD-ANY-003")):
            found = [
                (seq, step)
                for seq, step in self.recent
                if step.kind == kind
                and step.server == registering
                and post.start <= step.start <= post.end
                and (post.body_print is None or step.print in (None, post.body_print))
            ]
            if found:
                out.append(Judgement(case, post.server, (found[0][0], registration.seq)))
            else:
                problem = (
                    f"while the credentials POST of {registering} waited, {post.server} "
                    f"did not read its {kind} with the token B it was given"
                )
                out.append(
                    Judgement(
                        case,
                        post.server,
                        (registration.seq,),
                        problem,
                        f"no {kind} read with token B during the POST",
                    )
                )
        return out

    def _after_registration(self, seq: int, step: Step) -> list[Judgement]:
        out: list[Judgement] = []
        for (registering, server), registration in self.registered.items():
            if step.server != server or step.start <= registration.step.end:
                continue
            token_a = registration.token_a
            if step.print is None or token_a is None:
                continue
            if step.print == token_a:
                out.append(
                    Judgement(
                        "CRD-ANY-103",
                        registering,
                        (registration.seq, seq),
                        f"{step.method} to {server} after registering, with token A",
                        "token A used after the registration",
                    )
                )
                accepted = step.status is not None and 200 <= step.status <= 299
                problem = None
                if accepted and (step.code is None or step.code == 1000):
                    problem = (
                        f"{step.method} with token A answered HTTP {step.status} after the "
                        "registration"
                    )
                out.append(
                    Judgement(
                        "CRD-ANY-005",
                        server,
                        (registration.seq, seq),
                        problem,
                        "token A still accepted after registration" if problem else None,
                    )
                )
            elif step.client == registering:
                out.append(Judgement("CRD-ANY-103", registering, (seq,)))
                if step.kind == "credentials" and step.method == "POST":
                    problem = None
                    if step.status != 405:
                        problem = (
                            f"a second POST by the registered {registering} answered "
                            f"HTTP {step.status}, where 405 is due"
                        )
                    out.append(
                        Judgement(
                            "CRD-ANY-007",
                            server,
                            (registration.seq, seq),
                            problem,
                            "second POST not answered 405" if problem else None,
                        )
                    )
        return out

    def finish(self) -> Iterator[Judgement]:
        for registration in self.pending:
            yield from self._callbacks(registration)
        self.pending = []
