#!/usr/bin/env python3
"""Throughput comparison: khabar vs. CAMeL Tools vs. Farasa (pure-Python port).

Driven by bench/compare.sh, which owns the venv. Every tool reads the same
sample file, and every MB figure is UTF-8 bytes of article text / 1e6, so the
rows of the final table are directly comparable.

Subcommands:
  sample  DATA_ZIP N OUT      write the first N non-empty articles to OUT
  run     SAMPLE KHABAR_BIN   time every tool and print the table
"""

import json
import os
import re
import statistics
import subprocess
import sys
import time
import zipfile

MB = 1e6  # decimal MB: what "MB/s" means in every row of the table

# Farasa is pure Python and ~20x slower than CAMeL's tokenizer; at ~0.1-0.3
# MB/s the default 2000-article sample still takes about a minute, so it gets
# the whole sample unless FARASA_BYTES asks for a prefix (whole articles, at
# least 200 KB: below that its memo is cold for most of the run and the number
# drifts low).
FARASA_MIN_PREFIX = 200_000
FARASA_PREFIX = int(os.environ.get("FARASA_BYTES", "0"))  # 0 = whole sample
# Timed repetitions for the fast tools; the median damps noise from whatever
# else is running on a small shared machine.
REPEAT = int(os.environ.get("REPEAT", "3"))


# --------------------------------------------------------------------------
# sample extraction
# --------------------------------------------------------------------------

def extract_sample(zip_path, n, out_path):
    """Write the first n non-empty `content` fields, one block per article.

    Blank lines inside an article are collapsed to a single newline so that a
    blank line is an unambiguous article separator for every consumer
    (including `khabar bench`, which splits the file the same way).
    """
    with zipfile.ZipFile(zip_path) as z:
        names = [m for m in z.namelist() if m.endswith(".json")]
        if not names:
            sys.exit(f"no .json member in {zip_path}")
        with z.open(names[0]) as f:
            docs = json.load(f)

    articles = []
    for doc in docs:
        text = (doc.get("content") or "").strip()
        if not text:
            continue
        articles.append(re.sub(r"\n\s*\n", "\n", text))
        if len(articles) == n:
            break
    if len(articles) < n:
        print(f"note: only {len(articles)} non-empty articles in {zip_path} (asked for {n})")

    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n\n".join(articles) + "\n")
    size = os.path.getsize(out_path)
    text_bytes = sum(len(a.encode("utf-8")) for a in articles)
    print(f"sample: {out_path}: {len(articles)} articles, {size / MB:.3f} MB file "
          f"({text_bytes / MB:.3f} MB article text, UTF-8)")


def read_sample(path):
    with open(path, encoding="utf-8") as f:
        return [a for a in f.read().split("\n\n") if a.strip()]


def utf8_len(articles):
    return sum(len(a.encode("utf-8")) for a in articles)


# --------------------------------------------------------------------------
# tools
# --------------------------------------------------------------------------

def bench_camel(articles):
    from camel_tools.tokenizers.word import simple_word_tokenize

    def one_pass():
        n = 0
        for a in articles:
            n += len(simple_word_tokenize(a))
        return n

    one_pass()  # warm-up: regex compilation, page cache, allocator
    runs = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        tokens = one_pass()
        runs.append(time.perf_counter() - t0)
    secs = statistics.median(runs)
    nbytes = utf8_len(articles)
    return {
        "tool": "CAMeL Tools",
        "task": "simple_word_tokenize",
        "bytes": nbytes,
        "secs": secs,
        "tokens": tokens,
        "mb_per_s": nbytes / MB / secs,
        "tokens_per_s": tokens / secs,
        "note": f"all {len(articles)} articles, median of {REPEAT} runs "
                f"({', '.join(f'{r:.3f}' for r in runs)} s)",
    }


def bench_farasa(articles):
    from farasa import segmentation as seg

    # segmentLine memoises every new word into the module-level hmSeenBefore
    # dict (which also ships pre-filled from the model pickles). A second pass
    # over the same text would be pure dict lookups, so "warm up, then time"
    # must restore the shipped dict after the warm-up, or the timed pass
    # measures the cache instead of the segmenter.
    shipped = dict(seg.hmSeenBefore)

    prefix, nbytes = [], 0
    limit = max(FARASA_PREFIX, FARASA_MIN_PREFIX) if FARASA_PREFIX else float("inf")
    for a in articles:
        if nbytes >= limit:
            break
        prefix.append(a)
        nbytes += len(a.encode("utf-8"))

    seg.segmentLine(prefix[0])  # warm-up
    seg.hmSeenBefore.clear()
    seg.hmSeenBefore.update(shipped)

    t0 = time.perf_counter()
    words = segments = 0
    for a in prefix:
        out = seg.segmentLine(a)
        words += len(out)
        segments += sum(w.count("+") + 1 for w in out)
    secs = time.perf_counter() - t0

    # Second pass with the memo filled: Farasa's best case on repeated
    # vocabulary; reported for context only, not used in the table.
    t1 = time.perf_counter()
    for a in prefix:
        seg.segmentLine(a)
    memo_secs = time.perf_counter() - t1

    whole = len(prefix) == len(articles)
    return {
        "tool": "Farasa (PyPI farasa 0.0.1)",
        "task": "segmentLine",
        "bytes": nbytes,
        "secs": secs,
        "tokens": words,
        "segments": segments,
        "mb_per_s": nbytes / MB / secs,
        "tokens_per_s": words / secs,
        "memo_mb_per_s": nbytes / MB / memo_secs,
        "note": ("all" if whole else "PREFIX of") + f" {len(prefix)} articles "
                f"({nbytes / MB:.3f} MB), 1 timed pass, memo reset after warm-up",
    }


