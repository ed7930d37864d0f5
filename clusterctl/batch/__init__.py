"""Batches of files: the batch's model (rows, ranking, key indicators, result), isolation,
discovery, the spool, batch-level checks. Never imports the reports (tests/test_imports.py)."""
