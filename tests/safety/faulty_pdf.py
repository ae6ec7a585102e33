"""The PDF writer with a fault injected: it fails on the standard and clinical handouts of
'Ketamine and Addiction' (level easy prints larger) as a writer bug would, and makes every
other PDF (tests/safety/test_writer_faults.py)."""

from __future__ import annotations

from handouts.document import model as L
from handouts.writers.contract import Output, WriterInputs
from handouts.writers.pdf import output as pdf


def write(doc: L.Document, inputs: WriterInputs) -> Output:
    if (inputs.title, inputs.body_size) == ("Ketamine and Addiction", 11):
        raise AttributeError("'_Paragraph' object has no attribute 'blPara'")
    return pdf.write(doc, inputs)
