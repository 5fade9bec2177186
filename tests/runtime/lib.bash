# shellcheck shell=bash
# shellcheck disable=SC2034 # rt_status, rt_stdout, ... are the interface
# Helpers for the runtime tests: real OCI runtimes (runc, crun) running a
# busybox-static rootfs under a seccomp profile, and the kernel's SECCOMP
# audit records (type=1326) read back from /dev/kmsg.
#
# Conventions
# - Every container id starts with "sctl-rt-" plus a per-run token, and is
#   remembered so rt_teardown can delete it even when a test stops halfway.
# - Safe under `set -e` (bats runs tests that way).
# - rt_run_* never fail the test by themselves: they leave the outcome in
#   rt_status (exit status; 124 = timeout), rt_stdout, rt_stderr, rt_pid
#   (host pid of the container process) and rt_id.  Do not call them under
#   bats' `run` (that would lose the variables).
# - The test file's teardown() must call rt_teardown.
# - Optional environment: RT_RUN_TOKEN (part of every container id and
#   kmsg marker), RT_KMSG_PIDS (file that collects the reader pids),
#   RT_TIMEOUT (seconds per runtime command, default 30).
#
# Without auditd the kernel prints SECCOMP records through printk, which the
# printk rate limit thins out; kauditd prints them asynchronously.  Hence the
# rate limit goes to 0 while capturing, a reader drains /dev/kmsg
# continuously (the ring holds only a few hundred records), and capture
# stops only after an end marker written to /dev/kmsg came back and the
# output stopped growing.

RT_TIMEOUT=${RT_TIMEOUT:-30}
RT_PRINTK_RATELIMIT=/proc/sys/kernel/printk_ratelimit
RT_UNIFIED=/sys/fs/cgroup/unified

rt_containers=()   # "runtime id" pairs still to delete
rt_kmsg_pid=""     # pid of the background /dev/kmsg reader
rt_kmsg_file=""    # where it writes
rt_kmsg_token=""   # marker text of the current capture
rt_saved_ratelimit=""

rt_skip_unless_root_and_tools()
{
	local missing="" t
	if [ "$(id -u)" != 0 ]; then
		skip "needs root (OCI runtimes, /dev/kmsg, printk_ratelimit)"
	fi
	for t in runc crun jq timeout unshare mountpoint scmp_sys_resolver; do
		command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
	done
	if ! dpkg-query -W -f='${Status}' busybox-static 2>/dev/null |
		grep -q 'install ok installed'; then
		missing="$missing busybox-static"
	fi
	if [ -n "$missing" ]; then
		skip "missing:$missing (Debian packages runc crun jq busybox-static seccomp util-linux)"
	fi
	if [ ! -r /dev/kmsg ] || [ ! -w "$RT_PRINTK_RATELIMIT" ]; then
		skip "/dev/kmsg or $RT_PRINTK_RATELIMIT not accessible"
	fi
}

# A fresh container id, unique per process and call.
rt_new_id()
{
	RT_SEQ=$((${RT_SEQ:-0} + 1))
	printf 'sctl-rt-%s-%s-%s\n' "${RT_RUN_TOKEN:-$$}" "${BATS_TEST_NUMBER:-0}" "$RT_SEQ"
}

