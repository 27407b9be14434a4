#!/usr/bin/env bash
# Installs the OASIS reference tools the interop tests run against into .venv:
# stix2-validator (schemas + the spec's MUST rules), stix2-patterns, stix2, taxii2-client.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check \
  'stix2-validator>=3.2' 'stix2-patterns>=2.0' 'stix2>=3.0' 'taxii2-client>=2.3'
.venv/bin/python -c 'import stix2validator, stix2patterns, stix2, taxii2client; print("python interop tools ready")'
