"""The files of the OCPI 2.1.1 text (tag `2.1.1` of github.com/ocpi/ocpi, Markdown) that clauses
cite.

A clause is `FILE#anchor`, the anchor being the GitHub heading anchor of the section (the text
links them itself, e.g. `mod_locations.md#211-get-method`): cases, the registry and the models
write `f"{TAF}#..."` with these names, so a file name is spelled once.
"""

VIF = "version_information_endpoint.md"
TAF = "transport_and_format.md"
CRD = "credentials.md"
STC = "status_codes.md"
TYP = "types.md"
LOC = "mod_locations.md"
SES = "mod_sessions.md"
CDR = "mod_cdrs.md"
TAR = "mod_tariffs.md"
TOK = "mod_tokens.md"
CMD = "mod_commands.md"
