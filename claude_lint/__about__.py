__version__ = "0.1.0"

# Where each rule's documentation lives (SARIF helpUri, --output-format links); one anchor per code.
DOCS_URL = "https://github.com/claude-lint/claude-lint/blob/main/docs/rules.md"
# Where the published JSON Schemas of the request bodies live (their `$id`s).
SCHEMAS_URL = "https://raw.githubusercontent.com/claude-lint/claude-lint/main/schemas/"
