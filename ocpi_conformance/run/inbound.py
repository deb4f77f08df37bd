"""The target as a client: what it sends the harness's peer on its own after registration (its
pushes of Locations, Sessions, CDRs, Tariffs or Tokens, its commands), heard once per run.

Traffic is heard from the registration on. The harness listens --listen seconds (a profile
default) counted from the registration, or from the end of --trigger, a command of the user's
that makes their backend push; once requests came, a short quiet ends the wait early. A run
lasts longer than the default listen anyway, so a target that pushes on its own costs no wait.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from ocpi_conformance.run.peer import Peer
from ocpi_conformance.transport.exchanges import Exchange, ExchangeLog
from ocpi_conformance.transport.redaction import Secrets

QUIET_S = 0.5  # silence after the last request that ends listening early
CONFIGURATION_MODULES = ("versions", "credentials")  # registration: judged by the CRD cases


@dataclass(frozen=True)
class Pushed:
    """One request the target sent to a functional module of the peer."""

    module: str
    interface: str  # the peer's interface it reached: RECEIVER for pushes
    path: list[str]  # the URL path below that interface, segment by segment
    exchange: Exchange
    glued: bool = False  # what follows was glued onto the endpoint URL without a '/'


@dataclass
class TriggerRun:
    command: str
    code: int | None  # None: it did not end within its time
    seconds: float
    log: Path | None = None


@dataclass
class Heard:
    """What the target sent our peer: `requests`, its pushes to our functional modules (after
    the registration), and `every` request it sent from the registration's first POST on,
    the registration's callbacks and requests to URLs we never published included."""

    requests: list[Pushed] = field(default_factory=list)
    listened_s: float = 0.0
    trigger: TriggerRun | None = None
    log: ExchangeLog | None = None
    every: list[Exchange] = field(default_factory=list)
    stray: list[Exchange] = field(default_factory=list)  # to no URL our versions/details give
    # requests our peer answered while misbehaving on purpose (registration probes): its answer
    # then says nothing about the request
    provoked: list[Exchange] = field(default_factory=list)

    def claim(self, requests: list[Pushed]) -> None:
        """The running case judges these: its report shows them."""
        self.claim_exchanges([r.exchange for r in requests])

    def claim_exchanges(self, exchanges: list[Exchange]) -> None:
        if self.log is not None:
            self.log.claim(exchanges)

    def of(self, module: str, interface: str = "RECEIVER") -> list[Pushed]:
        return [r for r in self.requests if r.module == module and r.interface == interface]

    def silence(self, what: str) -> str:
        """Why a case has nothing to judge (it is skipped with this, never failed)."""
        how = f"after --trigger `{self.trigger.command}`" if self.trigger else "after registration"
        return f"nothing received within {self.listened_s:g} s {how}: {what} not judged"


def pushed_since(peer: Peer, since: float) -> list[Pushed]:
    """The requests to the peer's functional modules that arrived after `since` (epoch s)."""
    found = []
    for exchange in peer.state.log.all():
        if exchange.direction != "inbound" or exchange.started_at < since:
            continue
        routed = peer.route(exchange.url)
        if routed is not None and routed[0] not in CONFIGURATION_MODULES:
            module, interface, rest, glued = routed
            found.append(Pushed(module, interface, rest, exchange, glued))
    return found


def run_trigger(
    command: str, env: dict[str, str], timeout: float, output: Path, secrets: Secrets
) -> TriggerRun:
    """Run the user's trigger through the shell; what it prints goes, redacted, to a file."""
    started = time.monotonic()
    log = output / "trigger.log"
    try:
        done = subprocess.run(
            command,
            shell=True,  # the user's own command line, as they would type it
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        code, printed = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired as exc:
        code, printed = None, f"{exc.stdout or ''}{exc.stderr or ''}\n(stopped after {timeout:g} s)"
    output.mkdir(parents=True, exist_ok=True)
    log.write_text(secrets.redact(str(printed)), encoding="utf-8")
    return TriggerRun(command, code, time.monotonic() - started, log)


def listen(
    peer: Peer,
    since: float,
    until: float,
    trigger: TriggerRun | None,
    first: float | None = None,
    elsewhere: tuple[str, ...] = (),
) -> Heard:
    """Gather what arrived after `since` (epoch s), waiting up to `until`; once requests came,
    a quiet of QUIET_S ends the wait early. `first`: when the registration began, from which
    on every request counts (its callbacks are requests the target sent too). `elsewhere`: the
    base URLs of other peers sharing this peer's log (a hub run's other seats): theirs."""
    last = -1
    while True:
        heard = pushed_since(peer, since)
        now = time.time()
        if now >= until or (heard and len(heard) == last):
            break
        last = len(heard)
        time.sleep(min(QUIET_S, until - now))
    start = since if first is None else min(first, since)
    others = tuple(url.rstrip("/") + "/" for url in elsewhere)
    every = [
        e
        for e in peer.state.log.all()
        if e.direction == "inbound" and e.started_at >= start and not e.url.startswith(others)
    ]
    return Heard(
        heard,
        round(max(0.0, time.time() - since), 1),
        trigger,
        peer.state.log,
        every=every,
        stray=[
            e for e in every if not peer.publishes(e.url) and not peer.misbehaved_at(e.started_at)
        ],
        provoked=[e for e in every if peer.misbehaved_at(e.started_at)],
    )


def posted_to(log: ExchangeLog, urls: set[str], wait: float) -> list[Exchange]:
    """Our peer's POSTs to the target's response_urls (the results it owes the target), once
    the first has gone out or `wait` has passed."""

    def posted(exchange: Exchange) -> bool:
        return (
            exchange.direction == "outbound"
            and exchange.method == "POST"
            and exchange.url.split("?")[0] in urls
        )

    log.wait_for(posted, timeout=wait)
    return [e for e in log.all() if posted(e)]
