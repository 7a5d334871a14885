"""The build: load, compose, write atomically; manifest, changes, preview."""
