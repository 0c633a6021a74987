"""Moved to generator.render.indicator_charts (a view of the indicators); this name stays for tests/test_indicators."""

from generator.render.indicator_charts import Figure, page_charts

__all__ = ["Figure", "page_charts"]
