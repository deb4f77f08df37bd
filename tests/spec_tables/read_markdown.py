"""Read the OCPI 2.1.1 Markdown (tag `2.1.1` of github.com/ocpi/ocpi) into the test data the
spec tests compare the models with. A tool, not a test: run it once when the reading changes.

    python tests/spec_tables/read_markdown.py [/work/.mirror/ocpi+ocpi/repo]

It writes
- tests/spec_tables/2.1.1.json: the row names of every object, class and enum table, by the
  GitHub heading anchor of the section holding the table (`tables`), the Card. and Type columns
  of those that have them (`cards`, `types`), and every heading anchor of every file
  (`anchors`), so a clause the package cites can be checked to exist;
- tests/spec_examples/2.1.1/<file>__<anchor>.json: every fenced JSON example, named by the
  file and the heading it stands under. What the text wraps around an example is taken off and
  said in tests/spec_examples/2.1.1.index.json: a leading "PATCH To URL: ..." line (`url`), and
  a fragment such as `"energy_mix": {...}` is wrapped into an object (`fragment`). An example
  that is no JSON as written (a trailing comma) is kept as written: the test names its error.

Anchors are computed as GitHub computes them (the text links them, e.g.
`mod_locations.md#211-get-method`): the heading's text without its Markdown emphasis, lower-cased,
every character that is not a letter, digit, space, '-' or '_' dropped, each space made '-', and
a repeated anchor in one file suffixed -1, -2, ...
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

TAG = "2.1.1"
FILES = (
    "credentials.md",
    "mod_cdrs.md",
    "mod_commands.md",
    "mod_locations.md",
    "mod_sessions.md",
    "mod_tariffs.md",
    "mod_tokens.md",
    "status_codes.md",
    "transport_and_format.md",
    "types.md",
    "version_information_endpoint.md",
)
HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "spec_examples" / TAG
NAME_COLUMNS = ("Property", "Field Name", "Value")  # first column of object/class/enum tables


def slug(heading: str) -> str:
    """GitHub's anchor of a Markdown heading's text (github-slugger on the rendered text)."""
    text = re.sub(r"(?<![\w])_+|_+(?![\w])", "", heading.strip())  # _emphasis_, __strong__
    text = text.replace("*", "").replace("`", "").lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _source(repo: Path, name: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "show", f"{TAG}:{name}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


Rows = dict[str, dict[str, str]]


def _type(cell: str) -> str:
    """A Type cell as the spec names the type: '[string](types.md#15-string-type)(39)' ->
    'string(39)'."""
    return re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", cell).replace(" ", "")


def read(text: str) -> tuple[list[str], dict[str, list[str]], Rows, Rows, list[tuple[str, str]]]:
    """(anchors in order, table rows by anchor, their cardinalities and their types by anchor,
    fenced JSON blocks with their anchor). A row of a 'Choice' (written '> name') has its
    cardinality prefixed 'choice '."""
    anchors: list[str] = []
    seen: dict[str, int] = {}
    tables: dict[str, list[str]] = {}
    cards: dict[str, dict[str, str]] = {}
    types: dict[str, dict[str, str]] = {}
    blocks: list[tuple[str, str]] = []
    current = ""
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.lstrip().startswith("```"):
            end = index + 1
            while not lines[end].lstrip().startswith("```"):
                end += 1
            if line.strip().lower() == "```json":
                blocks.append((current, "\n".join(lines[index + 1 : end])))
            index = end + 1
            continue
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        if heading:
            base = slug(heading.group(1))
            count = seen.get(base, 0)
            seen[base] = count + 1
            current = base if count == 0 else f"{base}-{count}"
            anchors.append(current)
        elif line.startswith("|") and index + 1 < len(lines) and "---" in lines[index + 1]:
            header = _cells(line)
            end = index + 2
            rows = []
            while end < len(lines) and lines[end].startswith("|"):
                rows.append(_cells(lines[end]))
                end += 1
            column = header.index("ModuleID") if "ModuleID" in header else 0
            if header[column] in NAME_COLUMNS or header[column] == "ModuleID":
                names = [re.sub(r"^>\s*", "", r[column]).strip("*` ") for r in rows]
                kept = [i for i, n in enumerate(names) if n and not n.startswith("Choice")]
                assert current not in tables, f"two tables under {current}"
                tables[current] = [names[i] for i in kept]
                if "Card." in header:
                    card, kind = header.index("Card."), header.index("Card.") - 1
                    cards[current] = {
                        names[i]: ("choice " if rows[i][column].startswith(">") else "")
                        + rows[i][card]
                        for i in kept
                    }
                    types[current] = {names[i]: _type(rows[i][kind]) for i in kept}
            index = end
            continue
        index += 1
    return anchors, tables, cards, types, blocks


def _example(block: str) -> tuple[str, dict[str, str]]:
    """The JSON text of a block and what was taken off it."""
    notes: dict[str, str] = {}
    lines = block.strip().splitlines()
    verb = re.match(r"^(PUT|PATCH|POST|GET|DELETE) To URL: (\S+)$", lines[0].strip())
    if verb:
        notes["url"] = f"{verb.group(1)} {verb.group(2)}"
        lines = lines[1:]
    body = "\n".join(lines).strip()
    fragment = re.match(r'^"(\w+)"\s*:', body)
    if fragment:
        notes["fragment"] = fragment.group(1)
        body = "{\n" + body + "\n}"
    return body + "\n", notes


def main(repo: Path) -> None:
    all_anchors: dict[str, list[str]] = {}
    all_tables: dict[str, list[str]] = {}
    all_cards: dict[str, dict[str, str]] = {}
    all_types: dict[str, dict[str, str]] = {}
    index: dict[str, dict[str, str]] = {}
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    for old in EXAMPLES.glob("*.json"):
        old.unlink()
    for name in FILES:
        anchors, tables, cards, types, blocks = read(_source(repo, name))
        all_anchors[name] = anchors
        all_tables.update({f"{name}#{a}": rows for a, rows in tables.items()})
        all_cards.update({f"{name}#{a}": rows for a, rows in cards.items()})
        all_types.update({f"{name}#{a}": rows for a, rows in types.items()})
        used: dict[str, int] = {}
        for anchor, block in blocks:
            stem = f"{name.removesuffix('.md')}__{anchor}"
            used[stem] = used.get(stem, 0) + 1
            stem += "" if used[stem] == 1 else f"__{used[stem]}"
            body, notes = _example(block)
            (EXAMPLES / f"{stem}.json").write_text(body, encoding="utf-8")
            if notes:
                index[stem] = notes
    source = (
        f"github.com/ocpi/ocpi tag {TAG}, read by tests/spec_tables/read_markdown.py: `tables`"
        " holds the names in the first (ModuleID: that) column of each table whose first column"
        " is Property, Field Name or Value, by the GitHub anchor of the heading above it"
        " ('Choice' rows left out, '> ' taken off); `cards` the Card. column of those rows"
        " ('choice' before a row of a Choice), `types` their Type column with the links taken"
        " off; `anchors` every heading anchor per file"
    )
    document = {
        "source": source,
        "tables": all_tables,
        "cards": all_cards,
        "types": all_types,
        "anchors": all_anchors,
    }
    (HERE / f"{TAG}.json").write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    (EXAMPLES.parent / f"{TAG}.index.json").write_text(
        json.dumps(dict(sorted(index.items())), indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror/ocpi+ocpi/repo"))
