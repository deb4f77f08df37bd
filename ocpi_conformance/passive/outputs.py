"""What a passive judgement leaves behind, the same files a run leaves: results.json (the
contract's keys, `"mode": "passive"`, and per case the parties and findings), junit.xml, the
Allure results and the terminal's matrix and verdict; exchanges.jsonl is written as the
judgement goes (engine.py)."""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocpi_conformance.outputs import results as results_module
from ocpi_conformance.outputs import summary
from ocpi_conformance.outputs.allure import SEVERITY
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.verdicts.checks.context import Context
from ocpi_conformance.verdicts.gate import GateVerdict
from ocpi_conformance.verdicts.outcome import CaseResult

PROFILE = "passive"


@dataclass
class Verdicts:
    """Every case's result and its per-party detail, and the gate over them."""

    results: list[CaseResult]
    detail: dict[str, dict[str, Any]]
    gate: GateVerdict


def parties(ctx: Context) -> list[dict[str, Any]]:
    return [
        {
            "key": p.key,
            "role": p.role,
            "country_code": p.country_code,
            "party_id": p.party_id,
            "versions_url": p.versions_url,
            "origins": sorted(p.origins),
        }
        for p in sorted(ctx.parties.values(), key=lambda p: p.key)
    ]


def document(
    verdicts: Verdicts,
    *,
    ctx: Context,
    captures: list[Path],
    judged: str | None,
    started_at: float,
    fail_on: str,
    notes: list[dict[str, Any]],
    exchanges: int,
) -> dict[str, Any]:
    judged_party = ctx.parties.get(judged) if judged else None
    doc = results_module.document(
        verdicts.results,
        role=(judged_party.role or "").lower() or None if judged_party else None,
        target=judged_party.versions_url if judged_party else None,
        profile=PROFILE,
        started_at=started_at,
        duration_s=time.time() - started_at,
        ocpi_version=ctx.version.number,
    )
    doc["mode"] = "passive"
    doc["verdict"] = "pass" if verdicts.gate.passed else "fail"
    doc["verdict_reason"] = verdicts.gate.why
    doc["fail_on"] = fail_on
    doc["seed"] = None
    doc["captures"] = [str(p) for p in captures]
    doc["exchanges_judged"] = exchanges
    doc["judged_party"] = judged
    doc["parties"] = parties(ctx)
    doc["capture_notes"] = notes
    for case in doc["cases"]:
        case.update(verdicts.detail.get(case["id"], {}))
    return doc


def write_results(folder: Path, doc: dict[str, Any]) -> None:
    results_module.write(folder / "results.json", doc)


def write_junit(folder: Path, verdicts: Verdicts) -> None:
    """junit.xml as a run writes it: one testcase per case, a failure where the gate fails,
    a warning below --fail-on, skipped for not observed, and a GATE testcase when the gate
    failed with no case failing (nothing observed)."""
    blocking = {r.id for r in verdicts.gate.blocking}
    suite = ET.Element("testsuite", name="ocpi-conformance passive")
    tally = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in sorted(verdicts.results, key=lambda r: r.id):
        tally["tests"] += 1
        case = ET.SubElement(
            suite,
            "testcase",
            name=f"{result.id} {result.title}",
            classname=f"{result.role}.{result.module}.{result.interface}",
            time="0",
        )
        properties = ET.SubElement(case, "properties")
        for name, value in (
            ("level", result.level),
            ("spec", result.spec),
            ("applied", str(result.exchanges)),
        ):
            ET.SubElement(properties, "property", name=name, value=value)
        if result.outcome == "failed" and result.id in blocking:
            tally["failures"] += 1
            ET.SubElement(case, "failure", message=result.message)
        elif result.outcome == "failed":
            warning = f"WARNING ({result.level}, does not fail the gate): {result.message}"
            ET.SubElement(case, "system-out").text = warning
        elif result.outcome == "skipped":
            tally["skipped"] += 1
            ET.SubElement(case, "skipped", message=result.message)
    gate = verdicts.gate
    if not gate.passed and not gate.blocking:
        tally["tests"] += 1
        tally["failures"] += 1
        verdict = ET.SubElement(
            suite,
            "testcase",
            name="GATE ocpi-conformance verdict",
            classname="run.gate.ANY",
            time="0",
        )
        ET.SubElement(verdict, "failure", message=gate.line())
    for name, value in tally.items():
        suite.set(name, str(value))
    root = ET.Element("testsuites")
    root.append(suite)
    ET.ElementTree(root).write(folder / "junit.xml", encoding="utf-8", xml_declaration=True)


