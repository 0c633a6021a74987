"""Export: checked records become the downloads of DESIGN §3 (data package, Excel, SQLite, JSON, per-scheme cuts)."""

from .downloads import MANIFEST, export_folder, replaceable, write_downloads
from .tables import ExportError

__all__ = ["MANIFEST", "ExportError", "export_folder", "replaceable", "write_downloads"]
