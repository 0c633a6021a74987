"""DPS transparency publisher: load → check → export → render → site."""
