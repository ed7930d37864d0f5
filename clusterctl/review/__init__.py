"""Expert review and re-screening (docs/screening.md, "A full round").

- :mod:`.model`: the expert forms as read back (:class:`ExpertForms`), which application each
  form's judgements belong to, and whether they still apply (same file, same pack).
- :mod:`.form_write`: the review form (``screen --review-form``).
- :mod:`.form_read`: forms read back (``screen --expert-scores``), untrusted input.
- :mod:`.baseline`: an earlier summary read back and compared (``screen --baseline``).
- :mod:`.workbook_diff`: two versions of one application compared (``clusterctl diff``).
"""