_STATUS = {"passed": "passed", "failed": "failed", "skipped": "skipped"}


def write_allure(
    folder: Path, verdicts: Verdicts, exchanges: dict[int, dict[str, Any]], number: str
) -> None:
    """allure-results/: one result per case, labelled as a run labels them, each failing
    exchange a step with its redacted request and response attached (`ocpi-conformance report
    DIR` builds the HTML from it); clause links point at the text of OCPI `number`."""
    results = folder / "allure-results"
    results.mkdir(parents=True, exist_ok=True)
    now = int(time.time() * 1000)
    clause_url = spec_version(number).clause_url
    for result in verdicts.results:
        detail = verdicts.detail.get(result.id, {})
        steps = []
        for finding in detail.get("findings", [])[:5]:
            attachments = []
            for seq in finding["exchanges"]:
                entry = exchanges.get(seq)
                if entry is None:
                    continue
                for side in ("request", "response"):
                    source = f"{uuid.uuid4()}-attachment.json"
                    (results / source).write_text(
                        json.dumps(entry.get(side), indent=2, ensure_ascii=False), encoding="utf-8"
                    )
                    attachments.append(
                        {"name": f"{side} ({seq})", "source": source, "type": "application/json"}
                    )
            steps.append(
                {
                    "name": f"{finding['party']}: {finding['problem']}"[:500],
                    "status": "failed",
                    "attachments": attachments,
                    "start": now,
                    "stop": now,
                }
            )
        body = {
            "uuid": str(uuid.uuid4()),
            "historyId": result.id,
            "name": f"{result.id} {result.title}",
            "fullName": f"passive.{result.module}.{result.id}",
            "status": _STATUS.get(result.outcome, "skipped"),
            "statusDetails": {"message": result.message},
            "description": f"{result.title}\n\nLevel: {result.level}. Clause: {result.spec}",
            "labels": [
                {"name": "epic", "value": result.role.upper()},
                {"name": "feature", "value": result.module},
                {"name": "story", "value": result.interface},
                {"name": "as_id", "value": result.id},
                {"name": "tag", "value": result.id},
                {"name": "tag", "value": result.level},
                {"name": "tag", "value": "passive"},
                {"name": "severity", "value": SEVERITY[result.level].value},
            ],
            "links": [
                {
                    "name": result.spec,
                    "url": clause_url(result.spec),
                    "type": "link",
                }
            ],
            "steps": steps,
            "start": now,
            "stop": now,
        }
        (results / f"{body['uuid']}-result.json").write_text(
            json.dumps(body, ensure_ascii=False), encoding="utf-8"
        )


def terminal(verdicts: Verdicts, folder: Path, notes: list[dict[str, Any]]) -> list[str]:
    """The lines a run prints at its end: matrix, failures by problem, skipped by reason (not
    observed), the capture's own notes, the verdict and the counts."""
    paths = [str(folder / n) for n in ("results.json", "junit.xml", "exchanges.jsonl")]
    paths.append(str(folder / "allure-results"))
    lines = summary.lines(
        verdicts.results, blocking={r.id for r in verdicts.gate.blocking}, seed=0, paths=paths
    )
    lines = [line for line in lines if not line.startswith("seed: ")]
    if notes:
        lines.append("")
        lines.append("the capture itself (no finding about a party):")
        for note in notes:
            example = f" (e.g. {summary.clip(note['examples'][0], 80)})" if note["examples"] else ""
            lines.append(f"  {note['count']} {note['kind']}{example}")
    lines.append(verdicts.gate.line())
    lines.append(summary.counts(verdicts.results).replace("skipped", "not observed"))
    return lines


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()
