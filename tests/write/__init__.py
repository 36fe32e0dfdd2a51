"""Tests of khuyenhoc/write: the recording transactions, text edits, reliability, kh import."""
