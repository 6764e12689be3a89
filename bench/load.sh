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
# CPU seconds the server has used (user + system), from /proc
cpu() { awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) / t}' "/proc/$pid/stat"; }
phase() { # title, threads, connections, script
  echo "== $1"
  local before out requests
  before=$(cpu)
  out=$(wrk -t"$2" -c"$3" -d"${secs}s" --latency -s "$4" "http://$addr")
  echo "$out" | grep -E "50%|99%|Requests/sec|requests in|Non-2xx"
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  awk -v a="$before" -v b="$(cpu)" -v n="$requests" 'BEGIN { printf "  server CPU per request: %.3f ms (so %.0f requests/s if it had both cores to itself)\n", (b - a) * 1000 / n, n / (b - a) * 2 }'
}
phase "search only, 1 connection (latency of one request at a time)" 1 1 bench/load-search.lua
phase "search only, 16 connections" 2 16 bench/load-search.lua
phase "90% search + 10% analyze, 16 connections" 2 16 bench/load-mixed.lua
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wrk runs on the same cores)"
