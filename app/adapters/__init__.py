"""Connections to the systems around the program (docs/domain.md §9): one small interface per
system, and the stand-ins this project ships for the demo and the tests."""
