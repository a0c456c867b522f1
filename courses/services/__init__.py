"""Every write of the learning domain, one module per concern (``authoring``, …)."""
