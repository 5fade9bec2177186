#!/bin/sh
# bench/run.sh: what `seccompctl run` costs a syscall-heavy workload, and
# what --report adds on top when nothing is denied (issue 4's goal: --report
# within 1.1x of plain `run`).  Two workloads (GNU tar, which skips reading
# file contents when the archive is /dev/null, so it is all stat/open/
# getdents; and find), each timed with hyperfine (-N, warm cache) three ways:
#   plain                 the command alone
#   run                   seccompctl run --builtin runtime-default -- CMD
#                         (enforce, no listener: the filter only)
#   run --report          the same with the denied calls routed to the
#                         supervisor through user notification
# --report costs nothing per allowed call (the routed program differs only
# in the RET of denying actions); what it adds is the listener's set-up and
# the supervisor.  If the workload made a call runtime-default denies, each
# such call would be a round trip to the supervisor and the ratio would
# measure that instead: so first each workload runs once with
# --report=FILE, and any denied call stops the benchmark.
# usage: bench/run.sh SECCOMPCTL [RUNS]   (default 30; needs hyperfine, jq,
# bc, tar, find)
set -eu
seccompctl=$1
runs=${2:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for t in hyperfine jq bc tar find; do
	command -v "$t" >/dev/null || {
		echo "bench/run.sh: missing $t (scripts/deps.sh bench)" >&2
		exit 1
	}
done

# check NAME CMD...: the workload must run clean under runtime-default
check() {
	name=$1
	shift
	rc=0
	"$seccompctl" run --report="$work/report.jsonl" --builtin runtime-default -- "$@" \
		>/dev/null 2>"$work/stderr" || rc=$?
	n=$(wc -l <"$work/report.jsonl")
	if [ "$rc" -ne 0 ] || [ "$n" -ne 0 ]; then
		echo "bench/run.sh: FAILED: '$*' under runtime-default exits $rc with $n denied" \
			"calls; the ratios would measure the denials, not --report:" >&2
		jq -r '"  \(.syscall) -> \(.action) (\(.exe))"' "$work/report.jsonl" | sort | uniq -c >&2
		tail -5 "$work/stderr" >&2
		exit 1
	fi
	echo "$name: 0 calls denied by runtime-default (checked with --report)"
}

# bench NAME CMD...: hyperfine the three ways; prints medians and ratios
bench() {
	name=$1
	shift
	cmd="$*"
	hyperfine -N --warmup 3 --runs "$runs" --style basic --export-json "$work/$name.json" \
		-n plain "$cmd" \
		-n run "$seccompctl run --builtin runtime-default -- $cmd" \
		-n report "$seccompctl run --report --builtin runtime-default -- $cmd" \
		</dev/null >"$work/$name.txt" 2>&1 || {
		cat "$work/$name.txt"
		exit 1
	}
	jq -r '.results[] | "\(.command)\t\(.median * 1000)\t\(.mean * 1000)\t\(.stddev * 1000)"' \
		"$work/$name.json" |
		awk -F'\t' -v name="$name" -v cmd="$cmd" -v runs="$runs" '
		{ n[NR] = $1; med[NR] = $2; mean[NR] = $3; sd[NR] = $4 }
		END {
			printf "%s: %s (%d runs each)\n", name, cmd, runs
			printf "  %-14s %10s %10s %10s\n", "", "median ms", "mean ms", "stddev"
			for (i = 1; i <= NR; i++)
				printf "  %-14s %10.1f %10.1f %10.1f\n", n[i], med[i], mean[i], sd[i]
			printf "  run/plain      %.3f  (the filter on every call)\n", med[2] / med[1]
			printf "  report/run     %.3f  (goal at most 1.1: %s)\n", med[3] / med[2],
				med[3] / med[2] <= 1.1 ? "met" : "NOT met"
			printf "  report/plain   %.3f\n", med[3] / med[1]
		}'
}

check tar tar cf /dev/null /usr/share
check find find /usr -type f
bench tar tar cf /dev/null /usr/share
bench find find /usr -type f
