"""The PO and JSON formats and the message helpers they use, as they stood on main at
28e0203, before the messages-speed work: the oracle of tests/test_formats_messages_*.py.
Every faster path must give the same bytes (or the same error), and send the converter the
same texts in the same order, as these do.

Only the imports between the copied modules were changed (``yozuv.formats.X`` to
``messages_reference_impl.X``); ``_text`` (Batch, the helpers shared by every format), which
that work did not change, is imported from yozuv itself rather than copied. Delete this
package when PO or JSON output is meant to change. Do not edit the copies to follow new
behaviour: a test that compares against them is then testing nothing.
"""
