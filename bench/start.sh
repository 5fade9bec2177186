#!/bin/sh
# bench/start.sh: what seccomp adds to a container start, in one run.
# crun starts /bin/true in a busybox-static rootfs (hyperfine, warm cache):
#   - without seccomp,
#   - with the containers' default profile as JSON in linux.seccomp (crun
#     compiles it with libseccomp at every start),
#   - with the same profile compiled once by seccompctl and handed over in
#     the run.oci.seccomp_bpf_data annotation (crun loads the program),
# and runc without and with the JSON profile for context.  crun 1.8.1 needs
# a private mount namespace here (hybrid cgroups): all crun runs share one.
# usage: bench/start.sh SECCOMPCTL [RUNS]   (root; runc crun busybox-static
# hyperfine jq)
set -eu
seccompctl=$1
runs=${2:-200}
top=$(cd "$(dirname "$0")/.." && pwd)
profile=$top/profiles/builtin/runtime-default.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bundle() { # bundle DIR SECCOMP_JSON|none [ANNOTATION]
	dir=$1
	mkdir -p "$dir/rootfs/bin" "$dir/rootfs/proc" "$dir/rootfs/dev" "$dir/rootfs/sys" \
		"$dir/rootfs/tmp"
	cp /bin/busybox "$dir/rootfs/bin/busybox"
	ln -sf busybox "$dir/rootfs/bin/true"
	(cd "$dir" && runc spec)
	if [ "$2" = none ]; then
		jq '.process.terminal = false | .process.args = ["/bin/true"]' \
			"$dir/config.json" >"$dir/c.json"
	else
		jq --slurpfile p "$2" --arg a "${3:-}" '.process.terminal = false
			| .process.args = ["/bin/true"] | .linux.seccomp = $p[0]
			| if $a != "" then .annotations["run.oci.seccomp_bpf_data"] = $a else . end' \
			"$dir/config.json" >"$dir/c.json"
	fi
	mv "$dir/c.json" "$dir/config.json"
}

bundle "$work/none" none
bundle "$work/json" "$profile"
b64=$("$seccompctl" compile --format base64 "$profile")
bundle "$work/pre" "$profile" "$b64"

# crun must reject nothing here: one run of each, checked
for b in none json pre; do
	unshare -m --propagation private -- sh -ec '
		if mountpoint -q /sys/fs/cgroup/unified; then
			mount -t tmpfs -o size=4k hide /sys/fs/cgroup/unified
		fi
		crun --cgroup-manager=disabled run --bundle "$1" "bench-start-$2" </dev/null' \
		sh "$work/$b" "$b"
done
echo "precompiled program: $(printf %s "$b64" | base64 -d | wc -c) bytes," \
	"$(($(printf %s "$b64" | base64 -d | wc -c) / 8)) instructions"

unshare -m --propagation private -- sh -ec '
	if mountpoint -q /sys/fs/cgroup/unified; then
		mount -t tmpfs -o size=4k hide /sys/fs/cgroup/unified
	fi
	w=$1 runs=$2
	hyperfine -N --warmup 20 --runs "$runs" --export-json "$w/crun.json" --style basic \
		-n "crun, no seccomp" "crun --cgroup-manager=disabled run --bundle $w/none bs-none" \
		-n "crun, JSON profile" "crun --cgroup-manager=disabled run --bundle $w/json bs-json" \
		-n "crun, seccompctl program" "crun --cgroup-manager=disabled run --bundle $w/pre bs-pre" \
		</dev/null' sh "$work" "$runs" >"$work/crun.txt" 2>&1 || {
	cat "$work/crun.txt"
	exit 1
}
hyperfine -N --warmup 10 --runs "$((runs / 2))" --export-json "$work/runc.json" --style basic \
	-n "runc, no seccomp" "runc run --bundle $work/none bs-rnone" \
	-n "runc, JSON profile" "runc run --bundle $work/json bs-rjson" </dev/null \
	>"$work/runc.txt" 2>&1 || {
	cat "$work/runc.txt"
	exit 1
}

# mean and median (ms) per command, and what seccomp adds
jq -rs '[.[].results[]] | .[] | "\(.command)\t\(.mean * 1000)\t\(.median * 1000)"' \
	"$work/crun.json" "$work/runc.json" |
	awk -F'\t' '
	{ name[NR] = $1; mean[NR] = $2; med[NR] = $3 }
	END {
		printf "%-28s %10s %10s\n", "start of /bin/true", "mean ms", "median ms"
		for (i = 1; i <= NR; i++) printf "%-28s %10.2f %10.2f\n", name[i], mean[i], med[i]
		printf "seccomp adds to crun: JSON profile %.2f ms, seccompctl program %.2f ms (medians)\n",
			med[2] - med[1], med[3] - med[1]
		printf "seccomp adds to runc: JSON profile %.2f ms (median)\n", med[5] - med[4]
	}'
