"""The PowerPoint deck: the writer and its native charts."""
