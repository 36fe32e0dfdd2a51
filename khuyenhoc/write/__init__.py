"""Writing the plan: one transaction per recording command (the folder's lock, the rule, the
edit as text, the check, the atomic write, the commit), for tasks and for members' files."""
