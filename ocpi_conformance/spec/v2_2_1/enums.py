"""Every OCPI 2.2.1 enum with its exact values, each tagged with the section that defines it.

They live in one file because modules reference each other's enums in a cycle
(locations -> tokens -> sessions -> cdrs -> tariffs -> locations).

Two are open (OpenEnum), because a sentence of the text opens them: ModuleID ("can be extended
with additional custom moduleIDs") and VersionNumber ("List of known versions", in a versions
list that "lists all the available OCPI versions"). No other 2.2.1 enum is called extendable;
they stay closed (docs/levels-review.md, "Readings of issue #21").
"""

from ocpi_conformance.spec.v2_2_1.types import OpenEnum, SpecEnum, open_enum, spec_enum


@spec_enum("mod_cdrs.asciidoc#mod_cdrs_authmethod_enum")
class AuthMethod(SpecEnum):
    AUTH_REQUEST = "AUTH_REQUEST"
    COMMAND = "COMMAND"
    WHITELIST = "WHITELIST"


@spec_enum("mod_cdrs.asciidoc#mod_cdrs_cdrdimensiontype_enum")
class CdrDimensionType(SpecEnum):
    CURRENT = "CURRENT"
    ENERGY = "ENERGY"
    ENERGY_EXPORT = "ENERGY_EXPORT"
    ENERGY_IMPORT = "ENERGY_IMPORT"
    MAX_CURRENT = "MAX_CURRENT"
    MIN_CURRENT = "MIN_CURRENT"
    MAX_POWER = "MAX_POWER"
    MIN_POWER = "MIN_POWER"
    PARKING_TIME = "PARKING_TIME"
    POWER = "POWER"
    RESERVATION_TIME = "RESERVATION_TIME"
    STATE_OF_CHARGE = "STATE_OF_CHARGE"
    TIME = "TIME"


@spec_enum("mod_charging_profiles.asciidoc#mod_charging_profiles_responsetype_enum")
class ChargingProfileResponseType(SpecEnum):
    ACCEPTED = "ACCEPTED"
    NOT_SUPPORTED = "NOT_SUPPORTED"
    REJECTED = "REJECTED"
    TOO_OFTEN = "TOO_OFTEN"
    UNKNOWN_SESSION = "UNKNOWN_SESSION"


@spec_enum("mod_charging_profiles.asciidoc#mod_charging_profiles_resulttype_enum")
class ChargingProfileResultType(SpecEnum):
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    UNKNOWN = "UNKNOWN"


@spec_enum("mod_charging_profiles.asciidoc#mod_charging_profiles_chargingrateunit")
class ChargingRateUnit(SpecEnum):
    W = "W"
    A = "A"


@spec_enum("mod_commands.asciidoc#mod_commands_commandresponsetype_enum")
class CommandResponseType(SpecEnum):
    NOT_SUPPORTED = "NOT_SUPPORTED"
    REJECTED = "REJECTED"
    ACCEPTED = "ACCEPTED"
    UNKNOWN_SESSION = "UNKNOWN_SESSION"


@spec_enum("mod_commands.asciidoc#mod_commands_commandresulttype_enum")
class CommandResultType(SpecEnum):
    ACCEPTED = "ACCEPTED"
    CANCELED_RESERVATION = "CANCELED_RESERVATION"
    EVSE_OCCUPIED = "EVSE_OCCUPIED"
    EVSE_INOPERATIVE = "EVSE_INOPERATIVE"
    FAILED = "FAILED"
    NOT_SUPPORTED = "NOT_SUPPORTED"
    REJECTED = "REJECTED"
    TIMEOUT = "TIMEOUT"
    UNKNOWN_RESERVATION = "UNKNOWN_RESERVATION"


@spec_enum("mod_commands.asciidoc#mod_commands_commandtype_enum")
class CommandType(SpecEnum):
    CANCEL_RESERVATION = "CANCEL_RESERVATION"
    RESERVE_NOW = "RESERVE_NOW"
    START_SESSION = "START_SESSION"
    STOP_SESSION = "STOP_SESSION"
    UNLOCK_CONNECTOR = "UNLOCK_CONNECTOR"


@spec_enum("mod_hub_client_info.asciidoc#mod_hub_client_info_hub_connection_type_enum")
class ConnectionStatus(SpecEnum):
    CONNECTED = "CONNECTED"
    OFFLINE = "OFFLINE"
    PLANNED = "PLANNED"
    SUSPENDED = "SUSPENDED"


