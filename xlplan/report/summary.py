"""``xlplan summary``: counts per area as a text table or JSON.

After the counts comes where the year stands: how many measures the latest
started follow-up round calls done, ongoing, not started or dropped, how many
it says nothing about (unclear) and how many have no text in it (missing).
An area where no round has started shows "–" (nothing to count yet, which is
not the same as every measure missing).
"""

from __future__ import annotations

import json

from ..messages import word
from ..reader import Plan
from ..status import STATUSES, latest_rounds, status_counts
from ..text import visible_text

_HEAD = {
    "sv": ("Prioriterat område", "Problem", "Orsaker", "Åtgärder", "Totalt"),
    "en": ("Priority area", "Problems", "Causes", "Measures", "Total"),
}


def summary_dict(plan: Plan) -> dict:
    """Counts per area; ``status`` (None before any follow-up) says where its measures stand, ``round`` by which column."""
    import pandas as pd
    counts = plan.counts()
    rounds, statuses = latest_rounds(plan), status_counts(plan)
    areas = [
        {"sheet": r.sheet, "area": None if pd.isna(r.area) else int(r.area), "title": r.title,
         "problems": int(r.problems), "causes": int(r.causes), "measures": int(r.measures),
         "round": rounds.get(r.sheet), "status": statuses.get(r.sheet) if r.sheet in rounds else None}
        for r in counts.itertuples(index=False)
    ]
    total = {k: sum(a[k] for a in areas) for k in ("problems", "causes", "measures")}
    total["status"] = {s: sum((a["status"] or {}).get(s, 0) for a in areas) for s in STATUSES}
    return {"file": str(plan.path) if plan.path else None, "year": plan.year, "district": plan.district,
            "areas": areas, "total": total}


def summary_json(plan: Plan) -> str:
    return json.dumps(summary_dict(plan), ensure_ascii=False, indent=2)


def summary_text(plan: Plan, lang: str = "sv") -> str:
    data = summary_dict(plan)
    head = _HEAD["en" if lang == "en" else "sv"]
    shead = [word(f"status-{s}", lang) for s in STATUSES]
    # A title is the plan's own text: its control characters (an ESC sequence) must not reach the terminal.
    label = lambda a: visible_text(f"{a['area']}. {a['title']}" if a["area"] is not None else a["title"])  # noqa: E731
    names = [label(a) for a in data["areas"]]
    width = max([len(head[0]), len(head[4]), *map(len, names)])
    nums = [len(h) for h in (*head[1:4], *shead)]
    line = lambda n, vals: n.ljust(width) + "".join(f"  {str(v).rjust(w)}" for v, w in zip(vals, nums))  # noqa: E731
    states = lambda st: [st[s] for s in STATUSES] if st else ["–"] * len(STATUSES)  # noqa: E731
    about = " ".join(str(x) for x in (data["district"], data["year"]) if x)
    out = [f"{data['file']}" + (f" ({about})" if about else ""), "", line(head[0], (*head[1:4], *shead))]
    out.append("-" * len(out[-1]))
    for n, a in zip(names, data["areas"]):
        out.append(line(n, (a["problems"], a["causes"], a["measures"], *states(a["status"]))))
    out.append("-" * len(out[2]))
    t = data["total"]
    started = any(a["status"] for a in data["areas"])
    out.append(line(head[4], (t["problems"], t["causes"], t["measures"], *states(t["status"] if started else None))))
    return "\n".join(out)
