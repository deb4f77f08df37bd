"""A capture file, read as a stream of records and never loaded whole: NDJSON (one record a line:
the harness's own exchanges.jsonl, or EV Panda's records), a JSON array of records, or a HAR
document (browsers, mitmproxy, Redocly), whose `log.entries` are cut out one by one.

Every record is bounded (MAX_RECORD_BYTES): a longer line or entry is skipped to its end without
being held, and said as a problem of the capture, as is anything else a record cannot be. A file
that is no capture at all is a `CaptureError` (one line; the command's exit 2).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_RECORD_BYTES = 32 * 2**20  # two bodies at the harness's 10 MB limit, Base64, and headers
CHUNK = 2**20
SNIFF = 64 * 1024
_HAR = re.compile(rb'^\s*\{\s*"log"\s*:', re.DOTALL)
_STRUCT = re.compile(rb'["{}\[\]:]')
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BOM = b"\xef\xbb\xbf"


class CaptureError(Exception):
    """A file the judge cannot read as a capture at all; the message is one line."""


@dataclass(frozen=True)
class Raw:
    """One record as the file holds it: its bytes, or why it could not be taken."""

    index: int  # 1-based, in its file
    data: bytes | None
    problem: str | None = None
    offset: int = -1  # where it starts in its file (NDJSON: a line can be read from there)
    end: int = -1  # where the next record may start


def shape_of(path: Path) -> str:
    """ "ndjson", "har" or "array", from the file's first bytes."""
    try:
        with path.open("rb") as stream:
            head = stream.read(SNIFF)
    except FileNotFoundError:
        raise CaptureError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CaptureError(f"{path}: a folder, not a capture file") from None
    except OSError as exc:
        raise CaptureError(f"{path}: cannot read it ({exc.strerror})") from None
    head = head.removeprefix(_BOM)
    start = head.lstrip()[:1]
    if not start:
        return "ndjson"  # empty: no record
    if _HAR.match(head):
        return "har"
    if start == b"[":
        return "array"
    if start == b"{":
        return "ndjson"
    raise CaptureError(
        f"{path}: not a capture (neither NDJSON, a JSON array of records nor a HAR file: it "
        f"starts with {head.lstrip()[:12]!r})"
    )


def records(path: Path) -> Iterator[Raw]:
    """Every record of a capture file, in file order."""
    shape = shape_of(path)
    with path.open("rb") as stream:
        if shape == "ndjson":
            yield from _lines(stream)
        else:
            target = ("log", "entries") if shape == "har" else ()
            yield from _elements(stream, target, path)


def line_range(path: Path, start: int, end: int, index: int) -> Iterator[Raw]:
    """The NDJSON records from byte `start` up to byte `end` (record boundaries `records`
    gave), numbered from `index` + 1: what a worker process reads of a large capture."""
    with path.open("rb") as stream:
        stream.seek(start)
        yield from _lines(stream, index, end, start == 0)


def _lines(
    stream: BinaryIO, index: int = 0, end: int | None = None, first: bool = True
) -> Iterator[Raw]:
    at = stream.tell()
    while end is None or at < end:
        line = stream.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        start, at = at, at + len(line)
        if first:
            line, first = line.removeprefix(_BOM), False
        index += 1
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            skipped = len(line) + _skip_line(stream)
            at = stream.tell()
            yield Raw(
                index,
                None,
                f"record {index}: a line of {skipped:,} bytes, longer than "
                f"{MAX_RECORD_BYTES // 2**20} MiB: not read",
                start,
                at,
            )
            continue
        if line.strip():
            yield Raw(index, line, None, start, at)
        else:
            index -= 1


