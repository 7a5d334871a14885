"""reportgen's version, in a module of its own: the package root, the CLI and the manifest read
it, so that the pipeline need not import the package root (which imports the pipeline)."""

__version__ = "0.1.0"
