"""Writes on contacts and imports, one module per area."""
