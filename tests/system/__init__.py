"""End-to-end and slow tests (marker `system`): every example of the docs, documents rendered by
LibreOffice, fuzzing, the whole interface scanned for English. `pytest -m 'not system'` leaves them out."""