@spec_enum("mod_locations.asciidoc#mod_locations_capability_enum")
class Capability(SpecEnum):
    CHARGING_PROFILE_CAPABLE = "CHARGING_PROFILE_CAPABLE"
    CHARGING_PREFERENCES_CAPABLE = "CHARGING_PREFERENCES_CAPABLE"
    CHIP_CARD_SUPPORT = "CHIP_CARD_SUPPORT"
    CONTACTLESS_CARD_SUPPORT = "CONTACTLESS_CARD_SUPPORT"
    CREDIT_CARD_PAYABLE = "CREDIT_CARD_PAYABLE"
    DEBIT_CARD_PAYABLE = "DEBIT_CARD_PAYABLE"
    PED_TERMINAL = "PED_TERMINAL"
    REMOTE_START_STOP_CAPABLE = "REMOTE_START_STOP_CAPABLE"
    RESERVABLE = "RESERVABLE"
    RFID_READER = "RFID_READER"
    START_SESSION_CONNECTOR_REQUIRED = "START_SESSION_CONNECTOR_REQUIRED"
    TOKEN_GROUP_CAPABLE = "TOKEN_GROUP_CAPABLE"
    UNLOCK_CAPABLE = "UNLOCK_CAPABLE"


@spec_enum("mod_locations.asciidoc#mod_locations_connectorformat_enum")
class ConnectorFormat(SpecEnum):
    SOCKET = "SOCKET"
    CABLE = "CABLE"


@spec_enum("mod_locations.asciidoc#mod_locations_connectortype_enum")
class ConnectorType(SpecEnum):
    CHADEMO = "CHADEMO"
    CHAOJI = "CHAOJI"
    DOMESTIC_A = "DOMESTIC_A"
    DOMESTIC_B = "DOMESTIC_B"
    DOMESTIC_C = "DOMESTIC_C"
    DOMESTIC_D = "DOMESTIC_D"
    DOMESTIC_E = "DOMESTIC_E"
    DOMESTIC_F = "DOMESTIC_F"
    DOMESTIC_G = "DOMESTIC_G"
    DOMESTIC_H = "DOMESTIC_H"
    DOMESTIC_I = "DOMESTIC_I"
    DOMESTIC_J = "DOMESTIC_J"
    DOMESTIC_K = "DOMESTIC_K"
    DOMESTIC_L = "DOMESTIC_L"
    DOMESTIC_M = "DOMESTIC_M"
    DOMESTIC_N = "DOMESTIC_N"
    DOMESTIC_O = "DOMESTIC_O"
    GBT_AC = "GBT_AC"
    GBT_DC = "GBT_DC"
    IEC_60309_2_single_16 = "IEC_60309_2_single_16"
    IEC_60309_2_three_16 = "IEC_60309_2_three_16"
    IEC_60309_2_three_32 = "IEC_60309_2_three_32"
    IEC_60309_2_three_64 = "IEC_60309_2_three_64"
    IEC_62196_T1 = "IEC_62196_T1"
    IEC_62196_T1_COMBO = "IEC_62196_T1_COMBO"
    IEC_62196_T2 = "IEC_62196_T2"
    IEC_62196_T2_COMBO = "IEC_62196_T2_COMBO"
    IEC_62196_T3A = "IEC_62196_T3A"
    IEC_62196_T3C = "IEC_62196_T3C"
    NEMA_5_20 = "NEMA_5_20"
    NEMA_6_30 = "NEMA_6_30"
    NEMA_6_50 = "NEMA_6_50"
    NEMA_10_30 = "NEMA_10_30"
    NEMA_10_50 = "NEMA_10_50"
    NEMA_14_30 = "NEMA_14_30"
    NEMA_14_50 = "NEMA_14_50"
    PANTOGRAPH_BOTTOM_UP = "PANTOGRAPH_BOTTOM_UP"
    PANTOGRAPH_TOP_DOWN = "PANTOGRAPH_TOP_DOWN"  # its table row has no space before "|"
    TESLA_R = "TESLA_R"
    TESLA_S = "TESLA_S"


@spec_enum("mod_locations.asciidoc#mod_locations_energysourcecategory_enum")
class EnergySourceCategory(SpecEnum):
    NUCLEAR = "NUCLEAR"
    GENERAL_FOSSIL = "GENERAL_FOSSIL"
    COAL = "COAL"
    GAS = "GAS"
    GENERAL_GREEN = "GENERAL_GREEN"
    SOLAR = "SOLAR"
    WIND = "WIND"
    WATER = "WATER"


