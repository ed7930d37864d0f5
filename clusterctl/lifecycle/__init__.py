"""The lifecycle of a recognised cluster: annual reports, the three-year re-review (复核) and
the facts a bureau's monitoring judges (see :mod:`.model`)."""
