"""Writers of roll-ups and problems: terminal, JSON, CSV, Markdown, Excel."""
