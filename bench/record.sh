#!/bin/sh
# bench/record.sh: what recording costs a syscall-heavy workload (issue 5's
# goals, ratios from one run): on `find /usr -type f` and `tar cf /dev/null
# /usr/share`, hyperfine (-N, warm cache) times
#   plain           the command alone
#   ptrace          seccompctl record --method ptrace (SECCOMP_RET_TRACE)
#   notify          seccompctl record --method notify (user notification)
#   base            seccompctl record --base FIRST, FIRST a first recording of
#                   the same command: every call it makes is allowed in the
#                   kernel, nothing reaches the recorder
#   strace          strace -f -c -o /dev/null, the anchor
# and prints each overhead (time/plain - 1) as a fraction of strace's.
# Goals: ptrace at most 1/2 of strace's overhead, notify at most 1/3,
# --base at most 1.2x plain.
# usage: bench/record.sh SECCOMPCTL [RUNS]   (default 5; needs hyperfine, jq,
# strace)
set -eu
seccompctl=$1
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for t in hyperfine jq strace find tar; do
	command -v "$t" >/dev/null || {
		echo "bench/record.sh: missing $t (scripts/deps.sh bench)" >&2
		exit 1
	}
done

bench() {
	name=$1
	shift
	cmd="$*"
	"$seccompctl" record -q --for none -o "$work/$name.base.json" -- "$@" >/dev/null
	hyperfine -N --warmup 1 --runs "$runs" --style basic --export-json "$work/$name.json" \
		-n plain "$cmd" \
		-n ptrace "$seccompctl record -q --for none -o $work/p.json -- $cmd" \
		-n notify "$seccompctl record -q --method notify --for none -o $work/n.json -- $cmd" \
		-n base "$seccompctl record -q --for none --base $work/$name.base.json -o $work/b.json -- $cmd" \
		-n strace "strace -f -c -o /dev/null $cmd" \
		</dev/null >"$work/$name.txt" 2>&1 || {
		cat "$work/$name.txt"
		exit 1
	}
	jq -r '.results[] | "\(.command)\t\(.median * 1000)"' "$work/$name.json" |
		awk -F'\t' -v name="$name" -v cmd="$cmd" -v runs="$runs" '
		{ n[NR] = $1; med[NR] = $2 }
		END {
			printf "%s: %s (%d runs each, medians)\n", name, cmd, runs
			for (i = 1; i <= NR; i++)
				printf "  %-8s %9.1f ms  %6.2fx plain\n", n[i], med[i], med[i] / med[1]
			s = med[5] / med[1] - 1
			p = (med[2] / med[1] - 1) / s
			q = (med[3] / med[1] - 1) / s
			printf "  ptrace overhead / strace overhead %.2f (goal at most 0.5: %s)\n", p,
				p <= 0.5 ? "met" : "NOT met"
			printf "  notify overhead / strace overhead %.2f (goal at most 0.33: %s)\n", q,
				q <= 1 / 3 ? "met" : "NOT met"
			printf "  base / plain %.2f (goal at most 1.2: %s)\n", med[4] / med[1],
				med[4] / med[1] <= 1.2 ? "met" : "NOT met"
		}'
}

bench find find /usr -type f
bench tar tar cf /dev/null /usr/share
