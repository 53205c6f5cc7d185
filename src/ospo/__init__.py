"""ospo: the software of a government Open-Source Program Office."""

__version__ = "0.1.0"
