"""The speed machinery of reading: early decoding, the two-process split, extents."""
