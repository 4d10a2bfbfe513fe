"""ZIP containers (EPUB, Word) read with limits, so that a small upload cannot unpack into
gigabytes or thousands of files."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from reader.importers.base import ImportRefused

MAX_ENTRIES = 2000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# Parsing XML from an upload: no entities, no DTD, no network, no huge trees.
SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
)


class LimitedZip:
    def __init__(self, data: bytes, *, kind: str) -> None:
        self.kind = kind
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError, EOFError):
            raise ImportRefused(
                f"The {kind} file is damaged (not a readable ZIP archive): "
                "save or export it again and retry."
            ) from None
        if len(infos) > MAX_ENTRIES:
            raise ImportRefused(
                f"The {kind} file holds {len(infos)} files; at most {MAX_ENTRIES} are read."
            )
        unpacked = sum(info.file_size for info in infos)
        if unpacked > MAX_UNPACKED_BYTES:
            raise ImportRefused(
                f"The {kind} file unpacks to {unpacked // 1_048_576} MB; "
                f"at most {MAX_UNPACKED_BYTES // 1_048_576} MB are read."
            )
        if any(info.flag_bits & 0x1 for info in infos):
            raise ImportRefused(
                f"The {kind} file is encrypted: remove the password or DRM and retry."
            )
        self.names = {info.filename for info in infos}

    def read(self, name: str) -> bytes:
        try:
            # The declared sizes were checked above, and zipfile reads no more than those.
            return self.zip.read(name)
        except KeyError:
            raise ImportRefused(
                f"The {self.kind} file is damaged: it lacks {name}. Save or export it again."
            ) from None
        except (zipfile.BadZipFile, ValueError, EOFError, OSError) as error:
            raise ImportRefused(
                f"The {self.kind} file is damaged ({name}: {error}). Save or export it again."
            ) from None

    def xml(self, name: str) -> etree._Element:
        try:
            return etree.fromstring(self.read(name), SAFE_XML)
        except etree.XMLSyntaxError as error:
            raise ImportRefused(
                f"The {self.kind} file is damaged ({name} is not well-formed XML: {error})."
            ) from None