def _skip_line(stream: BinaryIO) -> int:
    """Read past the rest of a line without holding it; how many bytes that was."""
    skipped = 0
    while True:
        chunk = stream.readline(CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


class _Frame:
    __slots__ = ("array", "key")

    def __init__(self, array: bool) -> None:
        self.array = array
        self.key: bytes | None = None


class _Scanner:
    """Cuts the elements of one array out of a JSON document read in chunks: it follows
    strings, brackets and object keys (never values), and copies bytes only while inside an
    element, up to MAX_RECORD_BYTES."""

    def __init__(self, stream: BinaryIO, target: tuple[str, ...], path: Path) -> None:
        self.stream, self.path = stream, path
        self.wanted = [k.encode() for k in target]
        self.stack: list[_Frame] = []
        self.buf, self.pos, self.eof = b"", 0, False
        self.element: bytearray | None = None
        self.mark = 0  # where in `buf` the element's bytes not yet copied begin
        self.oversized = False
        self.index = 0
        self.found = not target
        self.last_string = b""

    def _in_target(self) -> bool:
        depth = len(self.wanted)
        return (
            len(self.stack) == depth + 1
            and self.stack[-1].array
            and [f.key for f in self.stack[:-1]] == self.wanted
        )

    def _keep(self, upto: int) -> None:
        """Copy the element's bytes up to `upto` of the buffer (or drop them when too many)."""
        if self.element is None:
            return
        if not self.oversized:
            self.element += self.buf[self.mark : upto]
            if len(self.element) > MAX_RECORD_BYTES:
                self.oversized, self.element = True, bytearray()
        self.mark = upto

    def _refill(self, keep_from: int) -> bool:
        """Read on, keeping the buffer from `keep_from`; False at the end of the file."""
        self._keep(keep_from)
        more = self.stream.read(CHUNK)
        self.eof = not more
        self.buf = self.buf[keep_from:] + more
        self.pos, self.mark = 0, 0
        return bool(more)

    def elements(self) -> Iterator[Raw]:
        while True:
            match = _STRUCT.search(self.buf, self.pos)
            if match is None:
                if not self._refill(len(self.buf)):
                    break
                continue
            char, at = match.group(), match.start()
            if char == b'"':
                if not self._string(at):
                    break
                continue
            self.pos = at + 1
            if char == b":":
                if self.stack and not self.stack[-1].array:
                    self.stack[-1].key = self.last_string
            elif char in (b"{", b"["):
                if self.element is None and self._in_target():
                    self.element, self.mark, self.oversized = bytearray(), at, False
                    self.index += 1
                self.stack.append(_Frame(char == b"["))
                self.found = self.found or self._in_target()
            else:
                if not self.stack:
                    raise CaptureError(
                        f"{self.path}: not JSON (byte {at} closes a bracket never opened)"
                    )
                self.stack.pop()
                if self.element is not None and self._in_target():
                    yield self._cut(at + 1)
        if self.wanted and not self.found:
            raise CaptureError(f"{self.path}: a HAR file without log.entries")
        if self.element is not None:
            yield Raw(self.index, None, f"record {self.index}: the file ends inside it (truncated)")

    def _string(self, at: int) -> bool:
        """Step over the string opening at `at`; False when the file ends inside it."""
        while True:
            found = _STRING.match(self.buf, at)
            if found is not None:
                if len(self.stack) <= len(self.wanted):
                    self.last_string = self.buf[at + 1 : found.end() - 1]
                self.pos = found.end()
                return True
            if len(self.buf) - at > MAX_RECORD_BYTES + CHUNK:
                self._keep(at)
                self.oversized, self.element = (
                    True,
                    bytearray() if self.element is not None else None,
                )
                self.buf, self.pos, self.mark = _skip_string(self.stream, self.buf[at:]), 0, 0
                return True
            if not self._refill(at):
                return False
            at = 0

    def _cut(self, end: int) -> Raw:
        self._keep(end)
        element, self.element = self.element, None
        if self.oversized or element is None:
            return Raw(
                self.index,
                None,
                f"record {self.index}: an entry longer than "
                f"{MAX_RECORD_BYTES // 2**20} MiB: not read",
            )
        return Raw(self.index, bytes(element))


def _elements(stream: BinaryIO, target: tuple[str, ...], path: Path) -> Iterator[Raw]:
    """The elements of the array at `target` (a path of object keys; () the document itself)
    of a JSON document, each as its own bytes, scanning the text without parsing it whole."""
    return _Scanner(stream, target, path).elements()


def _skip_string(stream: BinaryIO, data: bytes) -> bytes:
    """Read past a string (`data` starts at its opening quote) too long to hold; the bytes
    after its closing quote."""
    escaped = False
    data = data[1:]
    while True:
        for index, byte in enumerate(data):
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                return data[index + 1 :]
        data = stream.read(CHUNK)
        if not data:
            return b""
