"""Benchmark: the claim checker on a 3,000-word HTML article, with the time split.

Run: ``python benchmarks/bench_check.py [--repeat N] [--words N]``

The article is the six hand-labelled test articles (``tests/data/checker/articles``),
repeated with numbered section headings until it has the requested number of words, and
wrapped in an HTML page with navigation, a script and a footer (so extraction has work to
do). The grader is built before timing (``vitk.checker.core.grader`` caches it per process).

Time split (p50 over the repeats):

* extraction: HTML to main text (trafilatura) with offsets;
* claim finding: sentence splitting, concepts, and the claim / not-a-claim decision;
* grading: retrieval of the best assertion, negation, numbers against vitk's data.

Grading is measured inside the grader (its ``best_match`` and the number checks are
timed); claim finding is the rest of the grader's time plus the sentence splitting.

Wall-clock and CPU time of the whole check are both printed, with the load average: on
a machine shared with other jobs the wall clock stretches, the CPU time much less.

Reference run, side by side in the same process: the same article graded with a naive
retrieval that scores every document of the evidence base for every sentence (no
inverted index), which is how the matching would cost without the index. The ratio is
naive / indexed grading time. Target (issue #12): the whole check under 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

TARGET_S = 1.0
ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "checker" / "articles"


def build_article(words: int) -> bytes:
    """An HTML page of about ``words`` words of article text."""
    from vitk.checker.reading import extract_html, looks_like_html

    texts = []
    for p in sorted(ARTICLES.iterdir()):
        raw = p.read_text("utf-8")
        texts.append(extract_html(raw) if looks_like_html(raw, p.name) else raw)
    paras: list[str] = []
    n = 0
    i = 0
    while n < words:
        body = texts[i % len(texts)]
        paras.append(f"<h2>Part {i + 1}</h2>")
        for para in body.split("\n"):
            if para.strip() and not para.startswith("#"):
                paras.append(f"<p>{para.strip()}</p>")
                n += len(para.split())
                if n >= words:
                    break
        i += 1
    return (
        "<html><head><title>K2 guide</title><script>var tracking = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/shop'>Shop</a></nav><article><h1>Vitamin K2</h1>"
        + "\n".join(paras)
        + "</article><footer>Copyright. All rights reserved.</footer></body></html>"
    ).encode()


class _Timer:
    def __init__(self) -> None:
        self.s = 0.0

    def wrap(self, fn: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.s += time.perf_counter() - t0

        return timed


class NaiveIndex:
    """The same TF-IDF scores as ``TfidfIndex``, computed by scanning every document."""

    def __init__(self, index: Any) -> None:
        self.inner = index
        weights: dict[int, dict[str, float]] = defaultdict(dict)
        for term, postings in index._postings.items():
            for i, w in postings:
                weights[i][term] = w
        self.docs = [(aid, text, weights[i]) for i, (aid, text) in enumerate(index._docs)]

    def search(self, text: str) -> dict[str, Any]:
        from vitk.checker.retrieval import Hit, _terms

        q = self.inner._weights(Counter(_terms(text)))
        best: dict[str, Any] = {}
        for aid, doc, w in self.docs:
            s = sum(wq * w.get(t, 0.0) for t, wq in q.items())
            if s > 0 and (aid not in best or s > best[aid].score):
                best[aid] = Hit(aid, s, doc)
        return best


def run_once(data: bytes, grader: Any) -> dict[str, Any]:
    from vitk.checker import grading
    from vitk.checker.reading import article_from_bytes
    from vitk.checker.text import segments

    match_t, numbers_t = _Timer(), _Timer()
    orig_match, orig_numbers = grader.best_match, grading.check_numbers
    grader.best_match = match_t.wrap(orig_match)
    grading.check_numbers = numbers_t.wrap(orig_numbers)
    try:
        c0 = time.process_time()
        t0 = time.perf_counter()
        article = article_from_bytes(data, "bench.html", name="bench.html")
        t1 = time.perf_counter()
        segs = list(segments(article.text))
        t2 = time.perf_counter()
        claims = grader.grade(segs)
        t3 = time.perf_counter()
        c3 = time.process_time()
    finally:
        grader.best_match = orig_match
        grading.check_numbers = orig_numbers
    grading_s = match_t.s + numbers_t.s
    return {
        "extraction_s": t1 - t0,
        "claim_finding_s": (t2 - t1) + (t3 - t2 - grading_s),
        "grading_s": grading_s,
        "total_s": t3 - t0,
        "cpu_s": c3 - c0,
        "words": len(article.text.split()),
        "claims": claims,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--words", type=int, default=3000)
    args = ap.parse_args()

    from vitk.checker.core import grader as cached_grader
    from vitk.checker.grading import Grader
    from vitk.evidence import load_evidence

    data = build_article(args.words)
    t0 = time.perf_counter()
    g = cached_grader()
    build_s = time.perf_counter() - t0
    naive = Grader(load_evidence())
    naive.index = NaiveIndex(naive.index)  # type: ignore[assignment]

    run_once(data, g)  # warm-up (imports, trafilatura, regex caches)
    fast = [run_once(data, g) for _ in range(args.repeat)]
    slow = [run_once(data, naive) for _ in range(args.repeat)]
    same = [c.to_dict() for c in fast[0]["claims"]] == [c.to_dict() for c in slow[0]["claims"]]

    def p50(runs: list[dict[str, Any]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    words = fast[0]["words"]
    n_claims = sum(1 for c in fast[0]["claims"] if c.is_claim)
    print(
        f"article: {words} words of extracted text, {len(fast[0]['claims'])} items, "
        f"{n_claims} health claims; grader built once in {build_s * 1000:.0f} ms"
    )
    print(f"{'p50 over ' + str(args.repeat) + ' runs':<28}{'indexed':>12}{'naive scan':>14}")
    for key, label in (
        ("extraction_s", "extraction"),
        ("claim_finding_s", "claim finding"),
        ("grading_s", "grading"),
        ("total_s", "total (wall clock)"),
        ("cpu_s", "total (CPU time)"),
    ):
        print(f"{label:<28}{p50(fast, key) * 1000:>10.0f} ms{p50(slow, key) * 1000:>12.0f} ms")
    ratio = p50(slow, "grading_s") / max(p50(fast, "grading_s"), 1e-9)
    print(f"grading ratio naive / indexed: {ratio:.1f}x; same verdicts: {same}")
    total = p50(fast, "total_s")
    verdict = "meets" if total < TARGET_S else "MISSES"
    print(f"target: whole check < {TARGET_S:.0f} s -> {total:.2f} s wall ({verdict})")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"load average (1 min) during the run: {load:.1f} on {os.cpu_count()} CPUs; on a "
        "shared machine the CPU time is the steadier figure"
    )


if __name__ == "__main__":
    main()
