"""Evaluation: an application against a criteria pack gives per-criterion results, a verdict and
a score."""
