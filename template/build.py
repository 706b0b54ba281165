"""Rebuild template/atgardsplan.xlsx from template/structure.toml.

Run after editing structure.toml:  python template/build.py
"""

from pathlib import Path

from xlplan.build import build_template

if __name__ == "__main__":
    out = build_template(Path(__file__).with_name("atgardsplan.xlsx"))
    print(f"Skrev {out}")
