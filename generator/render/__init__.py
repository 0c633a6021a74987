"""Render: records arranged for pages, and the pages themselves."""
