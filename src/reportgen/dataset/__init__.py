"""The dataset layer: its models, loading and validation, series, scaffold."""
