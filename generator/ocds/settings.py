"""What a publisher of the OCDS files sets: the OCID prefix, the package's address and its publisher's name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import yaml

from generator.site.mkdocs import CONFIGS, site_url_of

# OCP registers one prefix per publisher ("ocds-" and six characters); this one is NOT registered, and says so.
# Whoever publishes the data for real registers a prefix with the Open Contracting Partnership and passes it with
# `--ocid-prefix` (or DPS_OCID_PREFIX), so that its OCIDs are unique in the world.
DEFAULT_PREFIX = "ocds-unregd"
PREFIX_PATTERN = re.compile(r"ocds-[a-z0-9]{6}")
OCDS_VERSION = "1.1"  # OCDS 1.2 is not released
# The extensions the releases use, at the versions the validator is given (../shared/ocds/README.md): lots and
# bid at v1.1.5 (master of lots fails on a 1.1.5 core), techniques and party scale at master (no 1.1.5 tag).
EXTENSIONS = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_partyDetails_scale_extension/master/extension.json",
)


def check_prefix(prefix: str) -> str:
    """The prefix if it has the registered shape, else ValueError saying what it must be.

    >>> check_prefix("ocds-b5fd17")
    'ocds-b5fd17'
    >>> check_prefix("ocds-toolong1")
    Traceback (most recent call last):
    ValueError: an OCID prefix is "ocds-" and 6 lowercase letters or digits, as OCP registers them: not 'ocds-toolong1'
    """
    if not PREFIX_PATTERN.fullmatch(prefix):
        raise ValueError(
            f'an OCID prefix is "ocds-" and 6 lowercase letters or digits, as OCP registers them: not {prefix!r}'
        )
    return prefix


@cache
def site_name() -> str:
    """The site's name (mkdocs.yml), which publishes the data: the packages' publisher."""
    name: str = yaml.safe_load(CONFIGS["nb"].read_text(encoding="utf-8"))["site_name"]
    return name


@dataclass(frozen=True)
class OcdsSettings:
    prefix: str = DEFAULT_PREFIX
    # the site's root, ending in "/" (default: mkdocs.yml's): the packages' `uri` is their address below it
    site_url: str = field(default_factory=lambda: site_url_of(None))
    publisher: str = field(default_factory=site_name)

    def __post_init__(self) -> None:
        check_prefix(self.prefix)
