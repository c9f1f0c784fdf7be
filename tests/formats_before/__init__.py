"""The format modules as they were before the speed work of issue 9 (commit 529472b), kept
unchanged as the oracle of tests/test_formats_speed_paths.py: every faster path must give
the same bytes, and send the converter the same texts in the same order, as these did.

Only the imports between the copied modules were changed (``yozuv.formats.X`` to
``formats_before.X``). Do not edit them to follow new behaviour: a test that compares
against them is then testing nothing.
"""
