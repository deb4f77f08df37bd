"""Every OCPI 2.1.1 enum with its exact values, each tagged with the section that defines it.

One file, as in 2.2.1, because modules use each other's enums (sessions and CDRs embed a
Location, commands a Token). 2.1.1 has no InterfaceRole and no Role: endpoints carry no role and
credentials name one party (version_information_endpoint.md#endpoint-class,
credentials.md#21-credentials-object).
"""

from ocpi_conformance.spec.v2_1_1.documents import CDR, CMD, LOC, SES, TAR, TOK, VIF
from ocpi_conformance.spec.v2_1_1.types import SpecEnum, spec_enum
from ocpi_conformance.spec.v2_2_1.types import OpenEnum, open_enum


@spec_enum(f"{CDR}#41-authmethod-enum")
class AuthMethod(SpecEnum):
    AUTH_REQUEST = "AUTH_REQUEST"
    WHITELIST = "WHITELIST"


@spec_enum(f"{CDR}#43-cdrdimensiontype-enum")
class CdrDimensionType(SpecEnum):
    ENERGY = "ENERGY"
    FLAT = "FLAT"
    MAX_CURRENT = "MAX_CURRENT"
    MIN_CURRENT = "MIN_CURRENT"
    PARKING_TIME = "PARKING_TIME"
    TIME = "TIME"


@spec_enum(f"{CMD}#41-commandresponsetype-enum")
class CommandResponseType(SpecEnum):
    NOT_SUPPORTED = "NOT_SUPPORTED"
    REJECTED = "REJECTED"
    ACCEPTED = "ACCEPTED"
    TIMEOUT = "TIMEOUT"
    UNKNOWN_SESSION = "UNKNOWN_SESSION"


@spec_enum(f"{CMD}#42-commandtype-enum")
class CommandType(SpecEnum):
    RESERVE_NOW = "RESERVE_NOW"
    START_SESSION = "START_SESSION"
    STOP_SESSION = "STOP_SESSION"
    UNLOCK_CONNECTOR = "UNLOCK_CONNECTOR"


@spec_enum(f"{LOC}#42-capability-enum")
class Capability(SpecEnum):
    CHARGING_PROFILE_CAPABLE = "CHARGING_PROFILE_CAPABLE"
    CREDIT_CARD_PAYABLE = "CREDIT_CARD_PAYABLE"
    REMOTE_START_STOP_CAPABLE = "REMOTE_START_STOP_CAPABLE"
    RESERVABLE = "RESERVABLE"
    RFID_READER = "RFID_READER"
    UNLOCK_CAPABLE = "UNLOCK_CAPABLE"


@spec_enum(f"{LOC}#43-connectorformat-enum")
class ConnectorFormat(SpecEnum):
    SOCKET = "SOCKET"
    CABLE = "CABLE"


@spec_enum(f"{LOC}#44-connectortype-enum")
class ConnectorType(SpecEnum):
    CHADEMO = "CHADEMO"
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
    TESLA_R = "TESLA_R"
    TESLA_S = "TESLA_S"


@spec_enum(f"{LOC}#47-energysourcecategory-enum")
class EnergySourceCategory(SpecEnum):
    NUCLEAR = "NUCLEAR"
    GENERAL_FOSSIL = "GENERAL_FOSSIL"
    COAL = "COAL"
    GAS = "GAS"
    GENERAL_GREEN = "GENERAL_GREEN"
    SOLAR = "SOLAR"
    WIND = "WIND"
    WATER = "WATER"


@spec_enum(f"{LOC}#49-environmentalimpactcategory-enum")
class EnvironmentalImpactCategory(SpecEnum):
    NUCLEAR_WASTE = "NUCLEAR_WASTE"
    CARBON_DIOXIDE = "CARBON_DIOXIDE"


@spec_enum(f"{LOC}#411-facility-enum")
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
    BUS_STOP = "BUS_STOP"
    TAXI_STAND = "TAXI_STAND"
    TRAIN_STATION = "TRAIN_STATION"
    AIRPORT = "AIRPORT"
    CARPOOL_PARKING = "CARPOOL_PARKING"
    FUEL_STATION = "FUEL_STATION"
    WIFI = "WIFI"


