"""Every OCPI 2.3.0 enum with its exact values, each tagged with the section that defines it.

They live in one file because modules reference each other's enums in a cycle
(locations -> tokens -> sessions -> cdrs -> tariffs -> locations), Payments' and Bookings' too.

An enum whose table heading says `_OpenEnum_` is an OpenEnum (types_openenum_type): Capability,
CommandType, ConnectorCapability, ConnectorType, EnvironmentalImpactCategory, Facility,
ImageCategory, ModuleID, ParkingRestriction, ParkingType, TokenType, VehicleType and
VersionNumber. Every other stays closed. Values an extension's text adds to a core table are
marked `# + Bookings` (documents.ADDITIONS lists them with their tag).
"""

from ocpi_conformance.spec.v2_3_0.types import OpenEnum, SpecEnum, open_enum, spec_enum


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
    RESERVATION_EXPIRES = "RESERVATION_EXPIRES"  # + Bookings
    RESERVATION_OVERTIME = "RESERVATION_OVERTIME"  # + Bookings
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


@open_enum("mod_commands.asciidoc#mod_commands_commandtype_enum")
class CommandType(OpenEnum):
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


@open_enum("mod_locations.asciidoc#mod_locations_capability_enum")
class Capability(OpenEnum):
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


@open_enum("mod_locations.asciidoc#mod_locations_connectorcapability_enum")
class ConnectorCapability(OpenEnum):
    ISO_15118_2_PLUG_AND_CHARGE = "ISO_15118_2_PLUG_AND_CHARGE"
    ISO_15118_20_PLUG_AND_CHARGE = "ISO_15118_20_PLUG_AND_CHARGE"


@spec_enum("mod_locations.asciidoc#mod_locations_connectorformat_enum")
class ConnectorFormat(SpecEnum):
    SOCKET = "SOCKET"
    CABLE = "CABLE"


@open_enum("mod_locations.asciidoc#mod_locations_connectortype_enum")
class ConnectorType(OpenEnum):
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
    MCS = "MCS"
    NEMA_5_20 = "NEMA_5_20"
    NEMA_6_30 = "NEMA_6_30"
    NEMA_6_50 = "NEMA_6_50"
    NEMA_10_30 = "NEMA_10_30"
    NEMA_10_50 = "NEMA_10_50"
    NEMA_14_30 = "NEMA_14_30"
    NEMA_14_50 = "NEMA_14_50"
    PANTOGRAPH_BOTTOM_UP = "PANTOGRAPH_BOTTOM_UP"
    PANTOGRAPH_TOP_DOWN = "PANTOGRAPH_TOP_DOWN"  # its table row has no space before "|"
    SAE_J3400 = "SAE_J3400"
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


@open_enum("mod_locations.asciidoc#mod_locations_environmentalimpactcategory_enum")
class EnvironmentalImpactCategory(OpenEnum):
    NUCLEAR_WASTE = "NUCLEAR_WASTE"
    CARBON_DIOXIDE = "CARBON_DIOXIDE"


@spec_enum("mod_locations.asciidoc#mod_locations_evseposition_enum")
class EVSEPosition(SpecEnum):
    LEFT = "LEFT"
    RIGHT = "RIGHT"
    CENTER = "CENTER"


@open_enum("mod_locations.asciidoc#mod_locations_facility_enum")
class Facility(OpenEnum):
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


@open_enum("mod_locations.asciidoc#mod_locations_imagecategory_enum")
class ImageCategory(OpenEnum):
    CHARGER = "CHARGER"
    ENTRANCE = "ENTRANCE"
    LOCATION = "LOCATION"
    NETWORK = "NETWORK"
    OPERATOR = "OPERATOR"
    OTHER = "OTHER"
    OWNER = "OWNER"


@spec_enum("mod_locations.asciidoc#mod_locations_parkingdirection_enum")
class ParkingDirection(SpecEnum):
    PARALLEL = "PARALLEL"
    PERPENDICULAR = "PERPENDICULAR"
    ANGLE = "ANGLE"


@open_enum("mod_locations.asciidoc#mod_locations_parkingrestriction_enum")
class ParkingRestriction(OpenEnum):
    CUSTOMERS = "CUSTOMERS"
    DISABLED = "DISABLED"
    EMPLOYEES = "EMPLOYEES"
    EV_ONLY = "EV_ONLY"
    MOTORCYCLES = "MOTORCYCLES"
    PLUGGED = "PLUGGED"
    TAXIS = "TAXIS"
    TENANTS = "TENANTS"


@open_enum("mod_locations.asciidoc#mod_locations_parkingtype_enum")
class ParkingType(OpenEnum):
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


