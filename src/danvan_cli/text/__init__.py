"""Text as read and as written: normalising, numbers, legacy encodings, collation."""
