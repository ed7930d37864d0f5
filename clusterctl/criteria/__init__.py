"""Criteria packs: each recognition standard as versioned data (TOML files in ``packs/``)."""
