#!/usr/bin/env bash
# Load test of `khabar serve` on loopback with wrk (Debian package `wrk`), bounded in
# time: search only, then searches mixed with analyze. Usage:
#   bash bench/load.sh INDEX_DIR [SECONDS]
# Needs a built binary (cargo build --release) and an index (khabar index --index DIR ...).
set -euo pipefail
cd "$(dirname "$0")/.."
index=${1:?usage: bench/load.sh INDEX_DIR [SECONDS]}
secs=${2:-20}
command -v wrk >/dev/null || { echo "wrk not installed (apt-get install wrk)"; exit 1; }
addr=127.0.0.1:18931
target/release/khabar serve --index "$index" --addr "$addr" & pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://$addr/health" >/dev/null 2>&1 && break; sleep 0.2; done
echo "== search only, 1 thread, 1 connection (latency of one request at a time)"
wrk -t1 -c1 -d"${secs}s" --latency -s bench/load-search.lua "http://$addr" | grep -E "Latency|50%|99%|Requests/sec"
echo "== search only, 2 threads, 16 connections"
wrk -t2 -c16 -d"${secs}s" --latency -s bench/load-search.lua "http://$addr" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
echo "== 90% search + 10% analyze, 2 threads, 16 connections"
wrk -t2 -c16 -d"${secs}s" --latency -s bench/load-mixed.lua "http://$addr" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
