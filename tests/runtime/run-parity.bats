#!/usr/bin/env bats
# `seccompctl run` against the real runtimes (issue 4, item 5): for each lab
# profile and the builtin runtime-default, the lab's busybox commands run
# (a) as the process of a runc and of a crun container with the profile in
# config.json's linux.seccomp and (b) under `seccompctl run -p PROFILE --
# /bin/busybox ...` on the host, with the same busybox-static binary, and
# the OUTCOME CLASS must be the same:
#   ok             exit 0
#   errno:ENAME    busybox printed "APPLET: ...: <strerror text>"; the text is
#                  mapped back to the errno name (glibc's table via python3)
#   exec:ENAME     execve of busybox itself failed (crun: "exec container
#                  process `...`: TEXT"; run: exit 126 "cannot execute")
#   signal:SIG     killed by a signal (status 128+N)
#   nostart        the runtime's own start-up failed under the profile
#                  (runc/crun make calls after loading the filter)
#   ok:early       `sleep 1` exited 0 in less than 0.9 s: busybox ignores a
#                  failed nanosleep, so the exit status alone would hide a
#                  denied clock_nanosleep (the lab's minimal profile)
#
# Design: what makes the comparison meaningful
# - Privileges equal, so only the filter decides.  `seccompctl run` as root
#   keeps root's capabilities; a container from `runc spec` has three, and
#   there `mount` fails with EPERM from the kernel (no CAP_SYS_ADMIN) before
#   seccomp matters.  So the container gets exactly the capability set this
#   test process has (its CapBnd, as bounding/effective/permitted/
#   inheritable; this machine lacks CAP_SYS_RESOURCE, which runc could not
#   grant anyway), a writable root (touch /tmp/x must not hit EROFS) and a
#   /mnt.  noNewPrivileges stays true, as `run` sets NO_NEW_PRIVS.  With
#   that, an errno from a command is seccomp's answer in both worlds, which
#   the --report run cross-checks: for every errno:E outcome under `run`,
#   its report must name a denied call answered with E.
# - Same namespaces where it matters for safety, not for verdicts.  Every
#   `seccompctl run` here runs under `unshare -m -p -f --mount-proc` (unshare
#   makes its calls before seccompctl loads the filter): a mount that gets
#   through lands in the private mount namespace and vanishes with it, and
#   /tmp is a private tmpfs there so `touch /tmp/x` leaves nothing on the
#   host.  A reboot() that got through would, in a pid namespace other than
#   the initial one, only kill that namespace (kernel/reboot.c
#   reboot_pid_ns) -- a second guard: `reboot -f` runs under seccompctl
#   only when `seccompctl explain PROFILE reboot` says the profile denies
#   it; otherwise that half is skipped with the reason printed.  In the
#   containers reboot() meets the container's pid namespace (asserted in
#   config.json before anything runs), so it cannot reach the host either.
# - The ENOSYS stub.  runc 1.1.5 answers ENOSYS for numbers above the
#   highest one the profile names; crun 1.8.1 applies the profile as
#   written.  So runc is compared with `run --enosys runc` (the default) and
#   crun with `run --enosys none`; where the two `run` answers differ the
#   row says "ENOSYS stub changes the answer".
# - A runtime that cannot start under the profile is reported as such on the
#   test's output (with its own message) and that comparison is skipped; the
#   verdict of `run` for the case must then be deterministic: two runs give
#   the same class and their reports the same denied calls.
#
# Every test prints its row:  # PROFILE | CMD | runc | crun | run | run --enosys none
#
# Needs root and the Debian packages runc, crun, busybox-static, jq,
# python3; skips otherwise.

# shellcheck disable=SC2154 # rt_status, rt_stdout, ... come from lib.bash
load lib

TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
LAB=$TOP/profiles/lab
SECCOMPCTL=${SECCOMPCTL:-$TOP/build/seccompctl}
BUSYBOX=/bin/busybox # the busybox-static binary, on the host and in the rootfs

# capability numbers (linux/capability.h) -> names runc and crun accept
CAP_NAMES=(CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL
	CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE
	CAP_NET_BROADCAST CAP_NET_ADMIN CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE
	CAP_SYS_RAWIO CAP_SYS_CHROOT CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT
	CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_LEASE
	CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN CAP_SYSLOG
	CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE)

