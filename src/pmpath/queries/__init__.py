"""Questions asked of a built ladder: names, routes, comparisons, search, gaps.
Each returns frozen dataclasses. Pure Python: no I/O, no Typer, no Rich."""
