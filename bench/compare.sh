#!/usr/bin/env bash
# Throughput of khabar against the usual Python baselines for Arabic text
# (CAMeL Tools' word tokenizer, the pure-Python Farasa segmenter), measured in
# one run on one sample of real news articles so the ratios mean something.
#
#   bash bench/compare.sh                 # from anywhere; paths are repo-relative
#   DATA=path/to/day.zip N=500 bash bench/compare.sh
#
# Env: DATA (saudinewsnet day zip), N (articles, default 2000),
#      KHABAR (binary, default target/release/khabar), PYTHON (>= 3.11 for the
#      venv), FARASA_BYTES (time Farasa on a prefix of this many bytes, >= 200 KB;
#      default: whole sample), REPEAT (timed runs for CAMeL, default 3).
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-../shared/data/saudinewsnet/2015-07-21.zip}
N=${N:-2000}
KHABAR=${KHABAR:-target/release/khabar}
PYTHON=${PYTHON:-python3}
VENV=bench/.venv
SAMPLE=bench/.sample.txt
# Written only after a successful install + import check, so an interrupted
# install is redone from scratch instead of being mistaken for a working venv.
STAMP=$VENV/.khabar-bench-ok

# Pinned so numbers from different days compare like with like. There is no
# CPU-only torch on PyPI (those wheels live only on PyTorch's own index, which
# we must not use), so camel-tools drags in the CUDA torch build and its
# nvidia-* wheels: several GB, none of it used by the tokenizer timed here.
# The PyPI `farasa` package is a pure-Python port that ships its model as
# pickles; `farasapy` is no substitute here because it downloads a Java jar on
# first use, and there is no network at run time.
PKGS=(camel-tools==1.6.0 farasa==0.0.1)

venv_works() {
    [[ -f $STAMP ]] && "$VENV/bin/python" -c '
import importlib.util, sys
import camel_tools.tokenizers.word
sys.exit(importlib.util.find_spec("farasa.segmentation") is None)' 2>/dev/null
}

if venv_works; then
    echo "venv: $VENV ready ($(cat "$STAMP"))"
else
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
        echo "camel-tools 1.6.0 needs Python >= 3.11; set PYTHON=" >&2; exit 1; }
    echo "venv: installing ${PKGS[*]} into $VENV (torch is large; this takes minutes)"
    rm -rf "$VENV"
    t0=$(date +%s)
    "$PYTHON" -m venv "$VENV"
    # Log to a file: pip's progress output would drown the benchmark report.
    if ! "$VENV/bin/pip" install --no-input "${PKGS[@]}" >"$VENV/pip-install.log" 2>&1; then
        echo "pip install failed; last lines of $VENV/pip-install.log:" >&2
        tail -n 20 "$VENV/pip-install.log" >&2
        exit 1
    fi
    secs=$(( $(date +%s) - t0 ))
    "$VENV/bin/python" -c 'import camel_tools.tokenizers.word, farasa.segmentation'
    echo "installed in ${secs} s, $(du -sh "$VENV" | cut -f1) on disk, $(date -u +%FT%TZ)" >"$STAMP"
    echo "venv: $(cat "$STAMP")"
fi
"$VENV/bin/python" -c 'import importlib.metadata as m; print("versions:", *(f"{p} {m.version(p)}" for p in ("camel-tools", "farasa", "regex", "emoji")))'

"$VENV/bin/python" bench/compare.py sample "$DATA" "$N" "$SAMPLE"
"$VENV/bin/python" bench/compare.py run "$SAMPLE" "$KHABAR"
