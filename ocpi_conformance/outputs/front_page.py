"""The report's front page, the first thing a roaming partner opens: the verdict, how many
applicable mandatory cases passed, the matrix by module and interface, and each failed case with
its reason, clause and the exchange that shows it. Every case, step by step, stays in the Allure
report beside it; this page links there.

One self-contained file: inline styles, no script, nothing fetched (a Content-Security-Policy
says so to the browser too). Everything comes from the run folder (results.json, and the
exchanges from exchanges.jsonl or the Allure results), so any run folder can get one.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from html import escape
from pathlib import Path
from typing import Any

from ocpi_conformance.outputs.run_folder import (
    Exchange,
    exchanges_of,
    load_results,
    mask_credentials,
    without_userinfo,
)
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.spec.version import version as spec_version

OUTCOMES = ("passed", "failed", "blocked", "skipped", "error")
LEVELS = {"mandatory": 0, "recommended": 1, "optional": 2}
MAX_BODY_CHARS = 6000  # a list page can be large; the Allure report keeps it whole
MAX_OTHER_EXCHANGES = 12
MAX_LISTED_IN_VERDICT = 12
STYLE = Path(__file__).with_name("front_page.css")
_EVIDENCE_WORD = re.compile(r"[^\s'\"`;,()\[\]{}<>]+")


def write(folder: Path, allure_page: str, anchors: dict[str, str]) -> Path:
    """Write `folder/report/index.html` from the run folder; return its path.

    `allure_page` is the Allure report's file name beside it; `anchors` maps case ids to the
    fragment that opens the case there. Raises run_folder.RunFolderError without results.json.
    """
    doc = load_results(folder)
    failed = [c for c in doc["cases"] if c.get("outcome") in ("failed", "error")]
    exchanges = exchanges_of(folder, [str(c.get("id")) for c in failed])
    page = render(doc, exchanges, allure_page, anchors)
    target = folder / "report" / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".html.partial")
    partial.write_text(page, encoding="utf-8")
    partial.replace(target)
    return target


def fails_gate(case: dict[str, Any], fail_on: str) -> bool:
    """As gate.blocking decides: failed or error, at or above --fail-on, and no unexpired known
    deviation covering it (results.json says "known deviation (until ...)" for those)."""
    if case.get("outcome") not in ("failed", "error"):
        return False
    if LEVELS.get(str(case.get("level")), 0) > LEVELS.get(fail_on, 0):
        return False
    return not str(case.get("known_deviation") or "").startswith("known deviation")


def applicable_mandatory(cases: list[dict[str, Any]]) -> tuple[int, int]:
    """(passed, applicable) over the mandatory cases, as the terminal counts them: a skipped
    case is not applicable, a blocked one is and did not pass."""
    mandatory = [
        c for c in cases if c.get("level") == "mandatory" and c.get("outcome") != "skipped"
    ]
    return sum(c.get("outcome") == "passed" for c in mandatory), len(mandatory)


def particulars(message: str) -> set[str]:
    """The words of a failure message that point at evidence: URLs, ids, values (lower case,
    at least four characters with a digit; an `A/B/C` path also by its parts)."""
    return {
        part.lower()
        for word in _EVIDENCE_WORD.findall(message)
        for part in (word.rstrip(":.,"), *word.rstrip(":.,").split("/"))
        if len(part) >= 4 and any(ch.isdigit() for ch in part)
    }


def evidence(message: str, exchanges: list[Exchange]) -> int | None:
    """Which exchange shows the failure: the one that holds most of the message's particulars,
    the last of equals, since a case states its finding about what it saw last; with no
    particular found anywhere, the last exchange."""
    if not exchanges:
        return None
    words = particulars(message)
    best, best_score = len(exchanges) - 1, 0
    for index, exchange in enumerate(exchanges):
        seen = " ".join(
            [
                exchange.url,
                json.dumps(exchange.request_headers),
                _text(exchange.request_body),
                _text(exchange.response_body),
            ]
        ).lower()
        score = sum(word in seen for word in words)
        if score and score >= best_score:
            best, best_score = index, score
    return best


def render(
    doc: dict[str, Any],
    exchanges: dict[str, list[Exchange]],
    allure_page: str,
    anchors: dict[str, str],
) -> str:
    number = doc.get("ocpi_version")  # each case's clause is of the run's version's text
    cases = sorted(
        ({**c, "ocpi_version": number} for c in doc["cases"]), key=lambda c: str(c.get("id"))
    )
    fail_on = str(doc.get("fail_on") or "mandatory")
    role = str(doc.get("role") or "").upper()
    target = without_userinfo(str(doc.get("target") or ""))
    passed, applicable = applicable_mandatory(cases)
    word = "PASS" if doc.get("verdict") == "pass" else "FAIL"
    score = f"{passed} of {applicable} applicable mandatory cases passed"
    title = f"OCPI conformance: {role} {target} - {word}: {score}"
    parts = [
        _head(title),
        '<body><main class="page">',
        _masthead(doc, role, target),
        _verdict(doc, cases, fail_on, word, passed, applicable, allure_page),
        _matrix(cases),
        _failures(cases, fail_on, exchanges, allure_page, anchors),
        _not_run(cases),
        _footer(doc, allure_page),
        "</main></body></html>",
    ]
    return "\n".join(part for part in parts if part)


def _head(title: str) -> str:
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{escape(title)}</title><style>{STYLE.read_text(encoding='utf-8')}</style></head>"
    )


def _masthead(doc: dict[str, Any], role: str, target: str) -> str:
    facts = [
        ("OCPI", doc.get("ocpi_version")),
        ("profile", doc.get("profile")),
        ("seed", doc.get("seed")),
        ("started", str(doc.get("started_at") or "").replace("T", " ")),
        ("took", f"{doc['duration_s']} s" if doc.get("duration_s") is not None else None),
        ("tool", f"{doc.get('tool') or 'ocpi-conformance'} {doc.get('tool_version') or ''}"),
    ]
    shown = "".join(
        f"<div><dt>{escape(name)}</dt><dd>{escape(str(value))}</dd></div>"
        for name, value in facts
        if value not in (None, "")
    )
    return (
        '<header class="masthead"><p class="kicker">OCPI conformance report</p>'
        f'<h1><span class="role">{escape(role or "?")}</span> '
        f'<span class="target">{escape(target)}</span></h1>'
        f'<dl class="facts">{shown}</dl></header>'
    )


def _verdict(
    doc: dict[str, Any],
    cases: list[dict[str, Any]],
    fail_on: str,
    word: str,
    passed: int,
    applicable: int,
    allure_page: str,
) -> str:
    gate = [c for c in cases if fails_gate(c, fail_on)]
    if doc.get("error"):
        why = f"The run did not finish: {doc['error']}"
    elif gate:
        cases_word = "case fails" if len(gate) == 1 else "cases fail"
        why = f"{len(gate)} {cases_word} the gate (it fails on {fail_on} cases)."
    else:
        why = f"No case fails the gate (it fails on {fail_on} cases)."
    tally = {outcome: sum(c.get("outcome") == outcome for c in cases) for outcome in OUTCOMES}
    chips = "".join(
        f'<li class="chip {o}{" zero" if not n else ""}"><b>{n}</b> {_plural(o, n)}</li>'
        for o, n in tally.items()
    )
    listed = "".join(
        f'<a href="#{escape(str(c.get("id")))}">{escape(str(c.get("id")))}</a>'
        for c in gate[:MAX_LISTED_IN_VERDICT]
    )
    rest = len(gate) - MAX_LISTED_IN_VERDICT
    listed += f"<span>and {rest} more</span>" if rest > 0 else ""
    jump = f'<p class="jump"><span>failing the gate:</span>{listed}</p>' if listed else ""
    return (
        f'<section class="verdict {word.lower()}" aria-label="verdict">'
        f'<div class="word">{word}</div>'
        '<div class="verdict-text">'
        f'<p class="score"><strong>{passed} of {applicable}</strong> '
        "applicable mandatory cases passed</p>"
        f'<p class="why">{escape(why)}</p>{jump}'
        f'<ul class="chips">{chips}</ul>'
        f'<p class="drill"><a href="{escape(allure_page)}">Every case, step by step, in the '
        "Allure report &rarr;</a></p></div></section>"
    )


def _plural(outcome: str, n: int) -> str:
    return "errors" if outcome == "error" and n != 1 else outcome


def _matrix(cases: list[dict[str, Any]]) -> str:
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(OUTCOMES, 0))
    mandatory: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        key = (str(case.get("module")), str(case.get("interface")))
        outcome = str(case.get("outcome"))
        if outcome in OUTCOMES:
            counts[key][outcome] += 1
        if case.get("level") == "mandatory" and outcome != "skipped":
            mandatory[key][1] += 1
            mandatory[key][0] += outcome == "passed"
    rows = []
    for (module, interface), tally in sorted(counts.items()):
        bad = tally["failed"] + tally["error"]
        state = "bad" if bad else "warn" if tally["blocked"] else "ok"
        cells = "".join(
            f'<td class="n {o}{" zero" if not tally[o] else ""}">{tally[o]}</td>' for o in OUTCOMES
        )
        got, of = mandatory[(module, interface)]
        rows.append(
            f'<tr class="{state}"><th scope="row"><span class="dot"></span>{escape(module)}</th>'
            f"<td>{escape(interface)}</td>{cells}"
            f'<td class="n mand">{got}/{of}</td></tr>'
        )
    head = "".join(f'<th class="n">{o}</th>' for o in OUTCOMES)
    return (
        '<section><h2>By module and interface</h2><div class="table-wrap"><table class="matrix">'
        f'<thead><tr><th>module</th><th>interface</th>{head}<th class="n">mandatory passed</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _failures(
    cases: list[dict[str, Any]],
    fail_on: str,
    exchanges: dict[str, list[Exchange]],
    allure_page: str,
    anchors: dict[str, str],
) -> str:
    failed = [c for c in cases if c.get("outcome") in ("failed", "error")]
    if not failed:
        return (
            '<section><h2>Failed cases</h2><p class="none">None: every case that ran passed.'
            "</p></section>"
        )
    order = lambda c: (  # noqa: E731 - the one sort key of cases and of their problems
        not fails_gate(c, fail_on),
        c.get("outcome") == "error",
        LEVELS.get(str(c.get("level")), 3),
        str(c.get("id")),
    )
    groups: dict[str, list[dict[str, Any]]] = {}
    for case in sorted(failed, key=order):
        groups.setdefault(str(case.get("root") or case.get("id")), []).append(case)
    cards = []
    for root, members in sorted(groups.items(), key=lambda g: (order(g[1][0]), -len(g[1]))):
        if len(members) > 1:  # one defect of the target, shown by several cases
            cards.append(
                f'<h3 class="problem">{escape(root)} <span class="count">{len(members)} '
                "cases</span></h3>"
            )
        cards += [
            _case_card(c, fail_on, exchanges.get(str(c.get("id")), []), allure_page, anchors)
            for c in members
        ]
    count = f'<span class="count">{len(groups)} problem(s), {len(failed)} failed case(s)</span>'
    return f"<section><h2>Failed cases {count}</h2>{''.join(cards)}</section>"


def _clause_url(spec: str, case: dict[str, Any]) -> str:
    """The clause in the text of the run's OCPI version (results.json names it per run)."""
    number = str(case.get("ocpi_version") or DEFAULT)
    try:
        return spec_version(number).clause_url(spec)
    except ValueError:  # a results.json of a version this harness does not know
        return spec_version(DEFAULT).clause_url(spec)


