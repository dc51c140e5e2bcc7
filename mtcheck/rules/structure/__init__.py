"""MT2xx: dangling fragments and broken sentence structure."""
