"""Periods (kỳ báo cáo) across runs: the period codes users type (`calendar`), the SQLite
history of validated records per period and kind (`history`, its tables and versions in
`schema`), and longer periods built from months as each figure is carried over time
(`combine`)."""
