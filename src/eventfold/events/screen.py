"""The classifier's veto: candidates whose sentence reads, with confidence, as no event at all.

The trigger lexicons fire on words ("attacked with danger down the left", "will respond with force
to any attack"); the multilingual classifier (`eventfold.events.classify`) reads the whole sentence.
It only sees the few sentences that already hold a candidate, one batch per document, so that
throughput stays with the rule layer.
"""

from __future__ import annotations

from eventfold.doc import Doc
from eventfold.events.classify import classifier

# Below this, the lexicons' reading stands: leave-one-language-out, "none" at >= 0.9 is wrong on
# about one candidate in seven it removes (bench/classifier.py).
NONE_VETO = 0.9


class ClassifierScreen:
    """Pipeline component: Doc.candidates in, those the classifier does not veto out."""

    def __init__(self, veto: float = NONE_VETO) -> None:
        self.veto = veto
        self.model = classifier()  # loaded once per process, before the first document

    def __call__(self, doc: Doc) -> None:
        texts = sorted({c.reading.sent.text for c in doc.candidates})
        if not texts:
            return
        vetoed = {text for text, (label, p) in zip(texts, self.model.predict(texts, [doc.lang.code] * len(texts)),
                                                   strict=True) if label == "none" and p >= self.veto}
        doc.candidates = [c for c in doc.candidates if c.reading.sent.text not in vetoed]