# rt_make_bundle DIR PROFILE [CMD...]
# PROFILE is a file or JSON text; its object becomes linux.seccomp as is
# (Docker-style "names" arrays are what the OCI spec uses too).  CMD
# defaults to /bin/true.  The rest of config.json is `runc spec`'s default:
# noNewPrivileges true, root read-only; change it with rt_bundle_edit.
rt_make_bundle()
{
	local dir=$1 profile=$2 a
	shift 2
	[ $# -gt 0 ] || set -- /bin/true
	rm -rf "$dir"
	mkdir -p "$dir/rootfs/bin" "$dir/rootfs/proc" "$dir/rootfs/dev" \
		"$dir/rootfs/sys" "$dir/rootfs/tmp" || return 1
	# busybox-static ships /bin/busybox; the applet links point at it
	# relatively so they resolve inside the container's root.
	cp /bin/busybox "$dir/rootfs/bin/busybox" || return 1
	for a in $("$dir/rootfs/bin/busybox" --list); do
		[ "$a" = busybox ] || ln -s busybox "$dir/rootfs/bin/$a" || return 1
	done
	if [ -f "$profile" ]; then
		cp "$profile" "$dir/profile.json" || return 1
	else
		printf '%s\n' "$profile" >"$dir/profile.json" || return 1
	fi
	jq -e 'type == "object"' "$dir/profile.json" >/dev/null || {
		echo "rt_make_bundle: profile is not a JSON object" >&2
		return 1
	}
	# jq would take "-c" in CMD for its own option: quote each argument
	# separately.
	for a in "$@"; do
		jq -n --arg a "$a" '$a'
	done >"$dir/args.json" || return 1
	(cd "$dir" && runc spec) || return 1
	jq --slurpfile p "$dir/profile.json" --slurpfile args "$dir/args.json" '
		.process.terminal = false
		| .process.args = $args
		| .linux.seccomp = $p[0]' \
		"$dir/config.json" >"$dir/config.json.new" &&
		mv "$dir/config.json.new" "$dir/config.json"
}

# rt_bundle_edit DIR JQ_FILTER: rewrite config.json, e.g.
#   rt_bundle_edit "$b" '.process.noNewPrivileges = false'
rt_bundle_edit()
{
	jq "$2" "$1/config.json" >"$1/config.json.new" && mv "$1/config.json.new" "$1/config.json"
}

rt_forget()
{
	local keep=() c
	for c in "${rt_containers[@]}"; do
		[ "$c" = "$1" ] || keep+=("$c")
	done
	rt_containers=("${keep[@]}")
}

# crun 1.8.1 refuses hybrid cgroups; in a private mount namespace with the
# cgroup2 mount hidden and the cgroup manager disabled it runs.  The tmpfs
# disappears with the namespace, so nothing is left mounted.
rt_crun()
{
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare -m --propagation private -- sh -ec '
		if mountpoint -q "$0"; then mount -t tmpfs -o size=4k rt-hide "$0"; fi
		exec "$@"' "$RT_UNIFIED" \
		timeout "$RT_TIMEOUT" crun --cgroup-manager=disabled "$@"
}

rt_runc()
{
	timeout "$RT_TIMEOUT" runc "$@"
}

rt_delete()
{
	case $1 in
	runc) rt_runc delete -f "$2" ;;
	crun) rt_crun delete -f "$2" ;;
	esac >/dev/null 2>&1 || true
	rt_forget "$1 $2"
}

# rt_run RUNTIME DIR: run the bundle to completion, then delete it.
rt_run()
{
	local rt=$1 dir=$2
	rt_id=$(rt_new_id)
	rt_containers+=("$rt $rt_id")
	rm -f "$dir/pid"
	rt_status=0
	"rt_$rt" run --bundle "$dir" --pid-file "$dir/pid" "$rt_id" \
		</dev/null >"$dir/stdout" 2>"$dir/stderr" || rt_status=$?
	rt_delete "$rt" "$rt_id"
	rt_stdout=$(cat "$dir/stdout")
	rt_stderr=$(cat "$dir/stderr")
	rt_pid=$(cat "$dir/pid" 2>/dev/null || true)
	return 0
}

rt_run_runc() { rt_run runc "$1"; }
rt_run_crun() { rt_run crun "$1"; }

