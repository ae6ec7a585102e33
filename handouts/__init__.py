"""make-handouts: patient-education handouts from structured content."""

__version__ = "0.1.0"

FORMATS = ("pdf", "pptx")
"""The output formats, each with its writer in build.WRITERS."""