@spec_enum("mod_locations.asciidoc#mod_locations_environmentalimpactcategory_enum")
class EnvironmentalImpactCategory(SpecEnum):
    NUCLEAR_WASTE = "NUCLEAR_WASTE"
    CARBON_DIOXIDE = "CARBON_DIOXIDE"


@spec_enum("mod_locations.asciidoc#mod_locations_facility_enum")
class Facility(SpecEnum):
    HOTEL = "HOTEL"
    RESTAURANT = "RESTAURANT"
    CAFE = "CAFE"
    MALL = "MALL"
    SUPERMARKET = "SUPERMARKET"
    SPORT = "SPORT"
    RECREATION_AREA = "RECREATION_AREA"
    NATURE = "NATURE"
    MUSEUM = "MUSEUM"
    BIKE_SHARING = "BIKE_SHARING"
    BUS_STOP = "BUS_STOP"
    TAXI_STAND = "TAXI_STAND"
    TRAM_STOP = "TRAM_STOP"
    METRO_STATION = "METRO_STATION"
    TRAIN_STATION = "TRAIN_STATION"
    AIRPORT = "AIRPORT"
    PARKING_LOT = "PARKING_LOT"
    CARPOOL_PARKING = "CARPOOL_PARKING"
    FUEL_STATION = "FUEL_STATION"
    WIFI = "WIFI"


@spec_enum("mod_locations.asciidoc#mod_locations_imagecategory_enum")
class ImageCategory(SpecEnum):
    CHARGER = "CHARGER"
    ENTRANCE = "ENTRANCE"
    LOCATION = "LOCATION"
    NETWORK = "NETWORK"
    OPERATOR = "OPERATOR"
    OTHER = "OTHER"
    OWNER = "OWNER"


@spec_enum("mod_locations.asciidoc#mod_locations_parkingrestriction_enum")
class ParkingRestriction(SpecEnum):
    EV_ONLY = "EV_ONLY"
    PLUGGED = "PLUGGED"
    DISABLED = "DISABLED"
    CUSTOMERS = "CUSTOMERS"
    MOTORCYCLES = "MOTORCYCLES"


@spec_enum("mod_locations.asciidoc#mod_locations_parkingtype_enum")
class ParkingType(SpecEnum):
    ALONG_MOTORWAY = "ALONG_MOTORWAY"
    PARKING_GARAGE = "PARKING_GARAGE"
    PARKING_LOT = "PARKING_LOT"
    ON_DRIVEWAY = "ON_DRIVEWAY"
    ON_STREET = "ON_STREET"
    UNDERGROUND_GARAGE = "UNDERGROUND_GARAGE"


@spec_enum("mod_locations.asciidoc#mod_locations_powertype_enum")
class PowerType(SpecEnum):
    AC_1_PHASE = "AC_1_PHASE"
    AC_2_PHASE = "AC_2_PHASE"
    AC_2_PHASE_SPLIT = "AC_2_PHASE_SPLIT"
    AC_3_PHASE = "AC_3_PHASE"
    DC = "DC"


@spec_enum("mod_locations.asciidoc#mod_locations_status_enum")
class Status(SpecEnum):
    AVAILABLE = "AVAILABLE"
    BLOCKED = "BLOCKED"
    CHARGING = "CHARGING"
    INOPERATIVE = "INOPERATIVE"
    OUTOFORDER = "OUTOFORDER"
    PLANNED = "PLANNED"
    REMOVED = "REMOVED"
    RESERVED = "RESERVED"
    UNKNOWN = "UNKNOWN"


@spec_enum("mod_sessions.asciidoc#mod_sessions_charging_preferences_response_enum")
class ChargingPreferencesResponse(SpecEnum):
    ACCEPTED = "ACCEPTED"
    DEPARTURE_REQUIRED = "DEPARTURE_REQUIRED"
    ENERGY_NEED_REQUIRED = "ENERGY_NEED_REQUIRED"
    NOT_POSSIBLE = "NOT_POSSIBLE"
    PROFILE_TYPE_NOT_SUPPORTED = "PROFILE_TYPE_NOT_SUPPORTED"


@spec_enum("mod_sessions.asciidoc#mod_sessions_profile_type_enum")
class ProfileType(SpecEnum):
    CHEAP = "CHEAP"
    FAST = "FAST"
    GREEN = "GREEN"
    REGULAR = "REGULAR"


