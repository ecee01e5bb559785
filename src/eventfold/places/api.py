"""Places of a document as plain records, with offsets into the input text as given."""

from __future__ import annotations

from typing import Any

from eventfold.clean import CleanText
from eventfold.doc import Doc
from eventfold.language import detect_language, language_data
from eventfold.read import Document


def places_of(pipeline, document: Document) -> list[dict[str, Any]]:
    """Every resolved place mention of the document. The text is not cleaned, so offsets are the
    input's own (gold corpora are scored on them)."""
    code = document.language or (detect_language(document.text) or [("en", 0)])[0][0]
    try:
        lang = language_data(code)
    except LookupError:
        lang = language_data("en")
    text = document.text
    doc = Doc(document, lang, CleanText(text, [(0, 0, len(text))]), document.published or pipeline.today)
    for name, comp in pipeline.components:
        if name in ("parse", "places"):
            comp(doc)
    return [{"start": m.start, "end": m.end, "text": m.text, "name": m.place.name, "country": m.place.country,
             "admin1": m.place.admin1, "lat": m.place.lat, "lon": m.place.lon, "feature": m.place.feature,
             "gazetteer_id": m.place.gid, "precision": m.precision} for m in doc.places]
