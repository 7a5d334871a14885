"""CSV series: read with pandas, checked cell by cell, every bad cell located at its row."""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path, PurePath

from pydantic import ValidationError

from reportgen.dataset.fields import Period
from reportgen.dataset.located import Refused, YamlFile, read_inside
from reportgen.dataset.metrics import MAX_FIGURE
from reportgen.dataset.models import SeriesRow
from reportgen.errors import Problem, relpath

# A number as a CSV cell may hold it: no "nan", "inf", "1_000" or digits of other scripts,
# which float() would take.
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)


def read_series(folder: Path, file: YamlFile, problems: list[Problem]
                ) -> dict[str, list[SeriesRow]]:
    """Read each declared CSV series with pandas; every bad cell is reported at its row."""

    found: dict[str, list[SeriesRow]] = {}
    declared = [(i, s) for i, s in enumerate(getattr(file.model, "series", None) or [])
                if s is not None]
    if not declared:
        return found
    import pandas as pd  # deferred: only a dataset with series pays for pandas

    for i, series in declared:
        where = ("series", i, "file")
        written = PurePath(series.file)
        if (written.is_absolute() or ".." in written.parts or "\\" in series.file
                or not written.parts):
            problems.append(file.problem(where, f"CSV file '{series.file}' must be named "
                                         "relative to the dataset folder, inside it",
                                         "put the file in the dataset folder and write its name, "
                                         "without '/' at the start or '..'"))
            continue
        path = folder / written
        shown = relpath(path)
        try:
            text = read_inside(folder, path)
        except Refused as exc:
            problems.append(file.problem(where, f"CSV file '{series.file}' {exc.message}",
                                         exc.hint or "put it in the dataset folder"))
            continue
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                                skipinitialspace=True)
        except Exception as exc:  # noqa: BLE001 (any failure of the parser is the file's)
            message = (str(exc).strip().splitlines() or [type(exc).__name__])[-1]
            at = re.search(r"line (\d+)", message)
            problems.append(Problem(shown, int(at.group(1)) if at else 0, 0, "",
                                    f"not valid CSV: {message}",
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
        rows: list[SeriesRow] = []
        seen: dict[Period, tuple[int, str]] = {}
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
            else:
                # The same period however written: 2023-1 and 2023-01 are one month.
                if period in seen:
                    line, first = seen[period]
                    also = f" (as {first})" if first != cell else ""
                    problems.append(Problem(shown, number, column, series.period_column,
                                            f"period {cell} appears twice",
                                            f"first on line {line}{also}; keep one row per "
                                            "period"))
                    bad = True
                seen.setdefault(period, (number, cell))
            values = {}
            for col in series.columns:
                raw = str(record[col.name]).strip()
                column = header.index(col.name) + 1
                if not raw:
                    problems.append(Problem(shown, number, column, col.name, "missing value",
                                            "fill the cell, or remove the row"))
                    bad = True
                    continue
                value = float(raw) if NUMBER.fullmatch(raw) else None
                if value is None or not abs(value) < MAX_FIGURE:
                    problems.append(Problem(shown, number, column, col.name,
                                            f"expected a number, got {raw!r}"
                                            if value is None else
                                            f"expected a finite number below {MAX_FIGURE:g}, "
                                            f"got {raw!r}",
                                            "digits only, with a point for decimals"))
                    bad = True
                    continue
                values[col.name] = value
            if not bad:
                rows.append(SeriesRow(period=period, values=values))
        found[series.id] = rows
    return found


