"""danvan: roll up Dân vận membership and community-model spreadsheets level by level."""

__version__ = "0.1.0"
