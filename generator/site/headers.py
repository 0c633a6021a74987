"""Security: the content security policy in every page, and the same as headers for static hosts."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)
CHARSET = '<meta charset="utf-8">'


def content_security_policy(pages: Iterable[str]) -> str:
    """The policy the site lives with: everything from itself; the theme's few inline scripts allowed by hash.

    Pagefind runs WebAssembly ('wasm-unsafe-eval'); the theme sets style attributes ('unsafe-inline' for styles only).
    """
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
            for page in pages
            for body in INLINE_SCRIPT.findall(page)
        }
    )
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def apply_policy(built: Path) -> str:
    """Put the policy into every page mkdocs built (shells included, so generated pages inherit it)."""
    pages = {p: p.read_text(encoding="utf-8") for p in built.rglob("*.html")}
    policy = content_security_policy(pages.values())
    meta = f'{CHARSET}\n      <meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">'
    for path, text in pages.items():
        path.write_text(text.replace(CHARSET, meta, 1), encoding="utf-8")
    return policy


def write_host_headers(site: Path, policy: str) -> None:
    """Security headers for static hosts that read a headers file (Netlify, Cloudflare Pages: `_headers`).

    frame-ancestors only works as a header, so it is added here and not in the pages' meta tag.
    """
    headers = {
        "Content-Security-Policy": policy + "; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    }
    lines = ["/*"] + [f"  {name}: {value}" for name, value in headers.items()]
    (site / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")
    vercel = {"headers": [{"source": "/(.*)", "headers": [{"key": k, "value": v} for k, v in headers.items()]}]}
    (site / "vercel.json").write_text(json.dumps(vercel, indent=2) + "\n", encoding="utf-8")
