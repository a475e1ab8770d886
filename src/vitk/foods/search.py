"""Fuzzy food-name search: diacritics, plurals, synonyms, typos and "did you mean".

Names, synonyms and queries are normalised the same way (accents stripped, lower
case, punctuation to spaces, simple English plurals to singular, word synonyms such as
courgette → zucchini). A food matches a query when **every significant query word**
(not a stop word such as raw, cooked, with, and; not a number or a one- or two-letter
word) matches a whole word of one of the food's names with a word-level similarity of
at least :data:`MIN_TOKEN_RATIO` (rapidfuzz ``ratio``; "chedar" → "cheddar", "nato" →
"natto", "spinch" → "spinach"), or, for six-letter words, one substituted letter
("cheeze" → "cheese"). Words of three letters must match exactly. Two query words may
also match one joined word ("crème fraîche" → "cremefraiche"). A curated food's group
counts as a name word ("gouda cheese" → "Gouda, aged", group cheese), but at least one
query word must match the name itself. A query of stop words only matches nothing.

A word is never matched by a longer word it only begins: "salmon" is not
"salmonberries", "beer" not "beerwurst". The one exception is type-ahead
(:meth:`NameIndex.search` with ``prefix=True``): there the last query word may be the
beginning of a name word ("chic" → "chicken"); diary rows (:meth:`NameIndex.match`)
never use it.

Matches are ranked by: exact name or synonym (word order and a parenthesised
qualifier such as "(US)" ignored) first; then names without a word that makes them a
different food (meatless, imitation, substitute); then names whose *head* the query
covers (the first comma-separated part, or the second after a category such as
"Fish," or "Alcoholic beverage,": "grapes" prefers "Grapes, red or green" to "Grape
leaves", "salmon" prefers "Fish, salmon, …" to "Salmon nuggets"); then whole words
before type-ahead prefixes; then more query stop words matched ("kale cooked" prefers
a cooked kale); then word similarity; then curated foods; then fewer name words left
unmatched; then matched words nearer the start; then shorter names.

Nothing passing the rule is a miss: :meth:`NameIndex.suggest` then offers "did you
mean" candidates, which are never results.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from vitk.foods.words import (
    _FILLER,
    _NEGATING,
    _PARENS,
    CATEGORY_HEADS,
    STOP_WORDS,
    _fold,
    _significant,
    _synonym,
    _words,
    normalise,
    tokens,
)

__all__ = [
    "JOINED_MIN_RATIO",
    "MIN_TOKEN_RATIO",
    "STOP_WORDS",
    "NameIndex",
    "SearchHit",
    "normalise",
    "tokens",
]

#: Word-level similarity (rapidfuzz ``ratio``, 0–100) a query word needs to match a name word.
MIN_TOKEN_RATIO = 85.0
#: Two query words written as one name word need this similarity ("creme fraiche").
JOINED_MIN_RATIO = 90.0
#: Minimum length of the last query word for type-ahead prefix matching.
MIN_PREFIX = 3
#: "did you mean" falls back to whole-name similarity (rapidfuzz WRatio) above this.
SUGGEST_CUTOFF = 70.0


def _preference(m: Mapping[str, tuple[float, bool]]) -> Callable[[str], tuple[bool, float]]:
    """Key preferring whole-word over prefix matches, then higher similarity."""
    return lambda w: (not m[w][1], m[w][0])


@dataclass(frozen=True)
class SearchHit:
    food_id: str
    name: str
    #: 100 for an exact name or synonym match; else the mean word similarity, at most 99.
    score: float
    source_db: str
    matched: str  # the name or synonym that matched
    #: The query equals the name or a synonym (after normalising), not a fuzzy match.
    exact: bool = False


@dataclass(frozen=True)
class _Label:
    owner: int
    raw: str
    words: frozenset[str]  # every normalised word of the label
    significant: frozenset[str]
    head: frozenset[str]
    category: frozenset[str]  # a category first part ("Fish" in "Fish, salmon, raw")
    is_name: bool  # the food's name, not a synonym
    order: tuple[str, ...]  # the words in order
    keys: tuple[tuple[str, ...], ...]  # sorted words, with and without "(…)" qualifiers


def _label(owner: int, raw: str, is_name: bool) -> _Label | None:
    folded = _fold(raw)
    bare_text = _PARENS.sub(" ", folded) if "(" in folded else folded
    bare = _words(bare_text)
    parts: list[tuple[str, ...]] = []
    for part in bare_text.split(","):  # only the first two parts matter for the head
        if (pw := _words(part)) and len(parts) < 2:
            parts.append(pw)
        if len(parts) == 2:
            break
    words = _words(folded) if bare_text is not folded else bare
    if not words:
        return None
    head_words = parts[0] if parts else words
    category: tuple[str, ...] = ()
    if len(parts) > 1 and " ".join(head_words) in CATEGORY_HEADS:
        category, head_words = head_words, parts[1]
    significant = frozenset(w for w in words if _significant(w))
    head = frozenset(w for w in head_words if w not in _FILLER and not w.isdigit() and w != "%")
    keys = tuple(dict.fromkeys((tuple(sorted(words)), tuple(sorted(bare)))))
    return _Label(
        owner,
        raw,
        frozenset(words),
        significant,
        head or significant,
        frozenset(category),
        is_name,
        words,
        keys,
    )


class NameIndex:
    """A search index over (food_id, name, synonyms, source) entries.

    ``groups`` maps a food id to its food group (curated foods): the group's words
    count as name words for matching ("gouda cheese" finds a Gouda in group cheese).
    """

    def __init__(
        self,
        entries: Sequence[tuple[str, str, Sequence[str], str]],
        groups: Mapping[str, str] | None = None,
    ) -> None:
        #: Per label: (owner, text, is the food's name, its words); details made on demand.
        self._raw: list[tuple[int, str, bool, tuple[str, ...]]] = []
        self._details: dict[int, _Label] = {}
        self._foods: list[tuple[str, str, str]] = []
        self._group_words: list[frozenset[str]] = []
        postings: dict[str, set[int]] = {}
        group_postings: dict[str, set[int]] = {}
        for i, (food_id, name, synonyms, source) in enumerate(entries):
            self._foods.append((food_id, name, source))
            group = (groups or {}).get(food_id, "")
            gwords = frozenset(w for w in tokens(group) if _significant(w))
            self._group_words.append(gwords)
            for n, label_text in enumerate(dict.fromkeys((name, *synonyms))):
                words = tokens(label_text)
                if not words:
                    continue
                li = len(self._raw)
                self._raw.append((i, label_text, n == 0, words))
                for w in words:
                    postings.setdefault(w, set()).add(li)
                for w in gwords.difference(words):
                    group_postings.setdefault(w, set()).add(li)
        self._postings = {w: tuple(ls) for w, ls in postings.items()}
        self._group_postings = {w: tuple(ls) for w, ls in group_postings.items()}
        self._vocab = sorted(set(self._postings) | set(self._group_postings))
        self._word_cache: dict[str, dict[str, float]] = {}
        self._by_length: dict[int, list[str]] = {}
        self._near: dict[int, list[str]] = {}
        #: Results by (query words, limit, prefix): the index never changes once built.
        self._result_cache: dict[tuple[tuple[str, ...], int, bool], tuple[SearchHit, ...]] = {}
        #: Per vocabulary word: its labels in rank order for a one-word query (built on
        #: first use and kept: a property of the index, not of a query).
        self._ranked: dict[
            tuple[str, tuple[str, ...], tuple[str, ...] | None],
            tuple[list[tuple[tuple[float, ...], str, int]], list[int]],
        ] = {}

    def __len__(self) -> int:
        return len(self._foods)

    def labels(self) -> list[tuple[str, str]]:
        """Every (food_id, name or synonym) pair the index searches."""
        return [(self._foods[owner][0], raw) for owner, raw, _, _ in self._raw]

    def _label(self, li: int) -> _Label:
        lab = self._details.get(li)
        if lab is None:
            owner, raw, is_name, _ = self._raw[li]
            made = _label(owner, raw, is_name)
            assert made is not None  # labels without words are never stored
            lab = self._details[li] = made
        return lab

    # -- word matching ------------------------------------------------------------------
    def _word_matches(self, word: str) -> dict[str, float]:
        """Vocabulary words matching ``word`` as a whole word, with their similarity."""
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        if not _significant(word) or len(word) < 4:  # no typos in words of 3 letters
            out = {word: 100.0} if word in self._postings or word in self._group_postings else {}
        else:
            from rapidfuzz import fuzz, process
            from rapidfuzz.distance import Levenshtein

            out = {}
            for cand, score, _ in process.extract(
                word, self._vocab_near(len(word)), scorer=fuzz.ratio, score_cutoff=80.0, limit=None
            ):
                if score >= MIN_TOKEN_RATIO:
                    out[cand] = float(score)
                elif (
                    len(word) >= 6
                    and len(cand) == len(word)
                    and cand[0] == word[0]
                    and Levenshtein.distance(word, cand) <= 1
                ):
                    out[cand] = MIN_TOKEN_RATIO  # one substituted letter: cheeze → cheese
        if len(self._word_cache) > 4096:
            self._word_cache.clear()
        self._word_cache[word] = out
        return out

    def _vocab_near(self, length: int) -> list[str]:
        """Vocabulary words whose length allows a similarity of 80 with a word of ``length``.

        rapidfuzz ``ratio`` is at most 200·min(a, b)/(a + b) for lengths a and b, so longer
        or shorter words cannot pass the cut-off; leaving them out changes no result.
        """
        near = self._near.get(length)
        if near is None:
            if not self._by_length:
                for w in self._vocab:
                    self._by_length.setdefault(len(w), []).append(w)
            near = [
                w
                for n, words in sorted(self._by_length.items())
                if 200 * min(n, length) >= 80 * (n + length)
                for w in words
            ]
            self._near[length] = near
        return near

    def _prefix_matches(self, word: str) -> dict[str, float]:
        """Vocabulary words that begin with ``word`` (type-ahead), with their similarity."""
        from rapidfuzz import fuzz

        out: dict[str, float] = {}
        i = bisect.bisect_left(self._vocab, word)
        while i < len(self._vocab) and self._vocab[i].startswith(word):
            out[self._vocab[i]] = float(fuzz.ratio(word, self._vocab[i]))
            i += 1
        return out

    def _labels_with(self, words: Iterable[str], *, group: bool = True) -> set[int]:
        out: set[int] = set()
        for w in words:
            out.update(self._postings.get(w, ()))
            if group:
                out.update(self._group_postings.get(w, ()))
        return out

    # -- search -------------------------------------------------------------------------
    def search(self, query: str, limit: int = 10, *, prefix: bool = True) -> list[SearchHit]:
        """Foods matching ``query`` (see the module docstring), best first; [] if none.

        ``prefix`` lets the last query word match the beginning of a name word
        (type-ahead); diary matching turns it off.
        """
        q = list(tokens(query))
        if not q:
            return []
        key = (tuple(q), limit, prefix)
        cached = self._result_cache.get(key)
        if cached is not None:
            return list(cached)
        sig = [i for i, w in enumerate(q) if _significant(w)]
        if not sig:  # "raw", "a": nothing that names a food
            return []
        stops = tuple(w for i, w in enumerate(q) if i not in sig)
        if (
            len(sig) == 1
            and q[sig[0]] not in _NEGATING
            and not any(w in _NEGATING for w in stops)
            and not self._joined_any(q)
        ):
            # one word that names the food, maybe with stop words ("beef raw")
            last = sig[0] == len(q) - 1
            hits = self._search_one_word(
                q[sig[0]], limit, prefix=prefix and last, stops=stops, query=tuple(q)
            )
        else:
            hits = self._search_general(q, sig, limit, prefix=prefix)
        if len(self._result_cache) >= 2048:
            self._result_cache.clear()
        self._result_cache[key] = tuple(hits)
        return hits

    def clear_caches(self) -> None:
        """Forget cached results and word matches (the index itself is kept)."""
        self._result_cache.clear()
        self._word_cache.clear()

    def _per_word(self, w: str, *, prefix: bool) -> dict[str, tuple[float, bool]]:
        """Vocabulary words matching query word ``w``: (similarity, is a prefix match)."""
        m = {k: (v, False) for k, v in self._word_matches(w).items()}
        if prefix and len(w) >= MIN_PREFIX:
            for k, v in self._prefix_matches(w).items():
                m.setdefault(k, (v, True))
        return m

    def _joined_any(self, q: list[str]) -> bool:
        """Whether two adjacent query words match one name word ("creme fraiche")."""
        return any(
            r >= JOINED_MIN_RATIO
            for i in range(len(q) - 1)
            for r in self._word_matches(_synonym(q[i] + q[i + 1])).values()
        )

    def _ranked_labels(
        self, word: str, stops: tuple[str, ...] = (), query: tuple[str, ...] | None = None
    ) -> tuple[list[tuple[tuple[float, ...], str, int]], list[int]]:
        """The labels holding name word ``word``, in rank order for a one-word query.

        ``stops`` are the query's other (stop) words, which count when a label holds them.
        Returns (entries, exact): entries are (rank without the word-level parts, food
        name, label) sorted; ``exact`` lists the labels that are exactly the query.
        """
        cache_key = (word, stops, query)
        got = self._ranked.get(cache_key)
        if got is not None:
            return got
        entries: list[tuple[tuple[float, ...], str, int]] = []
        exact: list[int] = []
        key = tuple(sorted(query or (word,)))
        stop_sets = [frozenset(self._word_matches(s)) for s in stops]
        for li in self._postings.get(word, ()):
            lab = self._label(li)
            owner = lab.owner
            gwords = self._group_words[owner]
            matched = {word}
            stop_matched = 0
            for ws in stop_sets:
                common = ws & lab.words
                if common:
                    stop_matched += 1
                    matched |= common
            if lab.head - gwords <= matched:
                head_level = 0.0
            elif lab.category and lab.category <= matched:
                head_level = 1.0
            else:
                head_level = 2.0
            static = (
                1.0 if lab.words & _NEGATING else 0.0,
                head_level,
                -float(stop_matched),
                0.0 if self._foods[owner][2] == "curated" else 1.0,
                float(len(lab.significant - matched)),
                float(sum(i for i, x in enumerate(lab.order) if x in matched)),
                float(len(lab.raw)),
                float(len(self._foods[owner][1])),
            )
            entries.append((static, self._foods[owner][1], li))
            if key in lab.keys:
                exact.append(li)
        entries.sort()
        got = self._ranked[cache_key] = (entries, exact)
        return got

    def _search_one_word(
        self,
        w: str,
        limit: int,
        *,
        prefix: bool,
        stops: tuple[str, ...] = (),
        query: tuple[str, ...] | None = None,
    ) -> list[SearchHit]:
        """One-word query: merge the per-word ranked label lists; same result as the rule.

        The rank of a label for a one-word query is a fixed order within each matching
        vocabulary word, shifted by that word's similarity and prefix flag, so the best
        ``limit`` foods come from a k-way merge that stops early.
        """
        m = self._per_word(w, prefix=prefix)
        if not m:
            return []
        words = frozenset(m)
        pref = _preference(m)

        def rank(first: float, static: tuple[float, ...], v: str) -> tuple[float, ...]:
            score, pfx = m[v]
            # the rule's order: exact, negating, head, prefix, stop words, similarity, …
            return (
                first,
                *static[:2],
                1.0 if pfx else 0.0,
                static[2],
                -float(round(score)),
                *static[3:],
            )

        def stream(v: str) -> Iterator[tuple[tuple[float, ...], str, int, str]]:
            entries, exact = self._ranked_labels(v, stops, query if v == w else None)
            if v == w and exact:  # exact name or synonym matches come first
                statics = {li: (static, name) for static, name, li in entries if li in exact}
                firsts = []
                for li in exact:
                    static, name = statics[li]
                    first = 0.0 if self._label(li).is_name else 0.5
                    firsts.append((rank(first, static, v), name, li, v))
                yield from sorted(firsts)
            for static, name, li in entries:
                yield rank(1.0, static, v), name, li, v

        seen: set[int] = set()
        out: list[SearchHit] = []
        for _, _, li, v in heapq.merge(*(stream(v) for v in words)):
            lab = self._label(li)
            owner = lab.owner
            if owner in seen:
                continue
            gwords = self._group_words[owner]
            common = words & (lab.words | gwords if gwords else lab.words)
            chosen = next(iter(common)) if len(common) == 1 else max(common, key=pref)
            if chosen != v:  # ranked under its preferred word (or that is a group word only)
                continue
            seen.add(owner)
            food_id, name, source = self._foods[owner]
            exact = v == w and tuple(sorted(query or (w,))) in lab.keys
            score = 100.0 if exact else min(99.0, round(m[v][0], 1))
            out.append(SearchHit(food_id, name, score, source, lab.raw, exact))
            if len(out) >= limit:
                break
        return out

    def _search_general(
        self, q: list[str], sig: list[int], limit: int, *, prefix: bool
    ) -> list[SearchHit]:
        """Any query: score every candidate label by the rule (see the module docstring)."""
        # Per query position: matching vocabulary words -> (similarity, is a prefix match).
        per_pos: list[dict[str, tuple[float, bool]]] = []
        for i, w in enumerate(q):
            m = {k: (v, False) for k, v in self._word_matches(w).items()}
            if prefix and i == len(q) - 1 and len(w) >= MIN_PREFIX and i in sig:
                for k, v in self._prefix_matches(w).items():
                    m.setdefault(k, (v, True))
            per_pos.append(m)
        # Two adjacent query words written as one name word: "creme fraiche" -> "cremefraiche".
        joined: dict[int, dict[str, float]] = {}
        for i in range(len(q) - 1):
            j = {
                w: r
                for w, r in self._word_matches(_synonym(q[i] + q[i + 1])).items()
                if r >= JOINED_MIN_RATIO
            }
            if j:
                joined[i] = j
        key = tuple(sorted(q))

        candidates: set[int] | None = None
        for i in sig:
            c = self._labels_with(per_pos[i])
            for jpos in (i - 1, i):
                if jpos in joined:
                    c |= self._labels_with(joined[jpos])
            candidates = c if candidates is None else candidates & c
            if not candidates:
                return []
        assert candidates is not None

        # Fold the joined words into both positions they cover (done once, not per name).
        for jpos, jm in joined.items():
            for pos in (jpos, jpos + 1):
                for k, v in jm.items():
                    if k not in per_pos[pos] or per_pos[pos][k] < (v, False):
                        per_pos[pos][k] = (v, False)
        pos_words = [frozenset(m) for m in per_pos]
        stops = [i for i in range(len(q)) if i not in sig]
        q_words = set(q)

        best: dict[int, tuple[tuple[float, ...], str, bool, float]] = {}
        for li in candidates:
            lab = self._label(li)
            owner = lab.owner
            gwords = self._group_words[owner]
            words = lab.words | gwords if gwords else lab.words
            matched_words: set[str] = set()
            total = 0.0
            used_prefix = False
            name_hit = False
            for i in sig:
                common = pos_words[i] & words
                if not common:
                    break
                m = per_pos[i]
                w = next(iter(common)) if len(common) == 1 else max(common, key=_preference(m))
                score, pfx = m[w]
                matched_words.add(w)
                total += score
                used_prefix = used_prefix or pfx
                name_hit = name_hit or w in lab.words
            else:
                if not name_hit:
                    continue
                stop_matched = 0
                for i in stops:
                    common = pos_words[i] & lab.words
                    if common:
                        stop_matched += 1
                        matched_words.update(common)
                exact = key in lab.keys
                mean = total / len(sig)
                source = self._foods[owner][2]
                # A curated food's group word in its head is like a category: "gouda" covers
                # "Gouda cheese, aged" (group cheese).
                if lab.head - gwords <= matched_words:
                    head_level = 0.0
                elif lab.category and lab.category <= matched_words:
                    head_level = 1.0  # "fish" -> "Fish, cod, raw" before "Fish broth"
                else:
                    head_level = 2.0
                rank = (
                    (0.0 if lab.is_name else 0.5) if exact else 1.0,
                    1.0 if (lab.words & _NEGATING) - q_words else 0.0,
                    head_level,
                    1.0 if used_prefix else 0.0,
                    -float(stop_matched),
                    -round(mean),
                    0.0 if source == "curated" else 1.0,
                    float(len(lab.significant - matched_words)),
                    # earlier is better: "olive oil" -> "Oil, olive, …", not "Oil, corn, …, olive"
                    float(sum(i for i, w in enumerate(lab.order) if w in matched_words)),
                    float(len(lab.raw)),
                    float(len(self._foods[owner][1])),
                )
                prev = best.get(owner)
                if prev is None or rank < prev[0]:
                    best[owner] = (rank, lab.raw, exact, mean)
        ranked = sorted(best.items(), key=lambda kv: (kv[1][0], self._foods[kv[0]][1]))
        out = []
        for owner, (_, raw, exact, mean) in ranked[:limit]:
            food_id, name, source = self._foods[owner]
            score = 100.0 if exact else min(99.0, round(mean, 1))
            out.append(SearchHit(food_id, name, score, source, raw, exact))
        return out

    def match(self, query: str) -> SearchHit | None:
        """The one food a diary row means by ``query`` (whole words only), or None."""
        hits = self.search(query, limit=1, prefix=False)
        return hits[0] if hits else None

    def suggest(self, query: str, n: int = 3) -> list[SearchHit]:
        """Up to ``n`` "did you mean" candidates for a query that matched nothing.

        Foods matching most of the query's significant words come first; else names
        similar as a whole (rapidfuzz WRatio ≥ :data:`SUGGEST_CUTOFF`). Never results;
        each name at most once (the curated food first when a USDA food has its name).
        """
        q = [w for w in tokens(query) if _significant(w)] or list(tokens(query))
        if not q:
            return []
        counts: dict[int, int] = {}
        for w in q:
            for li in self._labels_with(self._word_matches(w), group=False):
                counts[li] = counts.get(li, 0) + 1
        out: list[SearchHit] = []
        seen: set[int] = set()
        names: set[str] = set()  # a curated and a USDA food may share a name: offer it once
        ordered = sorted(
            counts,
            key=lambda li: (
                -counts[li],
                self._foods[self._raw[li][0]][2] != "curated",
                len(self._raw[li][1]),
            ),
        )
        for li in ordered:
            owner, raw, _, _ = self._raw[li]
            if owner not in seen and self._foods[owner][1] not in names:
                seen.add(owner)
                food_id, name, source = self._foods[owner]
                names.add(name)
                out.append(SearchHit(food_id, name, 100.0 * counts[li] / len(q), source, raw))
            if len(out) >= n:
                return out
        from rapidfuzz import fuzz, process

        for _, score, li in process.extract(
            " ".join(tokens(query)),
            [" ".join(words) for _, _, _, words in self._raw],
            scorer=fuzz.WRatio,
            processor=None,
            limit=4 * n,
            score_cutoff=SUGGEST_CUTOFF,
        ):
            owner, raw, _, _ = self._raw[li]
            if owner not in seen and self._foods[owner][1] not in names:
                seen.add(owner)
                food_id, name, source = self._foods[owner]
                names.add(name)
                out.append(SearchHit(food_id, name, float(score), source, raw))
            if len(out) >= n:
                break
        return out
