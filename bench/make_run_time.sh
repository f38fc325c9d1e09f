#!/usr/bin/env bash
# Time `make run` from a clean clone to the first served page.
#
# Method: clone the repository's committed HEAD into a temporary directory beside a link
# to ../shared (as CI lays it out), start `make run` on a free port, and poll the home page
# every 0.2 s until it answers 200. The elapsed wall-clock time covers venv creation, pip
# install (from pip's local cache when warm), migrations, data loading and server start.
# Usage: bash bench/make_run_time.sh [port]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
port="${1:-8765}"
work="$(mktemp -d)"
trap 'kill -- -$server_pid 2>/dev/null || true; rm -rf "$work"' EXIT
ln -s "$repo/../shared" "$work/shared"
git clone -q "$repo" "$work/main"
cd "$work/main"
start=$(date +%s.%N)
set -m
PORT="$port" make run >"$work/run.log" 2>&1 &
server_pid=$!
set +m
until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/run.log"; exit 1; fi
  sleep 0.2
done
end=$(date +%s.%N)
printf 'make run: clean clone to first served page in %.1f s (%s)\n' "$(echo "$end - $start" | bc)" "$(git rev-parse --short HEAD)"