# rt_exec RUNTIME DIR CMD...: start the bundle detached (its command should
# wait, e.g. `sleep 30`), run CMD in it with `exec`, then kill and delete the
# container.  rt_status/rt_stdout/rt_stderr/rt_pid describe the exec'd
# process; rt_init_pid is the container's init.
rt_exec()
{
	local rt=$1 dir=$2
	shift 2
	rt_id=$(rt_new_id)
	rt_containers+=("$rt $rt_id")
	rm -f "$dir/pid" "$dir/exec.pid"
	if ! "rt_$rt" run -d --bundle "$dir" --pid-file "$dir/pid" "$rt_id" \
		</dev/null >"$dir/stdout" 2>"$dir/stderr"; then
		rt_status=255
		rt_stderr="run -d failed: $(cat "$dir/stderr")"
		rt_delete "$rt" "$rt_id"
		return 0
	fi
	rt_init_pid=$(cat "$dir/pid")
	rt_status=0
	"rt_$rt" exec --pid-file "$dir/exec.pid" "$rt_id" "$@" \
		</dev/null >"$dir/stdout" 2>"$dir/stderr" || rt_status=$?
	rt_delete "$rt" "$rt_id"
	rt_stdout=$(cat "$dir/stdout")
	rt_stderr=$(cat "$dir/stderr")
	rt_pid=$(cat "$dir/exec.pid" 2>/dev/null || true)
	return 0
}

# ---- /dev/kmsg capture ---------------------------------------------------

# rt_kmsg_start FILE: rate limit off, reader started, begin marker seen.
# Reading starts at the beginning of the ring; everything before our begin
# marker is cut off by rt_kmsg_stop.
rt_kmsg_start()
{
	local _
	rt_kmsg_file=$1
	rt_kmsg_token="sctl-rt-kmsg-${RT_RUN_TOKEN:-$$}-$RANDOM$RANDOM"
	if [ -z "$rt_saved_ratelimit" ]; then
		rt_saved_ratelimit=$(cat "$RT_PRINTK_RATELIMIT") || return 1
	fi
	echo 0 >"$RT_PRINTK_RATELIMIT" || return 1
	# The reader starts at the oldest record of the ring; when the kernel
	# overwrites records it has not read yet, read() fails with EPIPE and
	# cat exits before our marker.  Then start again (a few tries).
	local try
	for try in 1 2 3; do
		: >"$rt_kmsg_file"
		# 3>&-: bats waits for fd 3 to close before it finishes a test.
		cat /dev/kmsg >"$rt_kmsg_file" 2>"$rt_kmsg_file.err" 3>&- &
		rt_kmsg_pid=$!
		# Lets a later check prove that no reader outlived its test.
		[ -z "${RT_KMSG_PIDS:-}" ] || echo "$rt_kmsg_pid" >>"$RT_KMSG_PIDS"
		echo "$rt_kmsg_token begin $try" >/dev/kmsg
		for _ in $(seq 200); do
			if grep -q "$rt_kmsg_token begin $try\$" "$rt_kmsg_file"; then
				rt_kmsg_begin="$rt_kmsg_token begin $try"
				return 0
			fi
			kill -0 "$rt_kmsg_pid" 2>/dev/null || break
			sleep 0.05
		done
		kill "$rt_kmsg_pid" 2>/dev/null
		wait "$rt_kmsg_pid" 2>/dev/null
	done
	rt_kmsg_pid=
	echo "rt_kmsg_start: begin marker never came back from /dev/kmsg" \
		"($(cat "$rt_kmsg_file.err" 2>/dev/null))" >&2
	return 1
}

