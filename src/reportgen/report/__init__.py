"""What the documents say: structure, wording, figures, narrative, chart specs, the Report."""
