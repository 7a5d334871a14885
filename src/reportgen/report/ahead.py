"""The outlook's sentences complete (issue 21n): an expectation with nothing after it ("The
high-speed link … is expected.") or an anniversary without its date says the year the fact looks
to ("… is expected in 2032.", "… the 75th anniversary of their diplomatic relations in 2033."),
and padding ("… even better in the future.") goes.

Which texts want their year, what is padding and where the year stands are the catalog's
(`words.outlook_undated`, `words.outlook_padding`, `sentence.outlook.dated`): after the text in
English, before it in Azerbaijani and in zh. Nothing here knows a dataset's words.
"""

from __future__ import annotations

import dataclasses
import re

from reportgen.dataset.fields import Period
from reportgen.report.views import FactView
from reportgen.report.wording import Wording, unstopped


class Ahead(Wording):
    """An outlook fact as a complete sentence."""

    def complete(self, f: FactView) -> FactView:
        """The fact with its year where its text wants one, without padding (see above)."""
        if f.kind != "outlook":
            return f
        text = unstopped(f.text)
        padding = self.t.get("words.outlook_padding", "-")
        if padding != "-":
            text = re.sub(padding, "", text)
        undated = self.t.get("words.outlook_undated", "-")
        if f.fact.year is not None and undated != "-" and re.search(undated, text) \
                and str(f.fact.year) not in text:
            period = Period.model_validate(f.fact.year)
            when = self.when(self.fmt.period(period), period)
            frame = self.t.get("sentence.outlook.dated", "{text} {when}")
            # The text runs on after the year where the language puts the year first.
            said = text if frame.startswith("{text}") else self.lower(text)
            dated = self.t("sentence.outlook.dated", text=said, when=when)
            text = dated[:1].upper() + dated[1:]
        if text == unstopped(f.text):
            return f
        return dataclasses.replace(f, text=self.stop(text))
