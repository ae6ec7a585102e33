"""make-handouts: patient-education handouts from structured content."""

from handouts.writers.table import FORMATS

__all__ = ["FORMATS", "__version__"]

__version__ = "0.1.0"
