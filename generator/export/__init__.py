"""Export: checked records become the downloads of DESIGN §3 (data package, Excel, SQLite, JSON, per-scheme cuts)."""

from generator.export.downloads import MANIFEST, export_folder, replaceable, write_downloads
from generator.export.tables import ExportError

__all__ = ["MANIFEST", "ExportError", "export_folder", "replaceable", "write_downloads"]
