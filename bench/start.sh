#!/bin/sh
# bench/start.sh: what seccomp adds to a container start, in one run.
# crun starts /bin/true in a busybox-static rootfs (hyperfine, warm cache):
#   - without seccomp,
#   - with the containers' default profile as JSON in linux.seccomp,
#     resolved for this machine as podman writes it ({x86_64, x86, x32},
#     capability-gated entries applied): crun compiles it with libseccomp
#     at every start (crun 1.8.1 keeps no cache for `run`),
#   - with the file as it is (crun ignores archMap and includes/excludes:
#     x86_64 alone and every gated entry kept, a smaller and wrong filter;
#     for comparison with earlier numbers only),
#   - with the same profile compiled once by seccompctl and handed over in
#     the run.oci.seccomp_bpf_data annotation, linux.seccomp kept (crun then
#     writes the decoded program to its seccomp fd instead of calling
#     libseccomp; it still reads `flags` from linux.seccomp),
#   - the annotation alone (crun needs either one, not both; config.json
#     then has no profile for crun to parse),
# and runc without and with the JSON profile for context.  Before timing it
# checks that crun really loaded our program: one filter in the container
# (Seccomp_filters: 1), and an annotation compiled from the profile minus
# chdir makes `cd` fail although linux.seccomp still allows it.  crun 1.8.1
# needs a private mount namespace here (hybrid cgroups): all crun runs share
# one.
# usage: bench/start.sh SECCOMPCTL [RUNS]   (root; runc crun busybox-static
# hyperfine jq; BUILDDIR/bench/resolve_profile next to BUILDDIR/seccompctl)
set -eu
seccompctl=$1
runs=${2:-200}
top=$(cd "$(dirname "$0")/.." && pwd)
profile=$top/profiles/builtin/runtime-default.json
resolve=$(dirname "$seccompctl")/bench/resolve_profile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$resolve" "$profile" >"$work/resolved.json"

# bundle DIR SECCOMP_JSON|none [ANNOTATION [ARGS_JSON]]
bundle() {
	dir=$1
	mkdir -p "$dir/rootfs/bin" "$dir/rootfs/proc" "$dir/rootfs/dev" "$dir/rootfs/sys" \
		"$dir/rootfs/tmp"
	cp /bin/busybox "$dir/rootfs/bin/busybox"
	ln -sf busybox "$dir/rootfs/bin/true"
	(cd "$dir" && runc spec)
	if [ "$2" = none ]; then
		echo null >"$work/none.json"
		set -- "$1" "$work/none.json" "${3:-}" "${4:-}"
	fi
	jq --slurpfile p "$2" --arg a "${3:-}" --argjson args "${4:-[\"/bin/true\"]}" '
		.process.terminal = false | .process.args = $args
		| if $p[0] != null then .linux.seccomp = $p[0] else . end
		| if $a != "" then .annotations["run.oci.seccomp_bpf_data"] = $a else . end' \
		"$dir/config.json" >"$dir/c.json"
	mv "$dir/c.json" "$dir/config.json"
}

# crun_run BUNDLE ID: one crun run in a private mount namespace, output on stdout
# shellcheck disable=SC2016 # expanded by the inner shell
crun_run() {
	unshare -m --propagation private -- sh -ec '
		if mountpoint -q /sys/fs/cgroup/unified; then
			mount -t tmpfs -o size=4k hide /sys/fs/cgroup/unified
		fi
		crun --cgroup-manager=disabled run --bundle "$1" "$2" </dev/null 2>&1' sh "$1" "$2"
}

# crun applies a profile without runc's ENOSYS stub
b64=$("$seccompctl" compile --enosys none --format base64 "$profile")
bundle "$work/none" none
bundle "$work/json" "$work/resolved.json"
bundle "$work/raw" "$profile"
bundle "$work/pre" "$work/resolved.json" "$b64"
bundle "$work/only" none "$b64"

# crun must reject nothing here: one run of each, checked
for b in none json raw pre only; do
	crun_run "$work/$b" "bench-start-$b" >/dev/null || {
		echo "start.sh: crun fails on the '$b' bundle:"
		crun_run "$work/$b" "bench-start-$b" || true
		exit 1
	}
done

