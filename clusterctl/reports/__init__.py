"""Renderers of :class:`~clusterctl.report.FileReport` lists.

``formats/`` holds the output-format registry used by ``check`` and ``screen``
(:func:`clusterctl.reports.formats.get_formatter`); ``schema/`` ships the versioned JSON schema of
the ``json`` and ``json-lines`` formats.
"""
