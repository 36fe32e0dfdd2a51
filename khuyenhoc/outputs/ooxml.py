"""The zip of an Office Open XML file (.docx, .xlsx), written so that the same content gives the
same bytes: fixed times and modes for every part, and fixed dates in the document's properties."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date


def zip_parts(parts: list[tuple[str, bytes]], onto: bytes = b"") -> bytes:
    """An Office file from its parts, with fixed times and modes in the zip: byte-identical output.
    ``onto``: a zip of other parts, compressed already, that these are added to (zipfile's
    append mode keeps their compressed bytes as they are)."""
    out = io.BytesIO(onto)
    with zipfile.ZipFile(out, "a" if onto else "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    return out.getvalue()


def unzip(data: bytes) -> list[tuple[str, bytes]]:
    """The parts of an Office file, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return [(info.filename, src.read(info.filename)) for info in src.infolist()]


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def fixed_dates(core: bytes, when: date) -> bytes:
    """``docProps/core.xml`` with its created and modified dates set to ``when`` (a library that
    stamps the time of saving would make every file differ)."""
    return _STAMP.sub(rb"\g<1>" + f"{when.isoformat()}T00:00:00Z".encode() + rb"\g<2>", core)
