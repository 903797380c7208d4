#!/usr/bin/env python3
"""Write schema/extraction.schema.json from the record models; tests/test_contract.py checks it is current.

Usage: python scripts/write_schema.py   (run after changing communique/model.py, and commit the result)
"""

from __future__ import annotations

import json
from pathlib import Path

from communique.model import extraction_schema

TARGET = Path(__file__).resolve().parent.parent / "schema" / "extraction.schema.json"

if __name__ == "__main__":
    TARGET.write_text(json.dumps(extraction_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")