def khabar_results(binary, sample):
    """Run `khabar bench --json`; return its result dicts, or None on failure."""
    missing = "khabar binary not found: build with cargo build --release"
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(missing)
        return None
    try:
        p = subprocess.run([binary, "bench", "--input", sample, "--json"],
                           capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as e:
        print(missing)
        print(f"  ({binary}: {e})")
        return None
    results = []
    if p.returncode == 0:
        try:
            results = _find_results(json.loads(p.stdout))
        except json.JSONDecodeError:
            pass
    if not results:
        print(missing)
        why = (p.stderr.strip() or p.stdout.strip() or "no output").splitlines()[0]
        print(f"  ({binary} bench exited {p.returncode}, no JSON with mb_per_s: {why[:200]})")
        return None
    print(f"khabar bench --json: {p.stdout.strip()[:2000]}")
    return results


def _find_results(obj):
    """Collect the innermost dicts carrying mb_per_s, wherever they nest.

    The `khabar bench` schema is still young; accepting a flat object, a list,
    or a {"results": [...]} wrapper keeps this script working through churn.
    A wrapper's own mb_per_s is a summary that repeats one of its results, so
    it only counts when nothing nested does.
    """
    found = []
    if isinstance(obj, dict):
        for v in obj.values():
            if isinstance(v, (dict, list)):
                found.extend(_find_results(v))
        if not found and isinstance(obj.get("mb_per_s"), (int, float)):
            found.append(obj)
    elif isinstance(obj, list):
        for v in obj:
            found.extend(_find_results(v))
    return found


def _name(r):
    return str(r.get("task") or r.get("name") or "bench")


def _is_baseline(r):
    # khabar's bench also times trivial loops as a speed-of-light reference;
    # those are not khabar features, so they are no basis for a ratio.
    return _name(r).lower().startswith("baseline")


def _khabar_for(results, keyword):
    """Pick khabar's result for the same kind of work as a tool row.

    The shortest name mentioning the keyword is the most specific stage
    ("tokenise" rather than "normalise+tokenise+...+stem").
    """
    own = [r for r in results if not _is_baseline(r)] or results
    hits = [r for r in own if keyword in _name(r).lower()]
    return min(hits, key=lambda r: len(_name(r))) if hits else own[0]


# --------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------

def run(sample, khabar_bin):
    articles = read_sample(sample)
    print(f"input: {len(articles)} articles, {utf8_len(articles) / MB:.3f} MB UTF-8 "
          f"(MB = 1e6 bytes); python {sys.version.split()[0]}; "
          f"{os.cpu_count()} CPUs, loadavg {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()

    rows = []
    for bench in (bench_camel, bench_farasa):
        try:
            r = bench(articles)
        except Exception as e:  # one broken tool must not hide the others
            print(f"{bench.__name__}: FAILED: {type(e).__name__}: {e}")
            continue
        rows.append(r)
        line = (f"{r['tool']} {r['task']}: {r['mb_per_s']:.4f} MB/s, "
                f"{r['tokens_per_s']:,.0f} tokens/s ({r['tokens']:,} tokens, "
                f"{r['bytes'] / MB:.3f} MB in {r['secs']:.3f} s)")
        if "segments" in r:
            line += f", {r['segments']:,} segments"
        print(line)
        print(f"  {r['note']}")
        if "memo_mb_per_s" in r:
            print(f"  (second pass, memo warm: {r['memo_mb_per_s']:.4f} MB/s; not used below)")
    print()

    kh = khabar_results(khabar_bin, sample)
    print()

    table = [("tool", "task", "MB/s", "ratio khabar/tool")]
    if kh:
        for r in kh:
            if not _is_baseline(r):
                table.append(("khabar", _name(r), f"{r['mb_per_s']:.4f}", ""))
    for r, key in zip(rows, ("token", "segment")):
        ratio = "n/a"
        if kh:
            k = _khabar_for(kh, key)
            ratio = f"{k['mb_per_s'] / r['mb_per_s']:.1f}x"
            if len(kh) > 1:
                ratio += f" (vs {_name(k)})"
        table.append((r["tool"], r["task"], f"{r['mb_per_s']:.4f}", ratio))
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for i, row in enumerate(table):
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if i == 0:
            print("-+-".join("-" * w for w in widths))


def main(argv):
    if len(argv) == 4 and argv[0] == "sample":
        extract_sample(argv[1], int(argv[2]), argv[3])
    elif len(argv) == 3 and argv[0] == "run":
        run(argv[1], argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
