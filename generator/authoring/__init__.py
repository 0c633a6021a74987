"""Authoring records: lay them out, scaffold new ones, read their history."""
