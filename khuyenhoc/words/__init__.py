"""Words: every word kh shows (the catalogue, in Vietnamese and English), the run's language,
and text from others' files made inert. Imports nothing of kh."""
