"""A fuzzing harness for ``clusterctl check`` and ``clusterctl screen`` (issue 15).

Mutants of valid workbooks (``sample_data/*.xlsx``, ``templates/*.xlsx``) at the zip level
(:mod:`.mutate_zip`) and the XML level (:mod:`.mutate_xml`), hostile values typed through the
template by openpyxl (:mod:`.values`, hypothesis-driven) and hostile file names are run through
the real CLI in batches (:mod:`.run`); process faults (:mod:`.faults`) kill workers, fill the
disk, make the output unwritable and change files during a run. Every outcome is classified;
anything but a clean finding or a clean verdict is a failure, and the mutant is saved.

    python -m tests.fuzz --n 5000 --seed 7          # the long campaign (docs/robustness.md)
    pytest -m fuzz -p no:xdist -q                   # the seeded CI run (tests/fuzz/test_fuzz.py)
"""