# A profile where runc's ENOSYS stub changes the answer (none of the lab's
# does for these commands): what runc and crun need to start (runc's
# faccessat2 swapped for faccessat, so the highest number named is
# set_robust_list's 273) plus busybox touch's start-up, but not utimensat
# (280).  runc answers utimensat with ENOSYS, crun with the default EPERM.
STUB_ALLOW="capget capset chdir close epoll_ctl execve faccessat fcntl fstat fstatfs futex
	getcwd getdents64 getpid getppid newfstatat openat prctl read rt_sigreturn setgid setgroups
	setuid write rt_sigaction rt_sigprocmask setresgid setresuid mprotect brk readlink getuid
	arch_prctl set_tid_address set_robust_list exit exit_group"

setup_file()
{
	# the runtime tests share the machine's runtimes and kernel log
	exec 8>/run/lock/seccompctl-runtime-tests.lock
	flock -w 900 8 || echo "# could not take the runtime-test lock; running anyway" >&3
	export RT_RUN_TOKEN=$$
}

setup()
{
	rt_skip_unless_root_and_tools
	command -v python3 >/dev/null || skip "missing: python3 (errno names)"
	[ -x "$SECCOMPCTL" ] || skip "no seccompctl at $SECCOMPCTL"
	fd=$BATS_FILE_TMPDIR
	# One probe: if `run` cannot run /bin/true cleanly (a sanitizer report,
	# say), every cell would only repeat that.  The first test fails on it
	# with the message; the cells are skipped with the reason.
	if [ ! -e "$fd/probe.status" ]; then
		local st=0
		"$SECCOMPCTL" run --builtin runtime-default -- /bin/true \
			</dev/null >/dev/null 2>"$fd/probe.err" || st=$?
		echo "$st" >"$fd/probe.status"
	fi
	if [ "$(cat "$fd/probe.status")" != 0 ] &&
		[[ $BATS_TEST_DESCRIPTION != "run --builtin runtime-default"* ]]; then
		local why
		why="seccompctl run --builtin runtime-default -- /bin/true exits"
		why="$why $(cat "$fd/probe.status") ($(grep -m1 -E 'runtime error|ERROR|seccompctl' \
			"$fd/probe.err" || true)): see the first test; no cell can be judged"
		skip "$why"
	fi
	# strerror text -> errno name, from glibc (busybox-static is glibc too)
	[ -s "$fd/errno.tsv" ] || python3 -c '
import errno, os
for n, name in sorted(errno.errorcode.items()):
    print("%s\t%s" % (os.strerror(n), name))' >"$fd/errno.tsv"
	[ -s "$fd/caps.json" ] || {
		local bnd i
		bnd=$((16#$(awk '/^CapBnd:/ { print $2 }' /proc/self/status)))
		for i in "${!CAP_NAMES[@]}"; do
			if (((bnd >> i) & 1)); then echo "${CAP_NAMES[$i]}"; fi
		done | jq -R . | jq -sc . >"$fd/caps.json"
	}
	# shellcheck disable=SC2086 # one name per word
	[ -s "$fd/enosys-stub.json" ] || printf '%s\n' $STUB_ALLOW | jq -R . | jq -s '{
		defaultAction: "SCMP_ACT_ERRNO", architectures: ["SCMP_ARCH_X86_64"],
		syscalls: [{names: ., action: "SCMP_ACT_ALLOW"}]}' >"$fd/enosys-stub.json"
	[ -s "$fd/runtime-default.json" ] ||
		"$SECCOMPCTL" profiles show runtime-default --resolved >"$fd/runtime-default.json"
}

teardown()
{
	rt_teardown
}

profile_file()
{
	case $1 in
	runtime-default | enosys-stub) echo "$BATS_FILE_TMPDIR/$1.json" ;;
	*) echo "$LAB/$1.json" ;;
	esac
}

# errno_name TEXT: "Operation not permitted" -> EPERM ("?TEXT" if unknown).
# busybox mount says EPERM in its own words (bb_msg_perm_denied_are_you_root).
errno_name()
{
	case $1 in
	"permission denied (are you root?)") echo EPERM && return ;;
	esac
	awk -F'\t' -v t="$1" '$1 == t { print $2; found = 1; exit }
		END { if (!found) print "?" t }' "$BATS_FILE_TMPDIR/errno.tsv"
}

