"""Batches of files: isolation, discovery, batch-level checks, the batch table."""
