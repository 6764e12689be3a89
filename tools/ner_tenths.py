#!/usr/bin/env python3
"""Ten-tenth cross-validation of the NER tagger on ANERcorp's training part.

For each tenth k of the sentences (sentence ends are `.` `!` `?` tokens, as in
`khabar ner --conll`), a copy of the file with that tenth moved to the end is written,
`khabar train ner --no-refit` trains on the rest (its dev split is the moved tenth,
never trained on), and `khabar eval ner --from-fraction` scores the moved tenth. Tenth 10
is the dev set of `train ner`. Prints each tenth's micro F1 and the mean.

    python3 tools/ner_tenths.py [--bin target/release/khabar] [--jobs 2] [--drop next|previous] [-- TRAIN ARGS]

`--drop` leaves one more tenth out of training (the one after or before the held-out
tenth, rotating), to measure what a tenth more training data is worth.
"""
import argparse, os, re, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default="target/release/khabar")
ap.add_argument("--data", default="../shared/data/anercorp/train.txt")
ap.add_argument("--jobs", type=int, default=2)
ap.add_argument("--tenths", default="1,2,3,4,5,6,7,8,9,10")
ap.add_argument("--drop", choices=["none", "next", "previous"], default="none")
ap.add_argument("train_args", nargs="*")
a = ap.parse_args()

sents, cur = [], []
for line in open(a.data, encoding="utf-8"):
    if not line.strip():
        continue
    cur.append(line)
    if line.split()[0] in (".", "!", "?", "؟"):
        sents.append(cur)
        cur = []
if cur:
    sents.append(cur)
n = len(sents)
n_dev = n - int(n * 0.9 + 1e-9)
tmp = tempfile.mkdtemp(prefix="tenths-")

def run(k):
    # Every tenth has exactly the dev split's size (so `--from-fraction 0.9` scores all of
    # it and nothing else): tenths 1-9 are consecutive blocks from the start, tenth 10 is
    # the dev set, the last block (it overlaps tenth 9 by a few sentences).
    lo = (k - 1) * n_dev if k < 10 else n - n_dev
    hi = lo + n_dev
    drop = range(0)
    if a.drop != "none":
        d = (k % 10 + 1) if a.drop == "next" else ((k - 2) % 10 + 1)
        drop = range((d - 1) * n_dev, d * n_dev) if d < 10 else range(n - n_dev, n)
    rest = [s for i, s in enumerate(sents) if not lo <= i < hi and i not in drop]
    # The held-out tenth goes last; its share of the file is what dev and eval split off.
    frac = n_dev / (len(rest) + n_dev)
    path = os.path.join(tmp, f"t{k}.txt")
    with open(path, "w", encoding="utf-8") as f:
        for s in rest + sents[lo:hi]:
            f.writelines(s)
    model = os.path.join(tmp, f"t{k}.bin")
    subprocess.run([a.bin, "train", "ner", "--data", path, "--out", model, "--no-refit", "--dev-fraction", repr(frac), *a.train_args],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = subprocess.run([a.bin, "eval", "ner", "--gold", path, "--from-fraction", repr(1 - frac), "--model", model],
                         check=True, capture_output=True, text=True).stdout
    m = re.search(r"^micro\s+\S+\s+\S+\s+(\S+)", out, re.M)
    return k, float(m.group(1))

ks = [int(x) for x in a.tenths.split(",")]
with ThreadPoolExecutor(a.jobs) as ex:
    res = dict(ex.map(run, ks))
print(" ".join(f"{k}:{res[k]:.4f}" for k in ks))
print(f"mean {sum(res.values()) / len(res):.4f}")
