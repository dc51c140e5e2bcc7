"""MT3xx: attribution calques (present perfect, trailing relatives, inverted present, reportative conditional)."""