# classify STATUS STDERR WHO MS APPLET: print the outcome class (see the
# header).  WHO is runc, crun or run; it says which start-up messages to
# expect.  MS is the wall time of the whole run in milliseconds.
classify()
{
	local status=$1 err=$2 who=$3 ms=$4 applet=$5 line
	if [ "$status" -eq 0 ]; then
		# a runtime's start adds time, never removes it: under 0.9 s
		# the second was not slept
		if [ "$applet" = sleep ] && [ "$ms" -lt 900 ]; then
			echo ok:early
		else
			echo ok
		fi
		return
	fi
	# busybox's own error: "APPLET: [CONTEXT: ]STRERROR-TEXT"
	line=$(grep -E '^(mount|reboot|ls|echo|touch|ps|sleep): ' <<<"$err" | tail -1 || true)
	if [ -n "$line" ]; then
		echo "errno:$(errno_name "${line##*: }")"
		return
	fi
	case $who in
	crun)
		# shellcheck disable=SC2016 # crun's message has backquotes
		line=$(grep -E '^exec container process `[^`]*`: ' <<<"$err" | tail -1 || true)
		if [ -n "$line" ]; then
			echo "exec:$(errno_name "${line##*: }")"
			return
		fi
		;;
	run)
		line=$(grep -E '^seccompctl run: cannot execute ' <<<"$err" | tail -1 || true)
		if [ "$status" -eq 126 ] && [ -n "$line" ]; then
			echo "exec:$(errno_name "${line##*: }")"
			return
		fi
		if [ "$status" -eq 125 ] || [ "$status" -eq 127 ]; then
			echo "runfailed:$status"
			return
		fi
		;;
	esac
	if [ "$status" -gt 128 ] && [ "$status" -lt 160 ]; then
		echo "signal:SIG$(kill -l $((status - 128)))"
		return
	fi
	echo nostart
}

# container RUNTIME PROFILE CMD...: run CMD as the container's process;
# sets c_class and c_err (the runtime's message, one line).
container()
{
	local rt=$1 prof=$2 b=$BATS_TEST_TMPDIR/$1 t0
	shift 2
	rt_make_bundle "$b" "$prof" "$BUSYBOX" "$@"
	jq --slurpfile caps "$BATS_FILE_TMPDIR/caps.json" '
		.process.capabilities = {bounding: $caps[0], effective: $caps[0],
			permitted: $caps[0], inheritable: $caps[0]}
		| .root.readonly = false' "$b/config.json" >"$b/config.json.new" &&
		mv "$b/config.json.new" "$b/config.json"
	mkdir -p "$b/rootfs/mnt"
	# reboot() must meet the container's pid namespace, never the host's
	jq -e '[.linux.namespaces[].type] | index("pid") != null' "$b/config.json" >/dev/null
	t0=$(date +%s%N)
	"rt_run_$rt" "$b"
	c_class=$(classify "$rt_status" "$rt_stderr" "$rt" $((($(date +%s%N) - t0) / 1000000)) "$1")
	c_err=$(printf '%s' "$rt_stderr" | tr '\n' ' ' | cut -c1-160)
}

# host_run PROFILE REPORT ARGS...: `seccompctl run ARGS -p PROFILE -- busybox
# ...` in a private mount and pid namespace with a private /tmp; REPORT is
# a file for --report (or "" for none).  seccompctl and the profile are
# bind-mounted into the new /tmp from descriptors opened before it hid the
# old one, so they may live anywhere (a build dir under /tmp included).
# Sets h_status, h_err.
host_run()
{
	local prof=$1 report=$2
	shift 2
	h_status=0
	# shellcheck disable=SC2016 # expanded by the inner bash
	unshare -m -p -f --mount-proc --propagation private -- bash -ec '
		exec 7<"$1" 8<"$2"
		shift 2
		mount -t tmpfs -o size=4m sctl-parity-tmp /tmp
		: >/tmp/.seccompctl
		: >/tmp/.profile.json
		mount --bind /proc/self/fd/7 /tmp/.seccompctl
		mount --bind /proc/self/fd/8 /tmp/.profile.json
		exec 7<&- 8<&-
		cd /
		timeout 60 /tmp/.seccompctl run "$@"' \
		_ "$SECCOMPCTL" "$prof" ${report:+"--report=/dev/fd/5"} -p /tmp/.profile.json "$@" \
		</dev/null >"$BATS_TEST_TMPDIR/run.out" 2>"$BATS_TEST_TMPDIR/run.err" \
		5>"${report:-/dev/null}" || h_status=$?
	h_err=$(cat "$BATS_TEST_TMPDIR/run.err")
}

# run_class ENOSYS CMD...: the class of the command under `run` in enforce
# mode (no report: the exit status is the command's).
run_class()
{
	local enosys=$1 prof t0
	shift
	prof=$(profile_file "$P")
	t0=$(date +%s%N)
	host_run "$prof" "" --enosys "$enosys" -- "$BUSYBOX" "$@"
	classify "$h_status" "$h_err" run $((($(date +%s%N) - t0) / 1000000)) "$1"
}

# denied_calls REPORT: "syscall action" per denied call, sorted, unique
denied_calls()
{
	jq -r '"\(.syscall) \(.action)"' "$1" | LC_ALL=C sort -u
}

say()
{
	echo "# $*" >&3
}

# parity PROFILE CMD...: the whole comparison for one cell of the table.
parity()
{
	P=$1
	shift
	local prof why_skip="" e rep
	# runc crun run none: global, so a test can check a cell after parity
	prof=$(profile_file "$P")

	container runc "$prof" "$@"
	runc=$c_class
	[ "$runc" != nostart ] || say "$P | $* | runc: runtime cannot start: $c_err"
	container crun "$prof" "$@"
	crun=$c_class
	[ "$crun" != nostart ] || say "$P | $* | crun: runtime cannot start: $c_err"

	if [ "$1" = reboot ]; then
		for e in runc none; do
			# exit status 1 means "denied": the text is what counts
			e=$("$SECCOMPCTL" explain "$prof" reboot -q --enosys "$e" || true)
			case $e in
			ERRNO* | KILL* | TRAP*) ;;
			*) why_skip="the profile answers reboot with $e: never run on the host" ;;
			esac
		done
	fi
	if [ -n "$why_skip" ]; then
		say "$P | $* | runc=$runc crun=$crun | run: skipped, $why_skip"
		return 0
	fi

	run=$(run_class runc "$@")
	none=$(run_class none "$@")
	say "$P | $* | runc=$runc | crun=$crun | run=$run | run --enosys none=$none"
	[ "$run" = "$none" ] || say "$P | $* | the ENOSYS stub changes the answer: $run vs $none"

	case $run in
	runfailed:*)
		echo "seccompctl itself failed ($run): $h_err" >&2
		return 1
		;;
	esac

	# the errno is seccomp's: the report names a call the profile answered so
	rep=$BATS_TEST_TMPDIR/report.jsonl
	host_run "$prof" "$rep" -- "$BUSYBOX" "$@"
	case $run in
	ok:early)
		if ! denied_calls "$rep" | grep -qE '^(clock_)?nanosleep '; then
			echo "sleep returned early but the report names no denied nanosleep:" >&2
			denied_calls "$rep" >&2
			return 1
		fi
		;;
	errno:* | exec:*)
		e=${run#*:}
		if ! denied_calls "$rep" | grep -qE " ERRNO\($e\)$"; then
			echo "outcome $run but the report names no call denied with $e:" >&2
			denied_calls "$rep" >&2
			return 1
		fi
		;;
	esac

	if [ "$runc" = nostart ] || [ "$crun" = nostart ]; then
		# a runtime gave no answer: run's own verdict must at least be stable
		local again
		cp "$rep" "$rep.1"
		again=$(run_class runc "$@")
		host_run "$prof" "$rep" -- "$BUSYBOX" "$@"
		[ "$again" = "$run" ] || {
			echo "run is not deterministic: $run then $again" >&2
			return 1
		}
		diff <(denied_calls "$rep.1") <(denied_calls "$rep") >&2
		say "$P | $* | a runtime cannot start; run's verdict $run is deterministic"
	fi
	if [ "$runc" != nostart ] && [ "$runc" != "$run" ]; then
		echo "$P | $*: runc says $runc, run (--enosys runc) says $run" >&2
		return 1
	fi
	if [ "$crun" != nostart ] && [ "$crun" != "$none" ]; then
		echo "$P | $*: crun says $crun, run --enosys none says $none" >&2
		return 1
	fi
}

