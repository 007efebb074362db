"""Audit cycles: a new audit after the first, the comparison of two cycles, the sector benchmark."""
