"""Tests of khuyenhoc/words: the catalogue in both languages, help and messages in the run's language."""
