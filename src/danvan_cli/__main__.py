"""`python -m danvan_cli` runs the command-line interface."""

from danvan_cli.cli.launch import main

main()
