"""MT6xx: debris left by the page scrape (site furniture, credits, duplicated lines)."""
