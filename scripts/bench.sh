#!/bin/sh
# Run every benchmark in BUILDDIR/bench; each takes the repo root.
# usage: scripts/bench.sh BUILDDIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
for b in "$1"/bench/bench_*; do
	[ -x "$b" ] || continue
	echo "== $(basename "$b")"
	"$b" "$top"
done
