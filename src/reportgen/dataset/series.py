"""CSV series: read with pandas, checked cell by cell, every bad cell located at its row."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from reportgen.dataset.located import YamlFile
from reportgen.dataset.models import (
    Period,
    SeriesRow,
)
from reportgen.errors import Problem, relpath


def read_series(folder: Path, file: YamlFile, problems: list[Problem]) -> dict[str, list[Any]]:
    """Read each declared CSV series with pandas; every bad cell is reported at its row."""

    found: dict[str, list[Any]] = {}
    declared = [(i, s) for i, s in enumerate(getattr(file.model, "series", None) or [])
                if s is not None]
    if not declared:
        return found
    import pandas as pd

    for i, series in declared:
        path = folder / series.file
        shown = relpath(path)
        if not path.is_file():
            problems.append(file.problem(("series", i, "file"), f"CSV file '{series.file}' not "
                                         "found", "put it in the dataset folder"))
            continue
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8",
                                skipinitialspace=True)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            text = str(exc).strip().splitlines()[-1]
            where = re.search(r"line (\d+)", text)
            problems.append(Problem(shown, int(where.group(1)) if where else 0, 0, "",
                                    f"not valid CSV: {text}",
                                    "every row needs as many cells as the header, in UTF-8"))
            continue
        header = [str(c) for c in frame.columns]
        wanted = [series.period_column, *(c.name for c in series.columns)]
        for name in wanted:
            if name not in header:
                close = difflib.get_close_matches(name, header, n=1)
                problems.append(Problem(shown, 1, 1, f"column '{name}'", "declared in "
                                        "series.yaml but missing from the header",
                                        f"did you mean '{close[0]}'?" if close
                                        else "header: " + ", ".join(header)))
        for name in header:
            if name not in wanted:
                problems.append(Problem(shown, 1, header.index(name) + 1, f"column '{name}'",
                                        "not declared in series.yaml",
                                        "declare it under columns, or remove it"))
        if any(name not in header for name in wanted):
            continue
        rows: list[Any] = []
        seen: dict[str, int] = {}
        for number, record in enumerate(frame.to_dict("records"), start=2):
            cell = str(record[series.period_column]).strip()
            column = header.index(series.period_column) + 1
            bad = False
            try:
                period = Period.model_validate(cell)
            except ValidationError:
                problems.append(Problem(shown, number, column, series.period_column,
                                        f"'{cell}' is not a period",
                                        "write YYYY, YYYY-MM or YYYY-MM/YYYY-MM"))
                bad = True
            if cell in seen:
                problems.append(Problem(shown, number, column, series.period_column,
                                        f"period {cell} appears twice",
                                        f"first on line {seen[cell]}; keep one row per period"))
                bad = True
            seen.setdefault(cell, number)
            values = {}
            for col in series.columns:
                raw = str(record[col.name]).strip()
                column = header.index(col.name) + 1
                if not raw:
                    problems.append(Problem(shown, number, column, col.name, "missing value",
                                            "fill the cell, or remove the row"))
                    bad = True
                    continue
                try:
                    values[col.name] = float(raw)
                except ValueError:
                    problems.append(Problem(shown, number, column, col.name,
                                            f"expected a number, got {raw!r}",
                                            "digits only, with a point for decimals"))
                    bad = True
            if not bad:
                rows.append(SeriesRow(period=period, values=values))
        found[series.id] = rows
    return found


