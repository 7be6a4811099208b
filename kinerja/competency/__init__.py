"""Competency dictionary, required levels per position, employees' current levels and gaps."""
