"""A copy of a dataset whose lead figure fell and which reports a negative amount, to check how
negative figures read (the minus where CLDR puts it, "down" with the size of the fall)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

# The figures the copy adds or changes, and how the briefing must show them.
FALL = -12.5  # the lead figure's change, percent
BALANCE = -1_250_000_000  # a trade balance in USD
SHOWN = {"fall": "down 12.5%", "signed fall": "-12.5%", "balance": "-$1.25 billion"}


def make_falling(source: Path, target: Path) -> Path:
    """Copy `source` to `target`; its first key figure with a change falls by 12.5%, and a
    trade balance of -$1.25 billion is added to the same area."""
    shutil.copytree(source, target)
    path = target / "metrics.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lead = next(m for m in data["metrics"] if m.get("key") and m.get("change"))
    lead["change"] = {"value": FALL}
    data["metrics"].append({
        "id": "trade_balance", "area": lead["area"], "label": "Trade balance",
        "short_label": "Trade balance", "value": BALANCE, "unit": "USD",
        "period": lead["period"], "sources": lead["sources"]})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
