"""Writes that span several models, one module per area."""
