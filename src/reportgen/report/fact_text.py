"""A fact told as a sentence: a statement, assessment, position or outlook, attributed to its
speaker or its sources where it is an opinion; a quote as a quote block.
"""

from __future__ import annotations

from reportgen.report.markup import escape
from reportgen.report.views import FactView
from reportgen.report.wording import Wording, cap, names_in, unstopped


class FactText(Wording):
    """A fact as a sentence, attributed as the briefing's voice needs."""

    def _names_speaker(self, f: FactView) -> bool:
        """Whether a fact's text already says who spoke: their surname, or "The ambassador …"
        at its opening."""
        name, role = f.speaker or "", f.speaker_role or ""
        if names_in(f.text, name):
            return True
        opening = f.text.split()[:2]
        return bool(role) and len(opening) == 2 and opening[1].lower() == role.split()[0].lower()

    def _briefing_voice(self, f: FactView) -> bool:
        """Whether a fact is the voice the briefing draws on (the occasion's only speaker), so
        that it stands without "…, X said"."""
        occasion = self.views.dataset.briefing.occasion
        if occasion is None or occasion.speakers:
            return False
        return f.fact.speaker == occasion.speaker

    def fact(self, f: FactView, again: bool = False) -> str:
        """A statement, assessment, position or outlook as a sentence; a quote as a quote block.
        An opinion is attributed: to its speaker ("…, Droupadi Murmu said."), or without one to
        the sources that carry it ("According to …, …"); a fact whose text names its speaker,
        or the occasion's own speaker's, stands as it is.

        again: the sentence before is the same speaker's ("X added that …")."""
        t = self.t
        text = escape(f.text)
        if f.kind == "quote":
            speaker = escape(f.speaker) if f.speaker else ""
            who = (t("sentence.quote.speaker", speaker=speaker, role=escape(f.speaker_role or ""))
                   if speaker else t("sentence.quote.source", source=escape(
                       self.fmt.names([s.publisher for s in f.sources]))))
            return f"> “{text}”{self.cite(f.id)} — {who}"
        said = f.kind in ("position", "outlook") or (
            f.kind in ("assessment", "statement") and not self._briefing_voice(f))
        if f.speaker and said and not self._names_speaker(f):
            return self._attributed(f, again) + self.cite(f.id)
        if f.kind == "assessment" and not f.speaker:
            sources = escape(self.fmt.names(list(dict.fromkeys(s.publisher for s in f.sources))))
            return self.stop(t("sentence.assessment.source", source=sources,
                               text=escape(unstopped(self.words.run_in(f.text))))) + self.cite(f.id)
        return text + self.cite(f.id)

    def _attributed(self, f: FactView, again: bool) -> str:
        """ "…, X said."; the same speaker's next: "X added that …" or "…, X added."."""
        t = self.t
        speaker = escape(self.person(f.speaker or "", f.speaker_role))
        if again:
            lowered = self.lower(f.text)
            if lowered != f.text:
                return cap(t("sentence.position.again", text=escape(unstopped(lowered)),
                              speaker=speaker))
            return t("sentence.position.added", text=escape(unstopped(f.text)), speaker=speaker)
        return t("sentence.position.speaker", text=escape(unstopped(f.text)), speaker=speaker)
