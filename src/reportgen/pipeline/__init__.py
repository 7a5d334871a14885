"""The build: load, gather, write atomically; manifest, changes, preview."""