@spec_enum(f"{LOC}#415-imagecategory-enum")
class ImageCategory(SpecEnum):
    CHARGER = "CHARGER"
    ENTRANCE = "ENTRANCE"
    LOCATION = "LOCATION"
    NETWORK = "NETWORK"
    OPERATOR = "OPERATOR"
    OTHER = "OTHER"
    OWNER = "OWNER"


@spec_enum(f"{LOC}#416-locationtype-enum")
class LocationType(SpecEnum):
    ON_STREET = "ON_STREET"
    PARKING_GARAGE = "PARKING_GARAGE"
    UNDERGROUND_GARAGE = "UNDERGROUND_GARAGE"
    PARKING_LOT = "PARKING_LOT"
    OTHER = "OTHER"
    UNKNOWN = "UNKNOWN"


@spec_enum(f"{LOC}#417-parkingrestriction-enum")
class ParkingRestriction(SpecEnum):
    EV_ONLY = "EV_ONLY"
    PLUGGED = "PLUGGED"
    DISABLED = "DISABLED"
    CUSTOMERS = "CUSTOMERS"
    MOTORCYCLES = "MOTORCYCLES"


@spec_enum(f"{LOC}#418-powertype-enum")
class PowerType(SpecEnum):
    AC_1_PHASE = "AC_1_PHASE"
    AC_3_PHASE = "AC_3_PHASE"
    DC = "DC"


@spec_enum(f"{LOC}#420-status-enum")
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


@spec_enum(f"{SES}#41-sessionstatus-enum")
class SessionStatus(SpecEnum):
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    INVALID = "INVALID"
    PENDING = "PENDING"


@spec_enum(f"{TAR}#41-dayofweek-enum")
class DayOfWeek(SpecEnum):
    MONDAY = "MONDAY"
    TUESDAY = "TUESDAY"
    WEDNESDAY = "WEDNESDAY"
    THURSDAY = "THURSDAY"
    FRIDAY = "FRIDAY"
    SATURDAY = "SATURDAY"
    SUNDAY = "SUNDAY"


@spec_enum(f"{TAR}#44-tariffdimensiontype-enum")
class TariffDimensionType(SpecEnum):
    ENERGY = "ENERGY"
    FLAT = "FLAT"
    PARKING_TIME = "PARKING_TIME"
    TIME = "TIME"


@spec_enum(f"{TOK}#41-allowed-enum")
class Allowed(SpecEnum):
    ALLOWED = "ALLOWED"
    BLOCKED = "BLOCKED"
    EXPIRED = "EXPIRED"
    NO_CREDIT = "NO_CREDIT"
    NOT_ALLOWED = "NOT_ALLOWED"


@spec_enum(f"{TOK}#43-tokentype-enum")
class TokenType(SpecEnum):
    OTHER = "OTHER"
    RFID = "RFID"


@spec_enum(f"{TOK}#44-whitelisttype-enum")
class WhitelistType(SpecEnum):
    ALWAYS = "ALWAYS"
    ALLOWED = "ALLOWED"
    ALLOWED_OFFLINE = "ALLOWED_OFFLINE"
    NEVER = "NEVER"


@spec_enum(f"{VIF}#moduleid-enum")
class ModuleID(SpecEnum):
    cdrs = "cdrs"
    commands = "commands"
    credentials = "credentials"
    locations = "locations"
    sessions = "sessions"
    tariffs = "tariffs"
    tokens = "tokens"


# "List of known versions." The versions endpoint "lists all the available OCPI versions"
# (#version-information-endpoint): a party that also speaks 2.2.1 lists it, and a version later
# than this text cannot be among the values this text knows (the same reading as 2.2.1's).
@open_enum(f"{VIF}#versionnumber-enum", f"{VIF}#version-information-endpoint")
class VersionNumber(OpenEnum):
    V2_0 = "2.0"
    V2_1 = "2.1"
    V2_1_1 = "2.1.1"
