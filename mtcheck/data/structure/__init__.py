"""Lexicons for the MT2xx broken-structure rules."""
