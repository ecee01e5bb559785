"""Who did what to whom: actor roles from the dependency parse around the trigger.

The dependency path from an actor mention to the trigger decides its role: subject of an
active verb, agent of a passive ("visée par deux roquettes de X") or genitive of a noun
trigger ("l'attaque de X") make actor1; object, passive subject, or a target preposition
("contre", "against") make actor2. Without a usable parse (blank pipelines) word order and
the agent/target markers decide.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventfold.language.data import LanguageData
from eventfold.text import fold

SUBJECT = {"nsubj", "csubj"}
PASSIVE_SUBJECT = {"nsubj:pass", "nsubjpass", "csubj:pass"}
OBJECT = {"obj", "dobj", "iobj", "dative"}
AGENT = {"obl:agent", "agent"}
GENITIVE = {"de", "d'", "du", "des", "of", "'s"}


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("aux:pass", "auxpass") or c.dep_ in PASSIVE_SUBJECT for c in verb.children)


def _path(tok: Token, anchor: Token, max_hops: int = 6) -> list[Token] | None:
    """Tokens from `tok` up to (not including) `anchor`, or None when anchor does not govern tok."""
    path = []
    cur = tok
    for _ in range(max_hops):
        if cur == anchor:
            return path
        path.append(cur)
        if cur.head == cur:
            return None
        cur = cur.head
    return path if cur == anchor else None


def _markers(path: list[Token]) -> set[str]:
    words = set()
    for node in path:
        if node.dep_ in ("prep", "agent", "case", "mark"):
            words.add(fold(node.text))
        words.update(fold(c.text) for c in node.children if c.dep_ in ("case", "prep", "mark"))
    return words


def role_of(head: Token, anchor: Token, noun_trigger: bool, lang: LanguageData, undergo: bool = False) -> str | None:
    """'actor1', 'actor2' or None for the actor whose syntactic head is `head`."""
    agents, targets = lang.cue_words["agent_markers"], lang.cue_words["target_markers"]
    path = _path(head, anchor)
    if path is not None and path:
        top = path[-1]
        dep = top.dep_
        marks = _markers(path)
        if dep in AGENT or marks & agents:
            return "actor1"
        if dep in PASSIVE_SUBJECT:
            return "actor2"
        if dep in SUBJECT:
            # "la base avait été la cible de tirs": the subject of a noun trigger suffers it.
            return "actor2" if is_passive(anchor) or (noun_trigger and undergo) else "actor1"
        if dep in OBJECT or marks & targets:
            return "actor2"
        if noun_trigger and marks & GENITIVE:
            return "actor1"
        if dep in ("advcl", "conj", "xcomp", "acl") and path[0].dep_ in OBJECT | PASSIVE_SUBJECT:
            return "actor2"  # "… hit a market, killing 11 civilians": the victims of the same event
        return None
    if head.dep_ in SUBJECT and anchor.pos_ == "VERB" and anchor in head.head.subtree and anchor.dep_ in (
            "advcl", "xcomp", "conj", "acl", "ccomp"):
        # "X a dirigé ses efforts vers la base, frappant ses cibles": X is the subject of both.
        return "actor2" if is_passive(anchor) else "actor1"
    if noun_trigger and anchor.head != anchor:
        # A noun trigger under a support verb: "X a lancé une attaque" (X acts) versus
        # "X a fait l'objet d'attaques" / "X came under attack" (X suffers).
        verb = anchor.head
        path = _path(head, verb)
        if path and path[-1].dep_ in SUBJECT | PASSIVE_SUBJECT:
            undergo = any(fold(c.text) in GENITIVE for c in anchor.children if c.dep_ in ("case", "prep")) \
                or anchor.dep_ in ("pobj", "obl", "nmod") or is_passive(verb)
            return "actor2" if undergo else "actor1"
    return None


# Kinds of actor that, right after a verb-first language's verb, are its subject; people and
# civilians there are more often what an unmarked passive did ("قتل ثلاثة مدنيين").
VERB_FIRST_SUBJECTS = {"group", "military", "police", "unidentified", "metonymy", "military_assets"}
VERB_FIRST_REACH = 4


def role_by_order(start: int, anchor_i: int, passive: bool, tokens_before: list[str], lang: LanguageData,
                  kind: str | None = None) -> str:
    """Fallback without a parse: before the trigger acts (suffers, if passive); after it suffers,
    unless an agent marker introduces it, or, in a verb-first language, it stands right after the
    verb ("أغار الطيران الإسرائيلي على منزل")."""
    if any(fold(t) in lang.cue_words["agent_markers"] for t in tokens_before[-3:]):
        return "actor1"  # "por sicarios", "von russischen Truppen", "من قبل": the agent, wherever it stands
    if start < anchor_i:
        return "actor2" if passive else "actor1"
    between = tokens_before[len(tokens_before) - (start - anchor_i) + 1:]
    if lang.verb_first and not passive and kind in VERB_FIRST_SUBJECTS and len(between) <= VERB_FIRST_REACH \
            and not any(fold(t) in lang.cue_words["target_markers"] for t in between):
        return "actor1"
    return "actor2"
