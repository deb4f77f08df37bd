"""Outputs of a run: results.json, the terminal summary (JUnit and Allure come from pytest)."""