@spec_enum("mod_sessions.asciidoc#mod_sessions_sessionstatus_enum")
class SessionStatus(SpecEnum):
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    INVALID = "INVALID"
    PENDING = "PENDING"
    RESERVATION = "RESERVATION"


@spec_enum("mod_tariffs.asciidoc#mod_tariffs_dayofweek_enum")
class DayOfWeek(SpecEnum):
    MONDAY = "MONDAY"
    TUESDAY = "TUESDAY"
    WEDNESDAY = "WEDNESDAY"
    THURSDAY = "THURSDAY"
    FRIDAY = "FRIDAY"
    SATURDAY = "SATURDAY"
    SUNDAY = "SUNDAY"


@spec_enum("mod_tariffs.asciidoc#mod_tariffs_reservation_restriction_type")
class ReservationRestrictionType(SpecEnum):
    RESERVATION = "RESERVATION"
    RESERVATION_EXPIRES = "RESERVATION_EXPIRES"


@spec_enum("mod_tariffs.asciidoc#mod_tariffs_tariffdimensiontype_enum")
class TariffDimensionType(SpecEnum):
    ENERGY = "ENERGY"
    FLAT = "FLAT"
    PARKING_TIME = "PARKING_TIME"
    TIME = "TIME"


@spec_enum("mod_tariffs.asciidoc#mod_tariffs_tariff_type")
class TariffType(SpecEnum):
    AD_HOC_PAYMENT = "AD_HOC_PAYMENT"
    PROFILE_CHEAP = "PROFILE_CHEAP"
    PROFILE_FAST = "PROFILE_FAST"
    PROFILE_GREEN = "PROFILE_GREEN"
    REGULAR = "REGULAR"


@spec_enum("mod_tokens.asciidoc#mod_tokens_allowed_enum")
class AllowedType(SpecEnum):
    ALLOWED = "ALLOWED"
    BLOCKED = "BLOCKED"
    EXPIRED = "EXPIRED"
    NO_CREDIT = "NO_CREDIT"
    NOT_ALLOWED = "NOT_ALLOWED"


@spec_enum("mod_tokens.asciidoc#mod_tokens_tokentype_enum")
class TokenType(SpecEnum):
    AD_HOC_USER = "AD_HOC_USER"
    APP_USER = "APP_USER"
    OTHER = "OTHER"
    RFID = "RFID"


@spec_enum("mod_tokens.asciidoc#mod_tokens_whitelisttype_enum")
class WhitelistType(SpecEnum):
    ALWAYS = "ALWAYS"
    ALLOWED = "ALLOWED"
    ALLOWED_OFFLINE = "ALLOWED_OFFLINE"
    NEVER = "NEVER"


@spec_enum("version_information_endpoint.asciidoc#version_information_endpoint_interface_role_enum")
class InterfaceRole(SpecEnum):
    SENDER = "SENDER"
    RECEIVER = "RECEIVER"


_VIF = "version_information_endpoint.asciidoc"


# "Parties are allowed to create custom modules or customized versions of the existing modules.
# To do so, the ModuleID enum can be extended with additional custom moduleIDs."
# Whether a custom module may be sent to this party is an agreement between parties, not a rule
# of the schema: it is for VER-ANY-004 to report (as information), not for the schema to refuse.
@open_enum(
    f"{_VIF}#version_information_endpoint_moduleid_enum",
    f"{_VIF}#version_information_endpoint_custom_modules",
)
class ModuleID(OpenEnum):
    cdrs = "cdrs"
    chargingprofiles = "chargingprofiles"
    commands = "commands"
    credentials = "credentials"
    hubclientinfo = "hubclientinfo"
    locations = "locations"
    sessions = "sessions"
    tariffs = "tariffs"
    tokens = "tokens"


# "List of known versions." A versions endpoint "lists all the available OCPI versions"
# (version_information_endpoint_version_information_endpoint): a party that also speaks 2.3.0
# lists it, and a version later than this text cannot be among the values this text knows.
@open_enum(
    f"{_VIF}#version_information_endpoint_versionnumber_enum",
    f"{_VIF}#version_information_endpoint_version_information_endpoint",
)
class VersionNumber(OpenEnum):
    V2_0 = "2.0"
    V2_1 = "2.1"
    V2_1_1 = "2.1.1"
    V2_2 = "2.2"
    V2_2_1 = "2.2.1"
