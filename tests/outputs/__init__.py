"""Tests of khuyenhoc/outputs: tables, reports, the JSON contract, calendars, Word and Excel files."""
