"""Pipeline stages: extract, clean, normalize, validate, link, export."""
