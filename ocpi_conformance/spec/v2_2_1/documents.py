"""The files of the OCPI 2.2.1 text (tag `2.2.1` of github.com/ocpi/ocpi) that clauses cite.

A clause is `FILE#anchor`: cases, the registry and the models write `f"{TAF}#..."` with these
names, so a file name is spelled once.
"""

VIF = "version_information_endpoint.asciidoc"
TAF = "transport_and_format.asciidoc"
CRD = "credentials.asciidoc"
STC = "status_codes.asciidoc"
TYP = "types.asciidoc"
LOC = "mod_locations.asciidoc"
SES = "mod_sessions.asciidoc"
CDR = "mod_cdrs.asciidoc"
TAR = "mod_tariffs.asciidoc"
TOK = "mod_tokens.asciidoc"
CMD = "mod_commands.asciidoc"
CPR = "mod_charging_profiles.asciidoc"
HCI = "mod_hub_client_info.asciidoc"
