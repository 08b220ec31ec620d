"""The command line: the Typer app, one module per command's running, start-up."""
