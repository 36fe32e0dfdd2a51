"""Tests of khuyenhoc/read: YAML read safely, the loader, the cache, the fast reader, malformed data."""
