"""Tests of khuyenhoc/core: deadlines, statuses, matching, what users type, the checks, members."""
