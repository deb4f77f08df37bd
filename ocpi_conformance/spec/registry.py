"""Shapes of the module registry: what a module offers, who implements it, how each call looks.

The data for one OCPI version lives beside its models (`v2_2_1/modules.py`); these classes are the
vocabulary every consumer (client, peer, suites, schema export) reads it with, so none of them has
to know how the spec text is laid out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Cardinality(StrEnum):
    """The spec's cardinality symbols (terminology.asciidoc#terminology_cardinality)."""

    ONE = "1"
    OPTIONAL = "?"
    MANY = "*"
    AT_LEAST_ONE = "+"

    @property
    def is_list(self) -> bool:
        return self in (Cardinality.MANY, Cardinality.AT_LEAST_ONE)


class Method(StrEnum):
    GET = "GET"
    POST = "POST"
    PUT = "PUT"
    PATCH = "PATCH"
    DELETE = "DELETE"


@dataclass(frozen=True)
class Body:
    """A request body or the `data` of a response: a spec object name and its cardinality.

    `obj` names a model in the version's object table (`OBJECTS`), or None when the body is
    described in prose only (for instance an empty `data`).
    """

    obj: str | None
    card: Cardinality
    note: str = ""


@dataclass(frozen=True)
class PathParam:
    """A URL path segment the caller fills in, with the spec type it carries."""

    name: str
    type: str  # e.g. "CiString(36)": the spec's own notation
    required: bool = True


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str
    required: bool = False


@dataclass(frozen=True)
class Operation:
    """One method on one URL template of an interface.

    `path` is appended to the base URL named by `target`, e.g.
    "/{country_code}/{party_id}/{location_id}" ("" for the base URL itself). `target` says where
    that base URL comes from: the module endpoint the implementer published in its version details
    ("endpoint"), a Version.url ("version_url"), the Location header of an earlier POST
    ("location_header"), or the `response_url` the caller sent in an earlier request
    ("response_url").
    """

    name: str
    method: Method
    path: str
    spec: str
    path_params: tuple[PathParam, ...] = ()
    query: tuple[QueryParam, ...] = ()
    request: Body | None = None
    response: Body | None = None
    paginated: bool = False
    patch_requires: tuple[str, ...] = ()  # fields a PATCH body SHALL carry (e.g. last_updated)
    target: str = "endpoint"
    note: str = ""
    # Where the operation sits, set by its Module: checks take the operation alone.
    module: str = field(default="", compare=False)
    interface: str = field(default="", compare=False)
    version: str = field(default="2.2.1", compare=False)  # the OCPI version whose registry


@dataclass(frozen=True)
class Interface:
    """A module's SENDER or RECEIVER interface and the roles that implement it."""

    role: str  # InterfaceRole value: "SENDER" or "RECEIVER" ("" for credentials/versions)
    implemented_by: tuple[str, ...]  # Role values, e.g. ("CPO",)
    spec: str
    operations: tuple[Operation, ...] = ()
    required: bool = False  # the spec makes the interface mandatory for the implementing role

    def operation(self, name: str) -> Operation:
        for op in self.operations:
            if op.name == name:
                return op
        raise KeyError(name)


@dataclass(frozen=True)
class Module:
    """An OCPI module: its ModuleID, the objects it exchanges and its interfaces."""

    id: str  # ModuleID value, e.g. "locations"
    title: str
    spec: str
    objects: tuple[str, ...]
    interfaces: tuple[Interface, ...] = field(default=())

    def __post_init__(self) -> None:
        for itf in self.interfaces:
            for op in itf.operations:
                object.__setattr__(op, "module", self.id)
                object.__setattr__(op, "interface", itf.role)

    def interface(self, role: str) -> Interface:
        for itf in self.interfaces:
            if itf.role == role:
                return itf
        raise KeyError(role)
