"""Contracts: the cases every module with one kind of interface shares, declared once.

A suite adopts one with a class (`class TestSessionList(SenderList, suite=SUITE)`); its cases
become cases of that suite's module, numbered by the contract's `numbers` unless the class gives
its own. Helpers that several suites use without a whole contract live here too.
"""
