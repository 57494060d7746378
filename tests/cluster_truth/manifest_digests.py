"""Reads a downloaded Secret manifest with PyYAML's pure-Python SafeLoader
(YAML 1.1: it reads a bare `yes` as true and `0123` as a number) and prints
what the file says: type, labels, annotations, which keys sit in `data` and
`stringData`, and the sha256 of each value's bytes (never the values).
`data` values are base64-decoded, `stringData` values UTF-8 encoded; a value
PyYAML does not read as a string gets its YAML type instead of a digest.

usage: python manifest_digests.py FILE
"""
import base64
import hashlib
import json
import sys

import yaml


def value_bytes(field: str, value: str) -> bytes:
    if field == "data":
        return base64.b64decode(value, validate=True)
    return value.encode("utf-8")


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        manifest = yaml.load(f, Loader=yaml.SafeLoader)
    digests = {}
    fields = {}
    for field in ("data", "stringData"):
        values = manifest.get(field) or {}
        fields[field] = sorted(str(key) for key in values)
        for key, value in values.items():
            digests[str(key)] = (
                hashlib.sha256(value_bytes(field, value)).hexdigest()
                if isinstance(value, str)
                else f"not a string: {type(value).__name__}"
            )
    meta = manifest.get("metadata") or {}
    print(json.dumps({
        "apiVersion": manifest.get("apiVersion"),
        "kind": manifest.get("kind"),
        "type": manifest.get("type"),
        "name": meta.get("name"),
        "namespace": meta.get("namespace"),
        "labels": meta.get("labels"),
        "annotations": meta.get("annotations"),
        "fields": fields,
        "digests": digests,
    }, default=repr))


if __name__ == "__main__":
    main()
