"""A bureau's monitoring of recognised clusters (``clusterctl monitor``): the registry, the
filings matched to it by the operating body's credit code, and each cluster's status.

Imports the lifecycle model, the batch's worker pool and the workbook reader; the batch never
imports it. docs/monitoring.md states the status rule.
"""