# Did crun load our program, and only it?
status='["/bin/busybox","grep","^Seccomp","/proc/self/status"]'
cdtmp='["/bin/busybox","sh","-c","cd /tmp && echo cd-ok"]'
jq '.syscalls |= map(.names -= ["chdir"])' "$profile" >"$work/nochdir.json"
b64_nochdir=$("$seccompctl" compile --enosys none --format base64 "$work/nochdir.json")
bundle "$work/v-pre" "$work/resolved.json" "$b64" "$status"
bundle "$work/v-only" none "$b64" "$status"
bundle "$work/v-json" "$work/resolved.json" "" "$cdtmp"
bundle "$work/v-swap" "$work/resolved.json" "$b64_nochdir" "$cdtmp"
ok=1
for v in pre only; do
	out=$(crun_run "$work/v-$v" "bench-verify-$v" || true)
	case $out in
	*"Seccomp:	2"*"Seccomp_filters:	1"*) ;;
	*)
		echo "start.sh: the '$v' container is not under exactly one filter: $out"
		ok=0
		;;
	esac
done
out_json=$(crun_run "$work/v-json" bench-verify-json || true)
out_swap=$(crun_run "$work/v-swap" bench-verify-swap || true)
if [ "$out_json" != cd-ok ]; then
	echo "start.sh: cd fails under the JSON profile: $out_json"
	ok=0
fi
case $out_swap in
*"can't cd"*) ;;
*)
	echo "start.sh: crun did not load the annotation's program (cd: $out_swap)"
	ok=0
	;;
esac
[ "$ok" = 1 ] || exit 1
n=$(($(printf %s "$b64" | base64 -d | wc -c) / 8))
echo "crun loads the annotation's program: one filter in the container" \
	"(Seccomp_filters: 1); with chdir left out of the annotation only," \
	"cd fails: ${out_swap#sh: }"
echo "precompiled program: $n instructions, ${#b64} bytes of base64"

# shellcheck disable=SC2016 # expanded by the inner shell
unshare -m --propagation private -- sh -ec '
	if mountpoint -q /sys/fs/cgroup/unified; then
		mount -t tmpfs -o size=4k hide /sys/fs/cgroup/unified
	fi
	w=$1 runs=$2
	hyperfine -N --warmup 20 --runs "$runs" --export-json "$w/crun.json" --style basic \
		-n "crun, no seccomp" "crun --cgroup-manager=disabled run --bundle $w/none bs-none" \
		-n "crun, JSON profile" "crun --cgroup-manager=disabled run --bundle $w/json bs-json" \
		-n "crun, JSON file unresolved" "crun --cgroup-manager=disabled run --bundle $w/raw bs-raw" \
		-n "crun, seccompctl program" "crun --cgroup-manager=disabled run --bundle $w/pre bs-pre" \
		-n "crun, program, no JSON" "crun --cgroup-manager=disabled run --bundle $w/only bs-only" \
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
echo "$runs runs of each crun start, $((runs / 2)) of each runc start (hyperfine -N)"
jq -rs '[.[].results[]] | .[] | "\(.command)\t\(.mean * 1000)\t\(.median * 1000)"' \
	"$work/crun.json" "$work/runc.json" |
	awk -F'\t' '
	{ name[NR] = $1; mean[NR] = $2; med[NR] = $3 }
	END {
		printf "%-28s %10s %10s\n", "start of /bin/true", "mean ms", "median ms"
		for (i = 1; i <= NR; i++) printf "%-28s %10.2f %10.2f\n", name[i], mean[i], med[i]
		printf "seccomp adds to crun (medians): JSON profile %.2f ms (unresolved file %.2f ms),", med[2] - med[1], med[3] - med[1]
		printf " seccompctl program %.2f ms, program without the JSON %.2f ms\n", med[4] - med[1], med[5] - med[1]
		if (med[4] - med[1] > 0)
			printf "the precompiled program saves %.2f ms per start (%.0fx less added)\n", med[2] - med[4], (med[2] - med[1]) / (med[4] - med[1])
		else
			printf "the precompiled program saves %.2f ms per start\n", med[2] - med[4]
		printf "goal (at most 2 ms added with the precompiled program): %s\n", med[4] - med[1] <= 2 ? "met" : "NOT met"
		printf "seccomp adds to runc: JSON profile %.2f ms (median)\n", med[7] - med[6]
	}'
