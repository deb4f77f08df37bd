"""What OCPI 2.2.1 asks of a Hub, as data: which modules are never routed, who a Broadcast Push
reaches, which routing headers each leg of each scenario carries, the Hub's status codes and its
"still alive" check. The sandbox hub (`party/hub/`) routes by these, and the hub suites judge a
hub by them; `CLAUSES` gives the sentence each rests on, `READINGS` what was chosen where the
text is silent (docs/levels-review.md).

2.3.0 drops HUB from its Role enum (types_role_enum): this is 2.2.1's alone.
"""

from __future__ import annotations

from ocpi_conformance.spec.v2_2_1.documents import CRD, HCI, STC, TAF

ROLE = "HUB"  # the only role a Hub reports (credentials_credentials_object)

# "Configuration Modules: Credentials, Versions and Hub Client Info are not to be routed ...
# routing headers SHALL NOT be used with these modules." Every other module is functional.
CONFIGURATION_MODULES: frozenset[str] = frozenset({"versions", "credentials", "hubclientinfo"})

# A Broadcast Push is a push: POST, PUT, PATCH ("might push (POST, PUT, PATCH)"); "GET SHALL NOT
# be used in combination with Broadcast Push". DELETE: see READINGS.
PUSH_METHODS: frozenset[str] = frozenset({"POST", "PUT", "PATCH"})
BROADCAST_METHODS: frozenset[str] = PUSH_METHODS | {"DELETE"}

# Sender role -> the roles its Broadcast Push reaches ("opposite role": "CPO pushing information
# to all eMSPs and NSPs, eMSP pushing information to all CPOs. (The role "Other" is seen as an
# eMSP type of role, so Broadcast Push from a CPO is also sent to "Other". Messages from "Other"
# are only sent to CPOs and not to eMSPs though.)"). NAP, NSP and SCSP: see READINGS.
BROADCAST_TO: dict[str, frozenset[str]] = {
    "CPO": frozenset({"EMSP", "NSP", "OTHER", "NAP", "SCSP"}),
    "EMSP": frozenset({"CPO"}),
    "OTHER": frozenset({"CPO"}),
    "NSP": frozenset({"CPO"}),
    "NAP": frozenset({"CPO"}),
    "SCSP": frozenset({"CPO"}),
}

# Who each leg names in OCPI-to-* and OCPI-from-*: "requester" (the party that sent the request
# to the hub), "receiver" (the party it reaches), "hub", None (omitted). From the tables of
# transport_and_format "Overview of required/optional routing headers for different scenarios".
Leg = tuple[str | None, str]  # (TO, FROM)
LEGS: dict[str, dict[str, Leg]] = {
    "direct": {
        "request_to_hub": ("receiver", "requester"),
        "request_to_receiver": ("receiver", "requester"),
        "response_to_hub": ("requester", "receiver"),
        "response_to_requester": ("requester", "receiver"),
    },
    "broadcast": {
        "request_to_hub": ("hub", "requester"),
        "response_to_requester": ("requester", "hub"),
        "request_to_receiver": ("receiver", "hub"),
        "response_to_hub": ("hub", "receiver"),
    },
    "open": {
        "request_to_hub": (None, "requester"),
        "request_to_receiver": ("receiver", "requester"),
        "response_to_hub": ("requester", "receiver"),
        "response_to_requester": ("requester", "receiver"),
    },
    "get_all": {
        "request_to_hub": ("hub", "requester"),
        "response_to_requester": ("requester", "hub"),
    },
}

# status_codes_4xxx_hub_errors: "For errors that a Hub encounters while routing messages".
GENERIC_ERROR = 4000
UNKNOWN_RECEIVER = 4001
FORWARD_TIMEOUT = 4002
NOT_CONNECTED = 4003

# ConnectionStatus values (mod_hub_client_info_hub_connection_type_enum) to which "requests can
# be sent": CONNECTED alone (OFFLINE: "No requests can be sent", PLANNED: "No requests can be
# sent to this new party yet", SUSPENDED: "Like with OFFLINE, no requests should be sent").
REACHABLE: frozenset[str] = frozenset({"CONNECTED"})
INVALIDATED = "SUSPENDED"  # "When the Hub invalidates a ClientInfo object ... status SUSPENDED"

