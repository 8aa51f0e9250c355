#!/usr/bin/env bash
# The benchmark on the bundled city (scenarios/demo-city): benchmarks/run
# with --presets demo-city. A first numeric argument is the time limit, as
# before; other arguments go to benchmarks/run.
#
#   benchmarks/city.sh [TIME_LIMIT_SECONDS] [benchmarks/run options]
set -euo pipefail
if [[ "${1:-}" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  limit=$1
  shift
  set -- --time-limit "$limit" "$@"
fi
exec "$(dirname "$0")/run" --presets demo-city "$@"