def _case_card(
    case: dict[str, Any],
    fail_on: str,
    exchanges: list[Exchange],
    allure_page: str,
    anchors: dict[str, str],
) -> str:
    case_id = str(case.get("id"))
    level = str(case.get("level") or "")
    spec = str(case.get("spec") or "")
    message = str(case.get("message") or "")
    reason = message.removesuffix(f" [{spec}]") if spec else message
    if case.get("outcome") == "error":
        gate = '<span class="gate error">harness error</span>'
    elif fails_gate(case, fail_on):
        gate = '<span class="gate fails">fails the gate</span>'
    else:
        gate = '<span class="gate passes">does not fail the gate</span>'
    known = case.get("known_deviation")
    known_html = f'<p class="known">{escape(str(known))}</p>' if known else ""
    facts = [
        (
            "clause",
            f'<a href="{escape(_clause_url(spec, case))}">{escape(spec)}</a>' if spec else "",
        ),
        ("where", escape(f"{case.get('module')} · {case.get('interface')}")),
    ]
    if case.get("initiator") == "target":
        facts.append(("request by", "the target (it called the harness)"))
    facts_html = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in facts if v)
    anchor = anchors.get(case_id)
    link = f"{allure_page}{anchor}" if anchor else allure_page
    return (
        f'<article class="case" id="{escape(case_id)}">'
        f'<header><span class="case-id">{escape(case_id)}</span>'
        f'<span class="level {escape(level)}">{escape(level)}</span>{gate}</header>'
        f"<h3>{escape(str(case.get('title') or ''))}</h3>"
        f'<p class="reason">{escape(reason)}</p>{known_html}'
        f'<dl class="facts small">{facts_html}</dl>'
        f"{_exchanges(message, exchanges)}"
        f'<p class="more"><a href="{escape(link)}">{escape(case_id)} step by step, in the '
        "Allure report &rarr;</a></p></article>"
    )


