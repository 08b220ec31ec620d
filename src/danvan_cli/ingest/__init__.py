"""Files and sheets to raw tables, header mapping and shaped records (any kind)."""
