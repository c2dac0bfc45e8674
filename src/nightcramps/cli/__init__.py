"""The command line: a root Typer app; each feature plugs in its own sub-app."""
