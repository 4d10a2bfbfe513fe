"""Importing .apkg files with the official Anki code (the ``anki`` package, AGPL: tests only)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition

IF_NEWER = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER


@dataclass
class ImportLog:
    new: int
    updated: int
    duplicate: int


class FreshCollection:
    """An empty Anki collection in ``folder``; import packages into it and read it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.collection = Collection(str(folder / "collection.anki2"))
        self._count = 0

    def import_package(self, data: bytes) -> ImportLog:
        self._count += 1
        path = self.folder / f"import-{self._count}.apkg"
        path.write_bytes(data)
        response = self.collection.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(path),
                options=ImportAnkiPackageOptions(with_scheduling=False, update_notes=IF_NEWER),
            )
        )
        log = response.log
        return ImportLog(len(log.new), len(log.updated), len(log.duplicate))

    def notes(self) -> list[dict]:
        out = []
        for note_id in self.collection.find_notes(""):
            note = self.collection.get_note(note_id)
            cards = note.cards()
            out.append(
                {
                    "guid": note.guid,
                    "type": note.note_type()["name"],
                    "type_id": note.mid,
                    "fields": dict(
                        zip(
                            self.collection.models.field_names(note.note_type()),
                            note.fields,
                            strict=True,
                        )
                    ),
                    "deck": self.collection.decks.name(cards[0].did),
                    "cards": len(cards),
                    "tags": note.tags,
                }
            )
        return out

    def deck_names(self) -> set[str]:
        return {deck.name for deck in self.collection.decks.all_names_and_ids()} - {"Default"}

    def close(self) -> None:
        self.collection.close()
