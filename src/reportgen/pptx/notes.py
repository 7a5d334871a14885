"""Speaker notes: talking points, the figures with their periods, then the sources cited.

Plain text built from the Report; no PowerPoint code, so it can be tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.report.markup import Block, Run
from reportgen.report.tree import Report, ReportSection


class SpeakerNotes:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.labels = report.labels

    def occasion(self) -> list[Run]:
        return [Run(self.report.cover.occasion), Run(cite="occasion")]

    def section(self, part: ReportSection) -> str:
        return self.text([b.runs if b.kind != "bullet" else [Run("– "), *b.runs]
                          for b in part.section.blocks], figures=part.metric_notes)

    def divider(self, part: ReportSection) -> str:
        headline = part.section.headline
        return self.text(([[Run(headline)]] if headline else [])
                         + [b.runs for b in part.section.takeaways])

    def timeline(self) -> str:
        events = [[Run(" — ".join(plain(cell) for cell in row if plain(cell))),
                   *(r for cell in row for r in cell if r.cite)]
                  for row in self.report.timeline.rows]
        return self.text([], figures=events, figures_label="deck.notes_events")

    def text(self, talking: list[list[Run]], figures: Iterable[list[Run]] = (),
             figures_label: str = "deck.notes_figures") -> str:
        figures = list(figures)
        cited = [r.cite for runs in (*talking, *figures) for r in runs if r.cite]
        numbers = sorted({n for c in cited for n in self.report.citations.get(c, [])})
        parts: list[str] = []
        if talking:
            parts += [self.labels["deck.notes_talking_points"],
                      *(self.with_citations(runs) for runs in talking)]
        if figures:
            parts += ["", self.labels[figures_label],
                      *("– " + self.with_citations(runs) for runs in figures)]
        if numbers:
            parts += ["", self.labels["deck.notes_sources"],
                      *(f"[{n}] {self.report.sources[n - 1]}" for n in numbers)]
        return "\n".join(parts).strip()

    def with_citations(self, runs: list[Run]) -> str:
        text = ""
        for run in runs:
            if run.cite:
                numbers = self.report.citations.get(run.cite, [])
                text += "[" + ",".join(str(n) for n in numbers) + "]" if numbers else ""
            else:
                text += run.text
        return text.strip()


def plain(runs: list[Run] | Block) -> str:
    items = runs.runs if isinstance(runs, Block) else runs
    return "".join(r.text for r in items).strip()
