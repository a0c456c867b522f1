"""The organisation API (``/api/v1/``): member organisations' own systems enrol their
officials and read back progress, completions and certificates, with a token scoped to
one organisation. See docs/architecture.md, "Organisation API"."""