def _exchanges(message: str, exchanges: list[Exchange]) -> str:
    shown = evidence(message, exchanges)
    if shown is None:
        return '<p class="no-exchange">This case made no HTTP exchange.</p>'
    exchanges = [mask_credentials(e) for e in exchanges]
    main = _exchange(exchanges[shown], len(exchanges), particulars(message))
    others = [e for i, e in enumerate(exchanges) if i != shown]
    if not others:
        return main
    listed = "".join(f"<li>{_exchange_line(e)}</li>" for e in others[:MAX_OTHER_EXCHANGES])
    rest = len(others) - MAX_OTHER_EXCHANGES
    more = f"<li>and {rest} more (the Allure report has each)</li>" if rest > 0 else ""
    return (
        f'{main}<details class="others"><summary>{len(others)} other exchange'
        f"{'s' if len(others) != 1 else ''} of this case</summary><ol>{listed}{more}</ol></details>"
    )


def _exchange_line(exchange: Exchange) -> str:
    who = (
        "" if exchange.direction == "outbound" else '<span class="inbound">target &rarr; us</span> '
    )
    return (
        f'{who}<span class="method">{escape(exchange.method)}</span> '
        f'<span class="url">{escape(exchange.url)}</span> {_status(exchange)}'
    )


def _status(exchange: Exchange) -> str:
    if exchange.error:
        return f'<span class="status err">{escape(exchange.error)}</span>'
    status = exchange.status if exchange.status is not None else "?"
    return f'<span class="status">HTTP {status}</span>'


