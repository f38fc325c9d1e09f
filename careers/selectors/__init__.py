"""Reads across relations for the careers pages, one module per purpose: data sources and
growth bands, occupations, search, roles, compare."""
