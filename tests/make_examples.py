"""Write the bundled example plans in examples/ from the seed transcriptions.

    python -m tests.make_examples

The "merged" layout reproduces each real file: cells the district merged are
merged, text it typed again is typed again. A test checks the committed files
still read the same as a fresh build.
"""

from __future__ import annotations

from pathlib import Path

from tests.fixtures import write_plan
from tests.seeds import skarholmen, sodermalm

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PLANS = {"sodermalm-2025.xlsx": sodermalm, "skarholmen-2025.xlsx": skarholmen}


def build(folder: Path = EXAMPLES) -> list[Path]:
    folder.mkdir(exist_ok=True)
    out = []
    for name, seed in PLANS.items():
        # Skärholmen's filed copy holds only the five area sheets.
        full = seed is sodermalm
        out.append(write_plan(folder / name, seed, layout="merged", with_instruction_sheet=full, with_analysis=full))
    return out


if __name__ == "__main__":
    for path in build():
        print(f"Skrev {path}")
