"""Report kinds declared as data (`declaration`), the kinds shipped with danvan, templates."""