# rt_kmsg_stop: end marker seen and output quiet, reader stopped, rate limit
# restored, FILE reduced to the lines between the markers.  Fails when the
# reader died early (the kernel answers EPIPE when records were overwritten
# before they were read) or the kernel reports suppressed records.
rt_kmsg_stop()
{
	local _ size=-1 now ok=1
	[ -n "$rt_kmsg_pid" ] || return 0
	echo "$rt_kmsg_token end" >/dev/kmsg
	for _ in $(seq 100); do
		if grep -q "$rt_kmsg_token end" "$rt_kmsg_file"; then
			now=$(stat -c %s "$rt_kmsg_file")
			[ "$now" = "$size" ] && break
			size=$now
		fi
		sleep 0.05
	done
	if ! kill -0 "$rt_kmsg_pid" 2>/dev/null; then
		echo "rt_kmsg_stop: kmsg reader died: $(cat "$rt_kmsg_file.err")" >&2
		ok=0
	fi
	kill "$rt_kmsg_pid" 2>/dev/null || true
	wait "$rt_kmsg_pid" 2>/dev/null || true
	rt_kmsg_pid=""
	rt_kmsg_restore_ratelimit
	sed -i -n "/$rt_kmsg_begin\$/,/$rt_kmsg_token end/p" "$rt_kmsg_file"
	if ! grep -q "$rt_kmsg_token end" "$rt_kmsg_file"; then
		echo "rt_kmsg_stop: end marker missing" >&2
		ok=0
	fi
	if grep -q 'callbacks suppressed' "$rt_kmsg_file"; then
		echo "rt_kmsg_stop: the kernel suppressed records:" >&2
		grep 'callbacks suppressed' "$rt_kmsg_file" >&2
		ok=0
	fi
	[ "$ok" = 1 ]
}

rt_kmsg_restore_ratelimit()
{
	if [ -n "$rt_saved_ratelimit" ]; then
		echo "$rt_saved_ratelimit" >"$RT_PRINTK_RATELIMIT"
		rt_saved_ratelimit=""
	fi
}

# ---- SECCOMP records -------------------------------------------------------

# rt_syscall_name ARCH NR -> name (scmp_sys_resolver; x32 numbers keep
# their 0x40000000 bit).  Unknown numbers come back as "nr<N>".
rt_syscall_name()
{
	local n
	n=$(scmp_sys_resolver -a "$1" "$2" 2>/dev/null)
	case $n in "" | UNKNOWN) n="nr$2" ;; esac
	printf '%s\n' "$n"
}

# audit's AUDIT_ARCH_* value (and the x32 bit of the number) -> libseccomp
# arch name.
rt_arch_name()
{
	case $1 in
	c000003e) if [ $(($2 & 0x40000000)) -ne 0 ]; then echo x32; else echo x86_64; fi ;;
	40000003) echo x86 ;;
	c00000b7) echo aarch64 ;;
	40000028) echo arm ;;
	*) echo "$1" ;;
	esac
}

# rt_seccomp_records FILE: one tab-separated line per type=1326 record:
#   pid comm exe arch nr name
# comm and exe lose their quotes (audit prints them in hex instead when they
# contain spaces or quotes; that stays as is).  Each distinct (arch, nr) is
# resolved once.
rt_seccomp_records()
{
	local raw names arch nr an
	raw=$(sed -n 's/.*type=1326 .* pid=\([0-9]*\) .*comm=\("[^"]*"\|[0-9A-F]*\) exe=\("[^"]*"\|[0-9A-F]*\) .*arch=\([0-9a-f]*\) syscall=\([0-9]*\) .*/\1 \2 \3 \4 \5/p' "$1" |
		tr -d '"')
	[ -n "$raw" ] || return 0
	names=$(awk '{ print $4, $5 }' <<<"$raw" | sort -u |
		while read -r arch nr; do
			an=$(rt_arch_name "$arch" "$nr")
			printf '%s %s %s %s\n' "$arch" "$nr" "$an" "$(rt_syscall_name "$an" "$nr")"
		done)
	awk -v OFS='\t' 'NR == FNR { arch[$1 " " $2] = $3; name[$1 " " $2] = $4; next }
		{ k = $4 " " $5; print $1, $2, $3, arch[k], $5, name[k] }' \
		<(printf '%s\n' "$names") <(printf '%s\n' "$raw")
}

# ---- teardown ----------------------------------------------------------------

rt_teardown()
{
	local c
	for c in "${rt_containers[@]}"; do
		# shellcheck disable=SC2086 # "runtime id"
		rt_delete $c
	done
	rt_containers=()
	if [ -n "$rt_kmsg_pid" ]; then
		kill "$rt_kmsg_pid" 2>/dev/null || true
		wait "$rt_kmsg_pid" 2>/dev/null || true
		rt_kmsg_pid=""
	fi
	rt_kmsg_restore_ratelimit
}
