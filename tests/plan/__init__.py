"""Tests of the shipped plan (data/): every obligation traced to its source, the data valid."""
