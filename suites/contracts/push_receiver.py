"""PushReceiver: the cases every Receiver of client-owned objects shares (mod_*_receiver
interfaces: PUT, PATCH and GET at {country_code}/{party_id}/{id}).

The harness plays the object's owner: it pushes objects under its own party identity with ids
prefixed OCC-, drawn by the hypothesis strategies so that round trips meet every field's
boundaries, and reads back what the target stored. What the target accepted is entered in the
run's ledger; the clean-up case undoes it where OCPI allows (`undo`), last of all.

A module adopts it with a class that says how to change one field for a PATCH (`patch_of`) and
how to undo one stored object (`undo`); its own extra cases sit in the same class. An object
named by more than its owner and id field overrides how it is named: a Token's URL carries its
?type (`url_of`), a ClientInfo has no id field at all (`url_of`, `owned`, `named`,
`naming_fields`, `unknown_url`).

What the Receiver must refuse (invalid objects, one of each kind of broken rule; a URL naming
another object than the body; a PATCH without last_updated) is sent once per class, by fixtures:
the refusal cases judge the status_code and what was stored, `refusals_http_200` the HTTP status
of the same answers, and `answers_valid` the response format of every answer the Receiver gave
(`contracts/answers.py`, `contracts/refusals.py`): each rule one finding.

Every case runs in each version whose text has its rule, the objects drawn, sent and compared by
that version's schemas (the `suite` fixture reads the run's version). 2.1.1 differs in three:
its objects carry no owner (the URL names it), no PATCH requires last_updated (so nothing
refuses one without it), and its status_codes says a refusal "should" not be an HTTP error (a
case of its own, recommended, where 2.2.1's MUST NOT is mandatory).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocpi_conformance.ids import id_for, new_id
from ocpi_conformance.resources import fixture
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.ledger import Written
from ocpi_conformance.spec.schema_nodes import values_in
from ocpi_conformance.spec.v2_2_1.documents import STC, TAF
from ocpi_conformance.spec.version import DEFAULT, Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.strategies import schema_of, valid
from ocpi_conformance.strategies.shrinking import shrink_budget
from ocpi_conformance.text import first
from ocpi_conformance.transport.client import OcpiClient, Reply, object_url
from ocpi_conformance.verdicts.cases import (
    MANDATORY,
    RECOMMENDED,
    Contract,
    Suite,
    case_of,
    contract_case,
)
from ocpi_conformance.verdicts.checks.envelope import assert_answered, assert_http
from ocpi_conformance.verdicts.checks.roundtrip import differences
from ocpi_conformance.verdicts.failures import (
    BLOCKED,
    SchemaViolation,
    TransportViolation,
    blocked_by,
)

from .answers import answered_at, envelope_problems, writes_among
from .refusals import Refusal, http_problems, keeps_names, one_of_each_kind, refusal_problems

MUST_NOT = (
    "a HTTP error MUST NOT be returned to a request in syntactically valid JSON at an existing "
    "resource (status_codes)"
)
SHOULD_NOT = (
    "no HTTP error should be returned to a request in syntactically valid JSON at an existing "
    "resource (status_codes.md)"
)
SINCE_22 = ("2.2.1", "2.3.0")  # last_updated in every PATCH; no HTTP error ("MUST NOT")
ONLY_211 = ("2.1.1",)
ONLY_230 = ("2.3.0",)
# 2.3.0 (v2.3.0-ed2): "An OCPI Platform SHALL NOT reject request or response payloads based on the
# presence of JSON object field names that are not documented in this specification".
UNDOCUMENTED = "transport_and_format.asciidoc#_non_specified_json_fields"
# The field the harness adds: a meaningful name no table uses, without an "x-" prefix (the same
# section: implementers "SHOULD NOT use name prefixes like 'x-' or 'custom'"; the x- was
# read against that text).
EXTENSION_FIELD = "conformance_probe_note"
# 2.3.0 (v2.3.0-ed2): an OpenEnum field is one "for which the set of all possible values is not
# known at the time of writing"; there is "room for [implementers] to use other values".
OPEN_ENUM = "types.asciidoc#types_openenum_type"
UNLISTED = "OCC_UNLISTED"  # the stem of the values the harness sends that no table lists
_FRACTIONAL = "2015-06-29T20:39:09.123Z"


def now(version: Version | str = DEFAULT) -> str:
    """A last_updated for what the harness sends: now, in UTC, with milliseconds where the
    version's DateTime has fractional seconds (2.1.1's has none)."""
    spec = version if isinstance(version, Version) else spec_version(version)
    stamp = dt.datetime.now(dt.UTC)
    if spec.part("types").parse_datetime(_FRACTIONAL) is None:
        return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def assert_accepted(reply: Reply, what: str) -> None:
    assert_answered(reply)
    assert reply.status in (200, 201) and reply.status_code == 1000, (
        f"{what}: {reply.describe()}, expected HTTP 200/201 with status_code 1000"
    )


def assert_same(
    obj: str, sent: dict[str, Any], got: Any, what: str, version: str = DEFAULT
) -> None:
    """What came back equals what was sent, the OCPI way (checks.roundtrip), by the schema of
    `obj` in OCPI `version`: but for what a Receiver of that version is free not to store (2.3.0:
    a Location's Parking objects, `Version.receiver_may_ignore`)."""
    schema = schema_of(obj, version)
    free = spec_version(version).receiver_may_ignore
    found = differences(sent, got, schema, schema, ignore=free)
    assert not found, f"{what}: stored differently: {first(found)}"


def with_unlisted_values(obj: str, body: dict[str, Any], version: str) -> dict[str, Any]:
    """A copy of `body` whose every OpenEnum value (a field whose schema is `x-ocpi-open`) is
    one no table of `version` lists, each distinct: OCC_UNLISTED_1, _2, ..."""
    changed = copy.deepcopy(body)
    paths = [
        path
        for node, value, path in values_in(schema_of(obj, version), changed)
        if node.get("x-ocpi-open") and isinstance(value, str) and path
    ]
    for number, path in enumerate(paths, 1):
        parent: Any = changed
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = f"{UNLISTED}_{number}"
    return changed


def object_of(reply: Reply) -> dict[str, Any]:
    """The one object a GET answered (HTTP 200, status_code 1000, data an object)."""
    assert_answered(reply)
    assert reply.status == 200 and reply.status_code == 1000, f"{reply.describe()}"
    assert isinstance(reply.data, dict), (
        f"{reply.describe()}: data is a JSON {type(reply.data).__name__}, not one object"
    )
    return reply.data


def owned(
    harness: Harness,
    body: dict[str, Any],
    obj: str,
    *,
    drawn: bool = False,
    version: str = DEFAULT,
) -> dict:
    """`body` under the harness's party identity (in the object where the version's objects
    carry their owner; in 2.1.1 the URL alone names it), with an OCC- id: fresh for an object of
    ours, derived from the content for a drawn example (so a replay is the same request)."""
    spec = spec_version(version)
    if spec.owner_in_objects:
        body.update(country_code=harness.identity.country_code, party_id=harness.identity.party_id)
    key = spec.identity_field(obj)
    body[key] = None
    body[key] = id_for(body) if drawn else new_id()
    return body


def stored_data(client: OcpiClient, module: str, url: str) -> dict[str, Any]:
    """The object the target holds at `url`."""
    return object_of(client.get(url, module=module))


def push(
    harness: Harness, client: OcpiClient, method: str, url: str, module: str, body: Any
) -> Reply:
    """PUT or PATCH `body`; an accepted write is entered in the run's ledger for the clean-up."""
    reply = client.request(method, url, module=module, json_body=body)
    if reply.status_code == 1000 and isinstance(body, dict):
        kept = next((e.body for e in harness.ledger.of(module) if e.url == url), None)
        harness.ledger.record(module, url, {**kept, **body} if kept and method == "PATCH" else body)
    return reply


class PushReceiver(Contract):
    numbers: ClassVar[dict[str, int]] = {
        "round_trip": 1,
        "created": 2,
        "replaced": 3,
        "patch_merges": 4,
        "patch_without_last_updated": 5,
        "url_body_mismatch": 6,
        "invalid_refused": 7,
        "unknown_404": 8,
        "clean_up": 9,
        "accepts_valid": 10,
        "refusals_http_200": 11,
        "answers_valid": 12,
        "refusals_not_http_errors": 13,
        "undocumented_field_accepted": 14,
    }
    # The cases that change a stored object start from the smallest valid one: an optional
    # field the target refuses then fails one case (the round trip), not the whole module.
    setup_fixture: ClassVar[str] = "minimal"

    # --- what a module says --------------------------------------------------------------------

    def patch_of(self, before: dict[str, Any]) -> dict[str, Any]:
        """A change to one field of `before`, for the PATCH cases (last_updated is added)."""
        raise NotImplementedError

    def undo(self, client: OcpiClient, written: Written) -> Reply | None:
        """Undo one accepted write; None where OCPI offers no way (it is then reported). The
        clause of the way is the class's words["undo_spec"]."""
        return None

    # --- shared fixtures -----------------------------------------------------------------------

    @classmethod
    def case_id(cls, key: str) -> str:
        """The id this class gives one of the contract's cases."""
        return f"{cls.suite.prefix}-{cls.numbers[key]:03d}"

    @classmethod
    def applies(cls, key: str, number: str) -> bool:
        """Whether the class has the contract's case `key`, and it runs in OCPI `number`."""
        if key in cls.omit or key not in cls.numbers:
            return False
        wanted = cls.case_id(key)
        return any(
            (found := case_of(value)) is not None
            and found.id == wanted
            and found.applies_to(number)
            for value in vars(cls).values()
        )

    @classmethod
    def url_of(cls, owner: str, body: dict[str, Any], suite: Suite) -> str:
        """Where `body` lives on the target: below the owner's URL, by its id."""
        return object_url(owner, body[suite.spec.identity_field(suite.obj)])

    @classmethod
    def naming_fields(cls, suite: Suite) -> tuple[str, ...]:
        """The fields an invalid variant keeps intact: those its URL is built from (broken,
        the URL and the body would disagree as well: two rules at once)."""
        return ("country_code", "party_id", suite.spec.identity_field(suite.obj))

    @classmethod
    def named(cls, harness: Harness, body: dict[str, Any], suite: Suite) -> dict[str, Any]:
        """An invalid variant given a fresh id of its own: whatever a run before left, nothing
        is stored under it yet."""
        body[suite.spec.identity_field(suite.obj)] = new_id("INVALID")
        return body

    @classmethod
    def unknown_url(cls, endpoint: str, owner: str, suite: Suite) -> str:
        """The URL of an object the harness never pushed."""
        return object_url(owner, new_id("NEVER-PUSHED"))

    @classmethod
    def owned(
        cls, harness: Harness, body: dict[str, Any], suite: Suite, *, drawn: bool = False
    ) -> dict[str, Any]:
        return owned(harness, body, suite.obj, drawn=drawn, version=suite.at_version)

    @staticmethod
    def example(suite: Suite, name: str) -> dict[str, Any]:
        """A shipped valid example of the interface's object in the run's version."""
        return fixture(suite.module, f"{suite.obj}.{name}", suite.at_version)

    @classmethod
    def put_smallest(
        cls, harness: Harness, client: OcpiClient, owner: str, suite: Suite
    ) -> dict[str, Any]:
        """PUT the smallest valid object (a fresh id) and see it accepted."""
        example = cls.example(suite, cls.setup_fixture)
        body = cls.owned(harness, example, suite)
        url = cls.url_of(owner, body, suite)
        reply = push(harness, client, "PUT", url, suite.module, body)
        assert_accepted(reply, f"PUT of a {cls.setup_fixture} valid {suite.obj}")
        return {"body": body, "url": url, "created_status": reply.status}

    @classmethod
    def drawn(cls, harness: Harness, suite: Suite) -> st.SearchStrategy[dict[str, Any]]:
        """Valid objects of ours, drawn at the boundaries of every field."""
        return valid(suite.obj, harness.identity, suite.at_version).map(
            lambda body: cls.owned(harness, body, suite, drawn=True)
        )

    @classmethod
    def put_drawn(
        cls, harness: Harness, client: OcpiClient, owner: str, suite: Suite, body: dict
    ) -> tuple[str, str]:
        """PUT one drawn object and see it accepted: (its URL, how messages name it)."""
        url = cls.url_of(owner, body, suite)
        what = f"PUT {suite.obj} {suite.spec.shown(suite.obj, body)}"
        assert_accepted(push(harness, client, "PUT", url, suite.module, body), what)
        return url, what

    @pytest.fixture(scope="class")
    @classmethod
    def stored(
        cls, harness: Harness, client: OcpiClient, owner: str, suite: Suite
    ) -> dict[str, Any]:
        """One object pushed for the cases that change it; refused, they are blocked by the
        round trip, whose own first PUT is the same."""
        with blocked_by(cls.case_id("round_trip")):
            return cls.put_smallest(harness, client, owner, suite)

    @classmethod
    def put_read_back(
        cls,
        harness: Harness,
        client: OcpiClient,
        owner: str,
        suite: Suite,
        body: dict[str, Any],
        what: str,
    ) -> None:
        """PUT `body`, see it accepted, and read it back equal in every documented field."""
        url = cls.url_of(owner, body, suite)
        assert_accepted(push(harness, client, "PUT", url, suite.module, body), what)
        got = stored_data(client, suite.module, url)
        documented = {k: v for k, v in body.items() if k != EXTENSION_FIELD}
        assert_same(suite.obj, documented, got, f"the {suite.obj} of the {what}", suite.at_version)

    @classmethod
    def put_unlisted(cls, harness: Harness, client: OcpiClient, owner: str, suite: Suite) -> None:
        """PUT the full example with every OpenEnum value one no table lists (a fresh id),
        and read it back as sent: an OpenEnum leaves "room for [implementers] to use other
        values", so such an object is a valid one, taken as every valid one is."""
        full = cls.owned(harness, cls.example(suite, "full"), suite)
        body = with_unlisted_values(suite.obj, full, suite.at_version)
        what = f"PUT of a {suite.obj} whose OpenEnum fields hold unlisted values ({UNLISTED}_n)"
        cls.put_read_back(harness, client, owner, suite, body, what)

    @staticmethod
    def held(reply: Reply) -> Any:
        """What a GET found stored (None when nothing is). Data that is one object in a list
        counts as found: that shape is the round trip's finding, not a reason to miss what a
        refusal case must see stored."""
        data = reply.data
        if isinstance(data, list) and len(data) == 1:
            data = data[0]
        return data if reply.status_code == 1000 and isinstance(data, dict) else None

    @classmethod
    def valid_base(
        cls,
        request: pytest.FixtureRequest,
        harness: Harness,
        client: OcpiClient,
        owner: str,
        suite: Suite,
    ) -> dict[str, Any]:
        """The valid object the invalid ones are made from, seen accepted: the full example
        when the Receiver takes it, else the smallest (the round trip's). An invalid object
        made from one the Receiver refuses anyway would show nothing about its own rule."""
        full = cls.owned(harness, cls.example(suite, "full"), suite)
        reply = push(harness, client, "PUT", cls.url_of(owner, full, suite), suite.module, full)
        if reply.status_code == 1000:
            return full
        request.getfixturevalue("stored")  # the smallest, accepted, or blocked by round_trip
        return cls.owned(harness, cls.example(suite, "minimal"), suite)

    @pytest.fixture(scope="class")
    @classmethod
    def invalid_sent(
        cls,
        request: pytest.FixtureRequest,
        harness: Harness,
        client: OcpiClient,
        owner: str,
        suite: Suite,
    ) -> list[Refusal]:
        """One invalid object of each kind of broken rule, each PUT on its own (a fresh id, the
        fields naming it intact), with whether a GET found it stored after."""
        base = cls.valid_base(request, harness, client, owner, suite)
        found = []
        keep = keeps_names(cls.naming_fields(suite))
        for broken in one_of_each_kind(suite.obj, base, keep, version=suite.at_version):
            body = cls.named(harness, broken.body, suite)
            url = cls.url_of(owner, body, suite)
            before = cls.held(client.get(url, module=suite.module))
            reply = push(harness, client, "PUT", url, suite.module, body)
            after = cls.held(client.get(url, module=suite.module))
            stored = after is not None and after != before
            if stored and reply.status_code != 1000:  # stored, though not said: undo it too
                harness.ledger.record(suite.module, url, body)
            what = f"PUT of a {suite.obj} with {broken.what}"
            found.append(Refusal(what, reply, stored, broken.what))
        return found

    @pytest.fixture(scope="class")
    @classmethod
    def mismatch_sent(
        cls, harness: Harness, client: OcpiClient, owner: str, suite: Suite
    ) -> Refusal:
        """A valid object PUT at the URL of another id."""
        body = cls.owned(harness, cls.example(suite, "minimal"), suite)
        url = object_url(owner, new_id("OTHER"))
        reply = push(harness, client, "PUT", url, suite.module, body)
        if reply.status_code == 1000:  # stored: under the URL's id or the body's, so undo both
            harness.ledger.record(suite.module, cls.url_of(owner, body, suite), body)
        named = body[suite.spec.identity_field(suite.obj)]
        what = f"PUT with URL id differing from body id {named}"
        return Refusal(what, reply)

    @pytest.fixture(scope="class")
    def unpatched_sent(
        self, client: OcpiClient, stored: dict[str, Any], suite: Suite
    ) -> dict[str, Any]:
        """A PATCH without last_updated of the stored object, and a GET before it."""
        first_read = client.get(stored["url"], module=suite.module)
        patch = self.patch_of(stored["body"])
        reply = client.request("PATCH", stored["url"], module=suite.module, json_body=patch)
        return {"first_read": first_read, "refusal": Refusal("PATCH without last_updated", reply)}

    # --- the cases -----------------------------------------------------------------------------

    @contract_case("round_trip", MANDATORY, "{op:PUT}")
    def test_put_round_trip(
        self, harness: Harness, client: OcpiClient, owner: str, suite: Suite
    ) -> None:
        """A {obj} PUT is stored as sent: GET returns it equal"""
        smallest = self.put_smallest(harness, client, owner, suite)
        got = stored_data(client, suite.module, smallest["url"])
        what = f"the {self.setup_fixture} {suite.obj}"
        assert_same(suite.obj, smallest["body"], got, what, suite.at_version)

        @given(self.drawn(harness, suite))
        @shrink_budget
        def round_trip(body: dict[str, Any]) -> None:
            url, what = self.put_drawn(harness, client, owner, suite, body)
            got = stored_data(client, suite.module, url)
            assert_same(suite.obj, body, got, what, suite.at_version)

        round_trip()

    # Reading: the PUT sections carry no keyword for taking a valid object ("PUT can be used to
    # send new Location objects to the eMSP"); a Receiver that refuses valid objects does not
    # offer the interface at all, so this and the round trip are mandatory, as LOC-EMSP-001 was.
    @contract_case("accepts_valid", MANDATORY, "{op:PUT}")
    def test_every_valid_object_is_accepted(
        self, harness: Harness, client: OcpiClient, owner: str, suite: Suite
    ) -> None:
        """Every valid {obj}, optional fields and boundary values included, is accepted by PUT"""

        @given(self.drawn(harness, suite))
        @shrink_budget
        def accepted(body: dict[str, Any]) -> None:
            self.put_drawn(harness, client, owner, suite, body)

        accepted()

    @contract_case("created", RECOMMENDED, f"{STC}#status_codes_status_codes")
    def test_put_new_answers_201(self, stored: dict[str, Any]) -> None:
        """PUT of a new {obj} answers HTTP 201"""
        if not stored.get("new", True):
            pytest.skip(f"the target held the object already: {stored['url']} was not new")
        assert stored["created_status"] == 201, (
            f"PUT of a new object answered HTTP {stored['created_status']}, expected 201 Created"
        )

    @contract_case("replaced", RECOMMENDED, f"{STC}#status_codes_status_codes")
    def test_put_existing_answers_200(
        self, harness: Harness, client: OcpiClient, stored: dict[str, Any], suite: Suite
    ) -> None:
        """PUT replacing a {obj} answers HTTP 200"""
        body = {**stored["body"], "last_updated": now(suite.spec)}
        reply = push(harness, client, "PUT", stored["url"], suite.module, body)
        assert_accepted(reply, f"PUT replacing a {suite.obj}")
        assert reply.status == 200, (
            f"PUT replacing a {suite.obj}: {reply.describe()}, expected HTTP 200"
        )

    @contract_case("patch_merges", MANDATORY, "{op:PATCH}")
    def test_patch_merges(
        self, harness: Harness, client: OcpiClient, stored: dict[str, Any], suite: Suite
    ) -> None:
        """A PATCH of a {obj} merges only the fields sent"""
        with blocked_by(self.case_id("round_trip")):  # GET itself is judged there
            before = stored_data(client, suite.module, stored["url"])
        patch = {**self.patch_of(before), "last_updated": now(suite.spec)}
        reply = push(harness, client, "PATCH", stored["url"], suite.module, patch)
        assert_accepted(reply, f"PATCH {suite.obj}")
        after = stored_data(client, suite.module, stored["url"])
        merged = {**before, **patch}
        assert_same(suite.obj, merged, after, f"the {suite.obj} after PATCH", suite.at_version)

    # 2.1.1 requires nothing of a PATCH ("only the fields/objects that have to be updated"):
    # nothing to refuse there.
    @contract_case("patch_without_last_updated", RECOMMENDED, "{op:PATCH}", versions=SINCE_22)
    def test_patch_without_last_updated_is_refused(
        self, client: OcpiClient, stored: dict[str, Any], unpatched_sent: dict, suite: Suite
    ) -> None:
        """A PATCH without last_updated is refused with 2001 and not applied"""
        reply = unpatched_sent["refusal"].reply
        assert_answered(reply)
        if reply.status_code != 2001:
            raise TransportViolation(
                f"PATCH without last_updated: {reply.describe()}, expected status_code 2001"
            )
        with blocked_by(self.case_id("round_trip")):  # GET itself is judged there
            before = object_of(unpatched_sent["first_read"])
            after = stored_data(client, suite.module, stored["url"])
        what = f"the {suite.obj} after the refused PATCH"
        assert_same(suite.obj, before, after, what, suite.at_version)

    @contract_case("url_body_mismatch", RECOMMENDED, f"{TAF}#transport_and_format_errors")
    def test_url_body_mismatch_is_refused(self, mismatch_sent: Refusal) -> None:
        """A PUT whose URL and body disagree on the owner or id gets 2001"""
        reply = mismatch_sent.reply
        assert_answered(reply)
        if reply.status_code != 2001:
            raise TransportViolation(
                f"{mismatch_sent.what}: {reply.describe()}, expected status_code 2001"
            )

    @contract_case("invalid_refused", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors")
    def test_invalid_is_refused(self, invalid_sent: list[Refusal], suite: Suite) -> None:
        """An invalid {obj} is refused with 2001 and not stored, whichever rule it breaks

        One invalid object of each kind of broken rule is sent on its own; the failure lists
        every kind let through, the worst first: stored anyway, then refused with another
        status_code than 2001 (the HTTP status is judged by its own case)."""
        if not invalid_sent:
            pytest.skip(f"no rule of {suite.obj} can be broken without breaking its URL")
        problem = refusal_problems(invalid_sent, f"invalid {suite.obj} objects")
        assert problem is None, problem

    # Reading: "If a request is syntactically valid JSON and addresses an existing resource, a
    # HTTP error MUST NOT be returned" (status_codes): a PUT or PATCH at the Receiver's own URL
    # structure addresses it, whether the object exists yet or not (a PUT creates it). So a
    # refusal is an OCPI answer (HTTP 200 with a 2xxx status_code), never HTTP 4xx.
    @contract_case(
        "refusals_http_200", MANDATORY, f"{STC}#status_codes_status_codes", versions=SINCE_22
    )
    def test_refusals_are_not_http_errors(
        self, request: pytest.FixtureRequest, client: OcpiClient, suite: Suite
    ) -> None:
        """Requests in valid JSON that the {obj} Receiver refuses are not answered with an HTTP
        error

        The requests are the refusal cases' own (one invalid object of each kind, a URL naming
        another id, a PATCH without last_updated); they judge the status_code, this the HTTP
        status."""
        self._assert_refused_in_ocpi(request, client, suite, MUST_NOT)

    # Reading (2.1.1): "If a request is syntactically valid JSON and addresses an existing
    # resource, no HTTP error should be returned. Those requests are supposed to have reached the
    # OCPI layer." (status_codes.md): the same reading at the level of "should"; the response
    # format's "When a request cannot be accepted, an HTTP error response code is expected"
    # concerns what does not reach the OCPI layer (no JSON, no such resource).
    @contract_case(
        "refusals_not_http_errors",
        RECOMMENDED,
        f"{STC}#status_codes_status_codes",
        versions=ONLY_211,
    )
    def test_refusals_should_not_be_http_errors(
        self, request: pytest.FixtureRequest, client: OcpiClient, suite: Suite
    ) -> None:
        """Requests in valid JSON that the {obj} Receiver refuses are answered in the OCPI layer,
        not with an HTTP error

        The requests are the refusal cases' own (one invalid object of each kind, a URL naming
        another id); they judge the status_code, this the HTTP status."""
        self._assert_refused_in_ocpi(request, client, suite, SHOULD_NOT)

    def _assert_refused_in_ocpi(
        self, request: pytest.FixtureRequest, client: OcpiClient, suite: Suite, rule: str
    ) -> None:
        """The refusal cases' answers came with HTTP 2xx (`rule` says why they must)."""
        sent: list[tuple[str, Reply]] = []
        others = {
            "invalid_refused": "invalid_sent",
            "url_body_mismatch": "mismatch_sent",
            "patch_without_last_updated": "unpatched_sent",
        }
        for key, name in others.items():
            if not self.applies(key, suite.at_version):
                continue
            try:
                found = request.getfixturevalue(name)
            except pytest.skip.Exception:
                continue  # nothing stored to start from: blocked where it was needed
            if isinstance(found, dict):
                found = [found["refusal"]]
            elif isinstance(found, Refusal):
                found = [found]
            sent += [(refusal.what, refusal.reply) for refusal in found]
        if not sent:
            pytest.skip(f"{BLOCKED}{self.case_id('round_trip')}: no request could be sent")
        client.log.claim(reply.exchange for _, reply in sent)
        problems = http_problems(sent)
        if problems:
            raise TransportViolation(
                f"{len(problems)} of {len(sent)} answers came as an HTTP error, where {rule}: "
                f"{first(problems, 3)}"
            )

    @contract_case("answers_valid", MANDATORY, f"{TAF}#transport_and_format_response_format")
    def test_every_answer_is_a_valid_envelope(
        self, harness: Harness, client: OcpiClient, endpoint: str, owner: str, suite: Suite
    ) -> None:
        """Every answer of the {obj} Receiver, to writes and reads alike, is in the response
        format: status_code, timestamp and status_message valid

        Judged over every exchange of the run with the Receiver (the other cases' included), so
        one broken envelope is one finding; the data of a GET is the round trip's to judge."""
        answered = answered_at(client.log, endpoint)
        if not writes_among(answered):
            with blocked_by(self.case_id("round_trip")):
                self.put_smallest(harness, client, owner, suite)
            answered = answered_at(client.log, endpoint)
        client.log.claim(answered)
        problems = envelope_problems(
            answered, suite.module, suite.interface, endpoint, suite.at_version
        )
        if problems:
            raise SchemaViolation(
                f"{len(problems)} of {len(answered)} answers break the response format: "
                f"{first(problems, 3)}"
            )

    # Reading: the section forbids rejecting a payload for an undocumented field name; an
    # accepted PUT is then stored as any PUT is, so the documented fields come back as sent
    # (what the Receiver does with the extra field is its own: kept or dropped, both pass).
    @contract_case("undocumented_field_accepted", MANDATORY, UNDOCUMENTED, versions=ONLY_230)
    def test_undocumented_field_is_accepted(
        self, harness: Harness, client: OcpiClient, owner: str, suite: Suite
    ) -> None:
        """A {obj} PUT carrying a field no table documents is accepted and stored"""
        body = self.owned(harness, self.example(suite, self.setup_fixture), suite)
        body[EXTENSION_FIELD] = "sent by ocpi-conformance: a field no OCPI table documents"
        what = f"PUT of a {suite.obj} with the undocumented field '{EXTENSION_FIELD}'"
        self.put_read_back(harness, client, owner, suite, body, what)

    @contract_case("unknown_404", RECOMMENDED, f"{STC}#status_codes_status_codes")
    def test_unknown_is_404(
        self, client: OcpiClient, endpoint: str, owner: str, suite: Suite
    ) -> None:
        """A GET of a {obj} never pushed gets HTTP 404"""
        reply = client.get(self.unknown_url(endpoint, owner, suite), module=suite.module)
        assert_http(reply, 404, "the answer")

    @pytest.mark.ocpi_last
    @contract_case("clean_up", MANDATORY, "{undo_spec}")
    def test_clean_up(self, client: OcpiClient, harness: Harness, suite: Suite) -> None:
        """What the harness pushed is undone at the end where OCPI allows (the clean-up)"""
        refused, left = [], []
        for written in harness.ledger.of(suite.module):
            if written.settled:
                continue  # undone already (a DELETE case)
            reply = self.undo(client, written)
            if reply is None:
                left.append(written.url)
            elif reply.status_code == 1000 or reply.status == 404:  # undone, or not there
                harness.ledger.settle(written.url)
            else:
                refused.append(f"{written.url}: {reply.describe()}")
        assert not refused, f"the target refused the clean-up of: {first(refused)}"
        if left:
            pytest.skip(f"OCPI offers no way to undo {len(left)} object(s): {first(left)}")
