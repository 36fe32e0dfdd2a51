"""The core: the records (a plan, its tasks and units), deadlines, statuses as of a day, the
2025 successions, the members of collectives, the rules of completion and the checks of a
plan, and what users type read strictly or loosely. No I/O; imports only words/ and errors."""
