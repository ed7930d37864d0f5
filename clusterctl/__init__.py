"""clusterctl: check and score SME characteristic industrial cluster applications."""

__version__ = "0.1.0"
