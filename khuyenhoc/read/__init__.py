"""Reading: files → a checked plan (YAML read safely, the fast reader, the cache), the data's
folder, and the offices' registers of incoming documents with what each row stands for.
Imports core/ and words/."""