# Test 1: run itself works here (setup's probe), or nothing below means much.
@test "run --builtin runtime-default -- /bin/true exits 0 with nothing on stderr" {
	[ "$(cat "$BATS_FILE_TMPDIR/probe.status")" = 0 ] || {
		cat "$BATS_FILE_TMPDIR/probe.err" >&2
		return 1
	}
	[ ! -s "$BATS_FILE_TMPDIR/probe.err" ]
}

# Tests: the lab's commands under each profile.
@test "parity audit: mount -t tmpfs tmpfs /mnt" { parity audit mount -t tmpfs tmpfs /mnt; }
@test "parity audit: reboot -f" { parity audit reboot -f; }
@test "parity audit: ls /" { parity audit ls /; }
@test "parity audit: echo hi" { parity audit echo hi; }
@test "parity audit: touch /tmp/x" { parity audit touch /tmp/x; }
@test "parity audit: ps" { parity audit ps; }
@test "parity audit: sleep 1" { parity audit sleep 1; }

@test "parity deny-dangerous: mount -t tmpfs tmpfs /mnt" { parity deny-dangerous mount -t tmpfs tmpfs /mnt; }
@test "parity deny-dangerous: reboot -f" { parity deny-dangerous reboot -f; }
@test "parity deny-dangerous: ls /" { parity deny-dangerous ls /; }
@test "parity deny-dangerous: echo hi" { parity deny-dangerous echo hi; }
@test "parity deny-dangerous: touch /tmp/x" { parity deny-dangerous touch /tmp/x; }
@test "parity deny-dangerous: ps" { parity deny-dangerous ps; }
@test "parity deny-dangerous: sleep 1" { parity deny-dangerous sleep 1; }