def _exchange(exchange: Exchange, total: int, marks: set[str]) -> str:
    label = "The exchange that shows it" if total > 1 else "The exchange"
    if exchange.direction == "inbound":
        label += " (the target called the harness)"
    return (
        f'<div class="exchange"><p class="label">{label}</p>'
        f'<p class="request-line">{_exchange_line(exchange)}</p><div class="sides">'
        f"{_side('Request', exchange.request_headers, exchange.request_body, marks)}"
        f"{_side('Response', exchange.response_headers, exchange.response_body, marks)}"
        "</div></div>"
    )


def _side(name: str, headers: dict[str, str], body: Any, marks: set[str]) -> str:
    """Headers, one a line (those the failure message names marked), then the body."""
    lines = "".join(
        f'<div class="{"mark" if any(m in v.lower() for m in marks) else "line"}">'
        f'<span class="h">{escape(k)}:</span> {escape(v)}</div>'
        for k, v in headers.items()
    )
    text = _text(body)
    if body is None or text == "":
        shown = '<p class="empty">no body</p>'
    else:
        cut = len(text) - MAX_BODY_CHARS
        if cut > 0:
            text = text[:MAX_BODY_CHARS]
        tail = f'<p class="cut">… {cut} more characters in the Allure report</p>' if cut > 0 else ""
        shown = f"<pre>{escape(text)}</pre>{tail}"
    head = f'<div class="headers">{lines}</div>' if lines else '<p class="empty">no headers</p>'
    return f'<div class="side"><h4>{name}</h4>{head}{shown}</div>'


def _text(body: Any) -> str:
    if body is None:
        return ""
    if isinstance(body, str):
        return body
    try:
        return json.dumps(body, indent=2, ensure_ascii=False)
    except (ValueError, RecursionError):
        return str(body)[:MAX_BODY_CHARS]


def _not_run(cases: list[dict[str, Any]]) -> str:
    blocked = [c for c in cases if c.get("outcome") == "blocked"]
    skipped: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        if case.get("outcome") == "skipped":
            skipped[str(case.get("message") or "no reason given")].append(str(case.get("id")))
    if not blocked and not skipped:
        return ""
    parts = ["<section><h2>Not run</h2>"]
    if blocked:
        rows = "".join(
            f'<li><span class="case-id">{escape(str(c.get("id")))}</span> '
            f"{escape(str(c.get('title') or ''))}: blocked by "
            f'<a href="#{escape(str(c.get("blocked_by") or ""))}">'
            f"{escape(str(c.get('blocked_by') or 'a failed precondition'))}</a></li>"
            for c in blocked
        )
        parts.append(
            '<p class="lead">Blocked: their precondition failed in another case.</p>'
            f'<ul class="plain">{rows}</ul>'
        )
    if skipped:
        rows = "".join(
            f'<li><span class="ids">{escape(", ".join(ids))}</span>: {escape(reason)}</li>'
            for reason, ids in sorted(skipped.items(), key=lambda item: item[1][0])
        )
        parts.append(
            f'<p class="lead">Skipped, with the reason (not applicable to this target or run).</p>'
            f'<ul class="plain">{rows}</ul>'
        )
    parts.append("</section>")
    return "".join(parts)


def _footer(doc: dict[str, Any], allure_page: str) -> str:
    notes = []
    place = doc.get("command_target")
    if isinstance(place, dict):
        notes.append(
            "Commands acted on Location "
            f"{place.get('location_id')}, EVSE {place.get('evse_uid')}, "
            f"Connector {place.get('connector_id')}."
        )
    left = doc.get("left_on_target")
    if isinstance(left, list) and left:
        notes.append(
            f"{len(left)} object(s) the harness wrote stay on the target "
            "(results.json: left_on_target)."
        )
    items = "".join(f"<li>{escape(n)}</li>" for n in notes)
    return (
        f'<footer class="foot"><ul class="plain">{items}</ul>'
        "<p>Built from results.json of this run. No credentials token appears in this page or in "
        f'the <a href="{escape(allure_page)}">Allure report</a>; tokens are masked as «…».</p>'
        "</footer>"
    )
