"""make-handouts: patient-education handouts from structured content."""

__version__ = "0.1.0"