# Still alive check: "When this is longer then X minutes (when unsure, start with 5 minutes)
# the Hub should send a: GET to the Version information endpoint."
STILL_ALIVE_AFTER_S = 5 * 60

CLAUSES: dict[str, tuple[str, str]] = {
    "ROLE": (
        f"{CRD}#credentials_credentials_object",
        "A Hub SHALL only reports itself as role: Hub. A Hub SHALL NOT report all the other"
        " connected parties as a role on the platform. A Hub SHALL report connected parties via"
        " the HubClientInfo module.",
    ),
    "CONFIGURATION_MODULES": (
        f"{TAF}#_message_routing_headers",
        "The requests/responses to/from Configuration Modules: Credentials, Versions and Hub"
        " Client Info are not to be routed ... Thus routing headers SHALL NOT be used with these"
        " modules.",
    ),
    "PUSH_METHODS": (
        f"{TAF}#transport_and_format_message_routing_broadcast_push",
        "connected clients might push (POST, PUT, PATCH) information to all connected clients"
        ' with an "opposite role" ... GET SHALL NOT be used in combination with Broadcast Push.',
    ),
    "BROADCAST_TO": (
        f"{TAF}#transport_and_format_message_routing_broadcast_push",
        "CPO pushing information to all eMSPs and NSPs, eMSP pushing information to all CPOs."
        ' (The role "Other" is seen as an eMSP type of role, so Broadcast Push from a CPO is'
        ' also sent to "Other". Messages from "Other" are only sent to CPOs and not to eMSPs'
        " though.)",
    ),
    "BROADCAST_OWNER": (
        f"{TAF}#transport_and_format_message_routing_broadcast_push",
        'For "Client Owned Objects", the party-id and country-code in the URL segments will'
        " still be the original party-id and country-code from the original client sending the"
        " Broadcast Push to the Hub.",
    ),
    "LEGS": (
        f"{TAF}#_overview_of_requiredoptional_routing_headers_for_different_scenarios",
        "The following section shows which headers are required/optional and which"
        " 'OCPI-to-'/'OCPI-from-' IDs need to be used.",
    ),
    "OPEN_ROUTING": (
        f"{TAF}#transport_and_format_message_routing_open_routing_request",
        "When a Hub has the intelligence to route messages based on the content of the request,"
        " or the requesting party does not know the destination of a request, the 'OCPI-to-'"
        " headers can be omitted ... The Hub can then decide to which party a request needs to"
        " be routed, or that it needs to be broadcasted if the destination cannot be"
        " determined. ... Open Routing Requests are possible for GET (Not GET ALL), POST, PUT,"
        " PATCH and DELETE.",
    ),
    "GET_ALL": (
        f"{TAF}#transport_and_format_get_all_via_hubs",
        "To request a GET All from a Hub, the client uses the party-id and country-code of the"
        " Hub in the 'OCPI-to-' headers, and calls the GET method on the Sender interface of a"
        " module. The Hub can then combine objects from different connected parties and return"
        " them to the client.",
    ),
    "LAST_UPDATED": (
        f"{TAF}#_timestamps_and_objects_send_via_hubs",
        "When OCPI Objects are sent via Hubs, the `last_updated` fields SHALL NOT be updated by"
        " the Hub.",
    ),
    "REQUEST_IDS": (
        f"{TAF}#transport_and_format_unique_messageg_ids",
        "When a Hub forwards a request to a party, the request to this party SHALL contain a new"
        " unique value in the X-Request-ID HTTP header ... When a Hub forwards a request to a"
        " party, the request SHALL contain the same X-Correlation-ID HTTP header (with the same"
        " value).",
    ),
    "ERRORS_FORWARDED": (
        f"{STC}#status_codes_4xxx_hub_errors",
        "When a server encounters an error, client side error (2xxx) or server side error"
        " (3xxx), it sends the status code to the Hub. The Hub SHALL then forward this error to"
        " the client which sent the request (when the request was not a Broadcast Push).",
    ),
    "HUB_ERRORS": (
        f"{STC}#status_codes_4xxx_hub_errors",
        "4001 Unknown receiver (TO address is unknown); 4002 Timeout on forwarded request"
        " (message is forwarded, but request times out); 4003 Connection problem (receiving"
        " party is not connected)",
    ),
    "CLIENT_INFO_PUSH": (
        f"{HCI}#mod_hub_client_info_push_model",
        "When the Hub creates a new ClientInfo object they push it to the connected parties by"
        " calling PUT ... Any changes to ClientInfo in the Hub system are send to the connected"
        " party system by calling the PUT method.",
    ),
    "CLIENT_INFO_LIST": (
        f"{HCI}#mod_hub_client_info_hub_get",
        "Get the list of known ClientInfo objects, last updated between the {date_from} and"
        " {date_to} (paginated)",
    ),
    "STILL_ALIVE_AFTER_S": (
        f"{HCI}#_still_alive_check",
        "the Hub should keep track of the time that has passed since the last message was"
        " received from a connected party. When this is longer then X minutes (when unsure,"
        " start with 5 minutes) the Hub should send a: GET to the Version information endpoint.",
    ),
    "REACHABLE": (
        f"{HCI}#mod_hub_client_info_hub_connection_type_enum",
        "CONNECTED Party is connected. OFFLINE Party is currently not connected. PLANNED"
        " Connection to this party is planned, but has never been connected. SUSPENDED Party is"
        " now longer active, will never connect anymore.",
    ),
}

