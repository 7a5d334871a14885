"""The Word briefing: the writer, its body, fields, footnotes and the layout pass."""
