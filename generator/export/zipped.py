"""A zip file (the workbook's container) written from deflated pieces, so a piece can be taken from an earlier file.

Each piece is deflated on its own and ends on a full flush (the next piece refers to nothing before it), so the
pieces of a member, one after the other, are one deflate stream, and a piece whose text is unchanged has the same
bytes in any file: the workbook's unchanged rows are copied from the previous export instead of compressed again
(generator.export.xlsx). A member's CRC-32 is its pieces' CRCs combined (`crc32_combine`, as zlib's), so a copied
piece need not be inflated. Every entry has fixed times and permissions: the same pieces, the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from typing import BinaryIO, NamedTuple

LEVEL = 6  # zlib's default, which zipfile used for the workbook before
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_VERSION = 20  # deflate (APPNOTE 4.4.3)
_MADE_BY = 3 << 8 | _VERSION  # made on Unix, so the external attributes are Unix permissions
_REGULAR_FILE = 0o100644 << 16  # rw-r--r--
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest time a zip entry can hold; 00:00:00 is 0
_LIMIT = 0xFFFFFFFF  # no zip64 here: the workbook's members are far smaller


class Piece(NamedTuple):
    """Deflated bytes, and the length and CRC-32 of the text they hold."""

    data: bytes
    size: int
    crc: int


def deflated(text: bytes, last: bool = False) -> Piece:
    """The text deflated on its own (a raw deflate stream); ending a full flush, or the stream's end if `last`."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    data = compressor.compress(text) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)
    return Piece(data, len(text), zlib.crc32(text))


# --- CRC-32 of two texts joined, from their CRCs (zlib's crc32_combine, which Python does not expose) --------------

_POLY = 0xEDB88320  # CRC-32's polynomial, bit-reversed


def _times(a: int, b: int) -> int:
    """a times b modulo the polynomial (reflected, x^0 the top bit)."""
    product, bit = 0, 1 << 31
    while a:
        if a & bit:
            product ^= b
            a ^= bit
        bit >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1
    return product


def _powers() -> list[int]:
    powers = [1 << 30]  # x^1
    for _ in range(31):
        powers.append(_times(powers[-1], powers[-1]))  # x^(2^k)
    return powers


_X_TO_2_TO = _powers()


def _x_to_8(n: int) -> int:
    """x^(8n) modulo the polynomial: what appending n zero bytes does to a CRC."""
    product, k = 1 << 31, 3
    while n:
        if n & 1:
            product = _times(_X_TO_2_TO[k % 32], product)
        n >>= 1
        k += 1
    return product


def crc32_combine(first: int, second: int, second_size: int) -> int:
    """The CRC-32 of two texts joined, from the first's CRC, the second's CRC and the second's length.

    >>> a, b = b"dynamisk ", b"innkjopsordning"
    >>> crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)
    True
    """
    return _times(_x_to_8(second_size), first) ^ second


def joined(pieces: Iterable[Piece]) -> Piece:
    """The pieces of one member as one: their bytes in order, the lengths summed and the CRCs combined."""
    data, size, crc = [], 0, 0
    for piece in pieces:
        data.append(piece.data)
        crc = crc32_combine(crc, piece.crc, piece.size)
        size += piece.size
    return Piece(b"".join(data), size, crc)


def write_zip(target: BinaryIO, members: Iterable[tuple[str, Piece]]) -> list[int]:
    """Write a zip of the members (name, deflated content) in order; return where each member's data starts."""
    central, starts, at = [], [], 0
    for name, piece in members:
        if max(piece.size, len(piece.data), at) > _LIMIT:
            raise ValueError(f"{name} is too large for a zip without zip64")
        encoded = name.encode("ascii")
        flags, method = 0, zlib.DEFLATED
        header = _LOCAL.pack(
            0x04034B50, _VERSION, flags, method, 0, _DOS_DATE, piece.crc, len(piece.data), piece.size, len(encoded), 0
        )
        target.write(header + encoded)
        starts.append(at + len(header) + len(encoded))
        target.write(piece.data)
        central.append(
            _CENTRAL.pack(
                0x02014B50,
                _MADE_BY,
                _VERSION,
                flags,
                method,
                0,
                _DOS_DATE,
                piece.crc,
                len(piece.data),
                piece.size,
                len(encoded),
                0,
                0,
                0,
                0,
                _REGULAR_FILE,
                at,
            )
            + encoded
        )
        at = starts[-1] + len(piece.data)
    directory = b"".join(central)
    target.write(directory + _END.pack(0x06054B50, 0, 0, len(central), len(central), len(directory), at, 0))
    return starts
