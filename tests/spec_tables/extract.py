"""Read the row names of every object, class, enum and status code table of an OCPI AsciiDoc text.

    python tests/spec_tables/extract.py REPO TAG [TAG...] > rows.json

For each tag: its commit, the rows of its tables, the type its heading gives each table
(`_OpenEnum_`, `_enum_`, `_class_`, `_object_`), the identifier each module's heading gives
("*Module Identifier: `payments`*") and every anchor of every file (`[[...]]`, and the id
Asciidoctor gives a heading that has none), so a clause `FILE#anchor` can be checked to exist.

A table counts when its header's first cell is `Property` (an object or class), `Value` (an
enum) or `Code` (status codes), or when it is the ModuleID table (`Module | ModuleID`, whose
names are in the second column). It belongs to the section it is in: the `[[anchor]]` line right
above that section's heading (an anchor on a paragraph, such as `[[mod_cdrs_step_size]]`, names
no table). A row's name is its first cell (second for ModuleID) with inline anchors (`[[...]]`)
and a trailing cell style (`a|`) removed; continuation lines (not starting with `|`) belong to
the row above. Run on tag 2.2.1 it gives the tables of tests/spec_tables/2.2.1.json exactly, and
more: the response format's (transport_and_format_response_format) and the status code tables,
which that file leaves out.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

MODULE_IDENTIFIER = re.compile(r"^\*Module Identifier: `([^`]+)`\*", re.MULTILINE)
ANCHOR = re.compile(r"^\[\[([^\]]+)\]\]\s*$")
INLINE_ANCHOR = re.compile(r"\[\[[^\]]*\]\]")
HEADING = re.compile(r"^=+ ")


def _generated_id(heading: str) -> str:
    """Asciidoctor's id for a heading without an anchor: lower case, characters other than
    word characters, spaces, hyphens and periods dropped, the rest joined by `_`, prefixed `_`."""
    title = re.sub(r"[^\w\s.-]", "", heading.lstrip("= ").strip().lower())
    return "_" + "_".join(w for w in re.split(r"[\s.-]+", title) if w)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|")[1:]]


def _name(cell: str) -> str:
    cell = INLINE_ANCHOR.sub("", cell).strip()
    return cell.split()[0] if cell else ""


def tables_of(text: str, file: str) -> dict[str, list[str]]:
    """{file#anchor: [row names]} of one AsciiDoc file."""
    found: dict[str, list[str]] = {}
    lines = text.splitlines()
    anchor = pending = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        match = ANCHOR.match(line.strip())
        if HEADING.match(line):
            anchor = pending or _generated_id(line)
        pending = match.group(1) if match else ""
        if line.strip() != "|===":
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].strip() == "|===")
        body = [raw for raw in lines[index + 1 : end] if raw.strip()]
        index = end + 1
        header = _cells(body[0]) if body else []
        if not header:
            continue
        column = {"Property": 0, "Value": 0, "Code": 0}.get(header[0])
        if header[:2] == ["Module", "ModuleID"]:
            column = 1
        if column is None:
            continue
        rows = [_name(_cells(raw)[column]) for raw in body[1:] if raw.lstrip().startswith("|")]
        key = f"{file}#{anchor}"
        if key in found:
            raise SystemExit(f"two tables under {key}")
        found[key] = [r for r in rows if r]
    return found


def anchors_of(text: str) -> list[str]:
    """Every anchor a clause can name in one file: `[[...]]` anywhere, and generated heading ids."""
    found = re.findall(r"\[\[([^\],]+)", text)
    lines = text.splitlines()
    for index, line in enumerate(lines):
        above = lines[index - 1].strip() if index else ""
        if HEADING.match(line) and not ANCHOR.match(above):
            found.append(_generated_id(line))
    return sorted(set(found))


def kinds_of(text: str, file: str) -> dict[str, str]:
    """{file#anchor: the type word of its heading} for headings such as `==== Capability
    _OpenEnum_` (OpenEnum), `==== _Parking_ object` (object) or `==== TaxAmount _class_`."""
    found: dict[str, str] = {}
    lines = text.splitlines()
    for index, line in enumerate(lines[1:], start=1):
        above = ANCHOR.match(lines[index - 1].strip())
        word = re.search(r"(?:_(\w+)_|\b(object|class|enum))\s*$", line.strip(), re.IGNORECASE)
        if HEADING.match(line) and above and word:
            kind = word.group(1) or word.group(2)
            found[f"{file}#{above.group(1)}"] = kind if kind == "OpenEnum" else kind.lower()
    return found


def _git(repo: str, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", repo, *args], check=True, capture_output=True, text=True
    ).stdout


def read_tag(repo: str, tag: str) -> dict[str, object]:
    """The commit, tables and module identifiers of one tag."""
    tables: dict[str, list[str]] = {}
    identifiers: dict[str, str] = {}
    anchors: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for file in sorted(f for f in _git(repo, "ls-tree", "--name-only", tag).split()):
        if not file.endswith(".asciidoc"):
            continue
        text = _git(repo, "show", f"{tag}:{file}")
        tables.update(tables_of(text, file))
        anchors[file] = anchors_of(text)
        kinds.update(kinds_of(text, file))
        for match in MODULE_IDENTIFIER.finditer(text):
            identifiers[file] = match.group(1)
    return {
        "commit": _git(repo, "rev-parse", f"{tag}^{{commit}}").strip(),
        "tables": dict(sorted(tables.items())),
        "module_identifiers": identifiers,
        "anchors": anchors,
        "kinds": {k: v for k, v in sorted(kinds.items()) if k in tables},
    }


SOURCE = (
    "github.com/ocpi/ocpi, per tag: the names in the first (ModuleID: second) column of each "
    "object, class, enum and status code table, by the anchor of its section, the type its "
    "heading gives it, each module's identifier and "
    "every anchor of every file; "
    "read by tests/spec_tables/extract.py"
)

if __name__ == "__main__":
    repository, *tags = sys.argv[1:]
    found = {tag: read_tag(repository, tag) for tag in tags}
    json.dump({"source": SOURCE, "tags": found}, sys.stdout, indent=1)
    sys.stdout.write("\n")
