"""MT0xx: diagnostics about mtcheck's own input and comments, not about the copy."""
