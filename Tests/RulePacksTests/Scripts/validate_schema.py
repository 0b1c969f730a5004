"""Validate a YAML document against a JSON Schema with the jsonschema package.

Exit 0 when valid, 1 when invalid (errors printed), 3 when jsonschema or PyYAML is missing.
YAML timestamps are kept as strings, as they are in JSON and in DutyCheck.
"""
import json
import sys

try:
    import jsonschema
    import yaml
except ImportError as missing:
    print(f"missing Python package: {missing}")
    sys.exit(3)


class StringDates(yaml.SafeLoader):
    """A safe loader that leaves YYYY-MM-DD as text."""


StringDates.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

schema_path, document_path = sys.argv[1], sys.argv[2]
with open(schema_path, encoding="utf-8") as handle:
    schema = json.load(handle)
with open(document_path, encoding="utf-8") as handle:
    document = yaml.load(handle, Loader=StringDates)

validator_class = jsonschema.validators.validator_for(schema)
validator_class.check_schema(schema)
validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
errors = sorted(validator.iter_errors(document), key=lambda error: list(error.path))
for error in errors:
    print("/".join(str(part) for part in error.path) or "(root)", ":", error.message)
sys.exit(1 if errors else 0)
