"""The writers: each format's package draws a layout Document as that format's bytes.

`table` names the formats and their writers; `contract` is what a writer is given and
gives back, and the errors it raises.
"""
