"""git: commits of the data, and a task's history read back from them."""
