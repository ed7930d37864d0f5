"""The versioned JSON schema of the ``json`` and ``json-lines`` output formats."""
