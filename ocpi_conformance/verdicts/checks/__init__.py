"""Reusable verdicts: each function asserts one rule on what a target did, with a message that
names what happened and what the rule wants, so suites stay short and say the same thing alike."""
