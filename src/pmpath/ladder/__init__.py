"""The ladder file format: the model, the table of keys, and reading, checking
and building a ladder from YAML. Pure Python: no Typer, no Rich."""