@open_enum("mod_locations.asciidoc#mod_locations_vehicletype_enum")
class VehicleType(OpenEnum):
    MOTORCYCLE = "MOTORCYCLE"
    PERSONAL_VEHICLE = "PERSONAL_VEHICLE"
    PERSONAL_VEHICLE_WITH_TRAILER = "PERSONAL_VEHICLE_WITH_TRAILER"
    VAN = "VAN"
    SEMI_TRACTOR = "SEMI_TRACTOR"
    RIGID = "RIGID"
    TRUCK_WITH_TRAILER = "TRUCK_WITH_TRAILER"
    BUS = "BUS"
    DISABLED = "DISABLED"


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
    RESERVATION_CANCELLATION_FEES = "RESERVATION_CANCELLATION_FEES"  # + Bookings
    RESERVATION_OVERTIME = "RESERVATION_OVERTIME"  # + Bookings


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


@spec_enum("mod_tariffs.asciidoc#mod_tariffs_taxincluded_enum")
class TaxIncluded(SpecEnum):
    YES = "YES"
    NO = "NO"
    NOT_APPLICABLE = "N/A"


@spec_enum("mod_tokens.asciidoc#mod_tokens_allowed_enum")
class AllowedType(SpecEnum):
    ALLOWED = "ALLOWED"
    BLOCKED = "BLOCKED"
    EXPIRED = "EXPIRED"
    NO_CREDIT = "NO_CREDIT"
    NOT_ALLOWED = "NOT_ALLOWED"


@open_enum("mod_tokens.asciidoc#mod_tokens_tokentype_enum")
class TokenType(OpenEnum):
    AD_HOC_USER = "AD_HOC_USER"
    APP_USER = "APP_USER"
    EMAID = "EMAID"
    LICENSE_PLATE = "LICENSE_PLATE"  # + Bookings
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


@open_enum("version_information_endpoint.asciidoc#version_information_endpoint_moduleid_enum")
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
    invoicereconciliation = "invoicereconciliation"  # its module's heading, not this table
    payments = "payments"  # + Payments: its module's heading
    Booking = "Booking"  # + Bookings: its module's heading


@open_enum("version_information_endpoint.asciidoc#version_information_endpoint_versionnumber_enum")
class VersionNumber(OpenEnum):
    V2_0 = "2.0"
    V2_1 = "2.1"
    V2_1_1 = "2.1.1"
    V2_2 = "2.2"
    V2_2_1 = "2.2.1"
    V2_3_0 = "2.3.0"


# --- Payments (mod_payments.asciidoc, tag v2.3.0-ed2-payments) ---------------------------------


@spec_enum("mod_payments.asciidoc#mod_payments_invoice_creator_enum")
class InvoiceCreator(SpecEnum):
    CPO = "CPO"
    PTP = "PTP"


@spec_enum("mod_payments.asciidoc#mod_payments_capture_status_code_enum")
class CaptureStatusCode(SpecEnum):
    SUCCESS = "SUCCESS"
    PARTIAL_SUCCESS = "PARTIAL_SUCCESS"
    FAILED = "FAILED"


# --- Bookings (mod_bookings.asciidoc, tag v2.3.0-bookings) -------------------------------------


@spec_enum("mod_bookings.asciidoc#mod_bookings_location_access_enum")
class LocationAccess(SpecEnum):
    OPEN = "OPEN"
    TOKEN = "TOKEN"
    LICENSE_PLATE = "LICENSE_PLATE"
    ACCESS_CODE = "ACCESS_CODE"
    INTERCOM = "INTERCOM"
    PARKING_TICKET = "PARKING_TICKET"


@spec_enum("mod_bookings.asciidoc#mod_bookings_reservation_status_enum")
class ReservationStatus(SpecEnum):
    PENDING = "PENDING"
    RESERVED = "RESERVED"
    CANCELED = "CANCELED"
    FAILED = "FAILED"
    NO_SHOW = "NO_SHOW"
    FULFILLED = "FULFILLED"
    REJECTED = "REJECTED"
    UNKNOWN = "UNKNOWN"


@spec_enum("mod_bookings.asciidoc#mod_bookings_request_status_enum")
class ReservationRequestStatus(SpecEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    FAILED = "FAILED"


@spec_enum("mod_bookings.asciidoc#mod_bookings_canceled_reason_enum")
class CanceledReason(SpecEnum):
    POWER_OUTAGE = "POWER_OUTAGE"
    BROKEN_CHARGER = "BROKEN_CHARGER"
    FULL = "FULL"
    BLOCKED = "BLOCKED"
    TRAFFIC = "TRAFFIC"
    BROKEN_VEHICLE = "BROKEN_VEHICLE"
    NO_CANCELED = "NO_CANCELED"
    UNKNOWN = "UNKNOWN"