@test "parity minimal: mount -t tmpfs tmpfs /mnt" { parity minimal mount -t tmpfs tmpfs /mnt; }
@test "parity minimal: reboot -f" { parity minimal reboot -f; }
@test "parity minimal: ls /" { parity minimal ls /; }
@test "parity minimal: echo hi" { parity minimal echo hi; }
@test "parity minimal: touch /tmp/x" { parity minimal touch /tmp/x; }
@test "parity minimal: ps" { parity minimal ps; }
@test "parity minimal: sleep 1" { parity minimal sleep 1; }

@test "parity nginx: mount -t tmpfs tmpfs /mnt" { parity nginx mount -t tmpfs tmpfs /mnt; }
@test "parity nginx: reboot -f" { parity nginx reboot -f; }
@test "parity nginx: ls /" { parity nginx ls /; }
@test "parity nginx: echo hi" { parity nginx echo hi; }
@test "parity nginx: touch /tmp/x" { parity nginx touch /tmp/x; }
@test "parity nginx: ps" { parity nginx ps; }
@test "parity nginx: sleep 1" { parity nginx sleep 1; }

@test "parity production: mount -t tmpfs tmpfs /mnt" { parity production mount -t tmpfs tmpfs /mnt; }
@test "parity production: reboot -f" { parity production reboot -f; }
@test "parity production: ls /" { parity production ls /; }
@test "parity production: echo hi" { parity production echo hi; }
@test "parity production: touch /tmp/x" { parity production touch /tmp/x; }
@test "parity production: ps" { parity production ps; }
@test "parity production: sleep 1" { parity production sleep 1; }

@test "parity too-restrictive: mount -t tmpfs tmpfs /mnt" { parity too-restrictive mount -t tmpfs tmpfs /mnt; }
@test "parity too-restrictive: reboot -f" { parity too-restrictive reboot -f; }
@test "parity too-restrictive: ls /" { parity too-restrictive ls /; }
@test "parity too-restrictive: echo hi" { parity too-restrictive echo hi; }
@test "parity too-restrictive: touch /tmp/x" { parity too-restrictive touch /tmp/x; }
@test "parity too-restrictive: ps" { parity too-restrictive ps; }
@test "parity too-restrictive: sleep 1" { parity too-restrictive sleep 1; }

@test "parity runtime-default: mount -t tmpfs tmpfs /mnt" { parity runtime-default mount -t tmpfs tmpfs /mnt; }
@test "parity runtime-default: reboot -f" { parity runtime-default reboot -f; }
@test "parity runtime-default: ls /" { parity runtime-default ls /; }
@test "parity runtime-default: echo hi" { parity runtime-default echo hi; }
@test "parity runtime-default: touch /tmp/x" { parity runtime-default touch /tmp/x; }
@test "parity runtime-default: ps" { parity runtime-default ps; }
@test "parity runtime-default: sleep 1" { parity runtime-default sleep 1; }

# The stub's case: without it nothing above would tell `--enosys runc` from
# `--enosys none`.
@test "parity enosys-stub: touch /tmp/x (runc ENOSYS, crun EPERM)" {
	parity enosys-stub touch /tmp/x
	[ "$runc" = errno:ENOSYS ]
	[ "$crun" = errno:EPERM ]
}

@test "parity enosys-stub: echo hi" { parity enosys-stub echo hi; }

# A denied execve is the whole story of a profile that cannot start
# anything, and it was once dropped from about half the reports (the
# supervisor took it for seccompctl's own exit after the failed execve when
# the child had already stored SH_EXEC_FAILED; fixed on main in bbef1d9).
# One run rarely shows a race: twenty must all name it.
@test "run --report names a denied execve (too-restrictive), every time" {
	local i
	for i in $(seq 20); do
		"$SECCOMPCTL" run --report="$BATS_TEST_TMPDIR/r.jsonl" \
			-p "$LAB/too-restrictive.json" -- "$BUSYBOX" true 2>/dev/null || [ $? -eq 126 ]
		jq -se 'map(select(.syscall == "execve" and .action == "ERRNO(EPERM)")) | length == 1' \
			"$BATS_TEST_TMPDIR/r.jsonl" >/dev/null
	done
}
