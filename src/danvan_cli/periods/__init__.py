"""Periods (kỳ báo cáo) across runs: the period codes users type (`calendar`), longer
periods built from months as each figure is carried over time (`combine`), and the
SQLite history of validated records per period and kind (`history`), and two roll-ups
compared (`compare`)."""
