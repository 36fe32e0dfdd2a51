"""Tests of khuyenhoc/cli: the command line as a user meets it."""