# Where the text is silent, the reading this harness takes (and a hub case accepts every reading
# the text allows): docs/levels-review.md lists each.
READINGS: tuple[str, ...] = (
    "Hub errors (4000-4003) travel with HTTP 200: the request reached the hub's OCPI layer"
    " (status_codes: 'a HTTP error MUST NOT be returned'); the text gives no HTTP status for them.",
    "A push whose receiver is known but does not publish the interface addressed: 4000 (an error"
    " the hub meets while routing), not 4001 (the TO address is known).",
    "DELETE is broadcast like POST/PUT/PATCH (a Tariff DELETE withdraws what a broadcast"
    " pushed); only GET is never broadcast.",
    "NSP, NAP and SCSP are eMSP-type roles as OTHER is: their broadcasts reach CPOs, and a CPO's"
    " reaches them (where they publish the interface).",
    "A broadcast never reaches any party id of the sending platform (its registration's roles),"
    " not only the one in OCPI-from-*.",
    "A broadcast answers the sender 1000 once every receiver answered or timed out; receivers'"
    " errors are not forwarded (status_codes_4xxx_hub_errors: 'when the request was not a"
    " Broadcast Push'); with no receiver connected it is still 1000.",
    "An open routing request is routed to the owner the URL names when that is another connected"
    " party, else to the owner of the object the URL or body names (learned from broadcasts);"
    " a push with no destination so found is broadcast, FROM the requesting party (the open"
    " routing table's hub-to-receiver leg); a GET with none gets 4001.",
    "A GET addressed to the hub that is not a Sender list (GET All) is never broadcast: it is"
    " routed as an open routing request.",
    "GET All lists the objects broadcast to the hub (the text's GET All sequence diagram: pushes"
    " TO:HUB, then GET TO:HUB answered by the hub; ocpi/ocpi#508) by connected owners, in the"
    " order they first arrived, paginated by the hub with its own Link; a Sender list GET with"
    " no OCPI-to-* is served the same way.",
    "The Link and Location headers of a forwarded answer that point below the receiver's"
    " endpoint are rewritten to the hub's endpoint of the same interface (the requester holds"
    " no token for the receiver); other headers' values are relayed as they came.",
    "A response_url in a forwarded request (commands, chargingprofiles) is replaced by a hub URL"
    " that relays the result to the original one: the receiver holds no token for the"
    " requester. No other field of a forwarded body changes.",
    "A party unregistering (DELETE credentials) is invalidated: ClientInfo SUSPENDED; a party"
    " failing the still-alive check or refusing a connection is OFFLINE until it answers again;"
    " a party whose token A was handed out with its party id, before it registered, is PLANNED.",
    "ClientInfo pushes go to every connected party but the one described; a party that registers"
    " is also sent the ClientInfo of every party known before it.",
    "The HubClientInfo list holds every known ClientInfo, whatever its status (the text: 'the"
    " list of known ClientInfo objects').",
    "A request without OCPI-from-* comes from the caller's party when its registration has one;"
    " OCPI-from-* naming a party not of the caller's registration is refused with 2001.",
)
