"""pmpath: explore a product-management career ladder from the terminal."""

__version__ = "0.1.0"
