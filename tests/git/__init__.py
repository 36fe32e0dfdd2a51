"""Tests of khuyenhoc/git: commits and a task's history, with a real git."""
