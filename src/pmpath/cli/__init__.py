"""The command line: the entry point and its fast path, the Typer app, and
what each command does."""
