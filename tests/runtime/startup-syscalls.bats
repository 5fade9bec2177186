#!/usr/bin/env bats
# Lint rule SCP022 grounded in the real runtimes: which syscalls runc and crun
# make themselves after they loaded the container's seccomp filter, whether
# that set (tests/runtime/runtime-startup.txt, compiled into
# src/profile/runtime_needs.c) is enough to start a container, and whether
# leaving out parts of it stops the start.
#
# Needs root and the Debian packages runc, crun, busybox-static, jq, seccomp
# (scmp_sys_resolver) and util-linux (unshare); skips otherwise.

# shellcheck disable=SC2154 # rt_status, rt_stderr, ... come from lib.bash
load lib

TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
DATA=$BATS_TEST_DIRNAME/runtime-startup.txt
NEEDS_C=$TOP/src/profile/runtime_needs.c
LAB=$TOP/profiles/lab
ARCHES='["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"]'
# Audit only: every syscall is allowed and logged.
AUDIT_PROFILE='{"defaultAction":"SCMP_ACT_LOG","architectures":'$ARCHES'}'
BUSYBOX=/bin/busybox # the container's executable, as audit names it
# shellcheck disable=SC2016 # crun's message has backquotes
CRUN_NO_EXEC='exec container process `/bin/true`: Operation not permitted'

setup_file()
{
	# printk_ratelimit and the kernel log are machine-wide: two copies of
	# this file (two checkouts testing at once) would restore each other's
	# values.  Hold a lock for the whole file; the fd closes when it ends.
	exec 8>/run/lock/seccompctl-runtime-tests.lock
	flock -w 900 8 || echo "# could not take the runtime-test lock; running anyway" >&3
	export RT_RUN_TOKEN=$$
	export RT_KMSG_PIDS=$BATS_FILE_TMPDIR/kmsg-readers
	: >"$RT_KMSG_PIDS"
	cat /proc/sys/kernel/printk_ratelimit >"$BATS_FILE_TMPDIR/ratelimit.orig" 2>/dev/null || true
}

setup()
{
	rt_skip_unless_root_and_tools
	obs=$BATS_FILE_TMPDIR/observed
	mkdir -p "$obs"
	bundle=$BATS_TEST_TMPDIR/bundle
}

teardown()
{
	rt_teardown
}

# One line of the names in the files (or stdin).
words()
{
	paste -sd' ' "$@"
}

fail()
{
	printf '%s\n' "$@" >&2
	return 1
}

# Sorted names of the data file's KEY lines (runc, crun, runc-exec, ...).
data_names()
{
	awk -v k="$1" '!/^#/ && $1 == k { print $2 }' "$DATA" | LC_ALL=C sort
}

data_intermittent()
{
	awk -v k="$1" '!/^#/ && $1 == k && /# *intermittent/ { print $2 }' "$DATA" | LC_ALL=C sort
}

# The names in runtime_needs.c's array for runtime $1, in file order.
c_names()
{
	awk -v open="static const char *const $1_syscalls[] = {" '
		$0 == open { on = 1; next }
		on && /^};/ { exit }
		on { gsub(/[\t ",]/, ""); print }' "$NEEDS_C"
}

# Allowlist JSON: defaultAction ERRNO (EPERM), the names on stdin allowed.
allowlist()
{
	LC_ALL=C sort -u | jq -R . | jq -s --argjson arches "$ARCHES" \
		'{defaultAction: "SCMP_ACT_ERRNO", architectures: $arches,
		  syscalls: [{names: ., action: "SCMP_ACT_ALLOW"}]}'
}

# only_pids "PID..." RECORDS: the records of those pids.
only_pids()
{
	awk -F'\t' -v pids="$1" '
		BEGIN { n = split(pids, a, " "); for (i = 1; i <= n; i++) want[a[i]] = 1 }
		$1 in want' "$2"
}

# observe VERB RUNTIME: start /bin/true under the audit profile three times
# per noNewPrivileges setting (VERB run), or `exec` it three times into a
# container running `sleep 30` (VERB exec).  The runtime's syscalls, i.e.
# records of that pid whose exe is not busybox, land in
# $obs/VERB-RUNTIME-nnp{false,true}; busybox's own in $obs/busybox-true
# (accumulated).
observe()
{
	local verb=$1 rt=$2 nnp _ pid rec kmsg=$BATS_TEST_TMPDIR/kmsg pids
	for nnp in false true; do
		if [ "$verb" = run ]; then
			rt_make_bundle "$bundle" "$AUDIT_PROFILE" /bin/true
		else
			rt_make_bundle "$bundle" "$AUDIT_PROFILE" /bin/sleep 30
		fi
		rt_bundle_edit "$bundle" ".process.noNewPrivileges = $nnp"
		rt_kmsg_start "$kmsg"
		pids=""
		for _ in 1 2 3; do
			if [ "$verb" = run ]; then
				rt_run "$rt" "$bundle"
			else
				rt_exec "$rt" "$bundle" /bin/true
			fi
			[ "$rt_status" = 0 ] ||
				fail "$rt $verb, audit profile, noNewPrivileges $nnp: status $rt_status: $rt_stderr"
			[ -n "$rt_pid" ] || fail "$rt $verb wrote no pid file"
			pids="$pids $rt_pid"
		done
		rt_kmsg_stop
		rec=$BATS_TEST_TMPDIR/records-$nnp
		only_pids "$pids" <(rt_seccomp_records "$kmsg") >"$rec"
		# Every run must show the hand-over (the runtime's execve) and the
		# end (busybox's exit_group): otherwise records went missing and
		# the sets below would be too small.
		for pid in $pids; do
			awk -F'\t' -v p="$pid" -v bb="$BUSYBOX" \
				'$1 == p && $3 != bb && $6 == "execve" { f = 1 } END { exit !f }' "$rec" ||
				fail "pid $pid: no execve record from $rt (exe other than $BUSYBOX)" \
					"$(grep -c . "$rec") records: $(cut -f2,3,6 "$rec" | sort -u | tr '\n' ' ')"
			awk -F'\t' -v p="$pid" -v bb="$BUSYBOX" \
				'$1 == p && $3 == bb && $6 == "exit_group" { f = 1 } END { exit !f }' "$rec" ||
				fail "pid $pid: no exit_group record from $BUSYBOX: capture incomplete"
		done
		awk -F'\t' -v bb="$BUSYBOX" '$3 != bb { print $6 }' "$rec" |
			LC_ALL=C sort -u >"$obs/$verb-$rt-nnp$nnp"
		awk -F'\t' -v bb="$BUSYBOX" '$3 == bb { print $6 }' "$rec" >>"$obs/busybox-true"
	done
	LC_ALL=C sort -u -o "$obs/busybox-true" "$obs/busybox-true"
}

# compare_with_data KEY OBSERVED: the observed names equal the data file's
# KEY lines, except that names marked intermittent may be missing.
compare_with_data()
{
	local key=$1 observed=$2 added removed
	added=$(data_names "$key" | LC_ALL=C comm -13 - "$observed")
	removed=$(data_names "$key" | LC_ALL=C comm -23 - "$observed" |
		LC_ALL=C comm -23 - <(data_intermittent "$key"))
	if [ -n "$added$removed" ]; then
		fail "$key: the start-up syscalls differ from $DATA" \
			"  added (made now, not in the file): $(words <<<"$added")" \
			"  removed (in the file, not made now): $(words <<<"$removed")" \
			"  runtime now: $(${key%-exec} --version | head -1)" \
			"  update the file (and src/profile/runtime_needs.c for runc/crun)"
	fi
}

# busybox `true`'s own names come from the observation tests; observe once
# when they did not run (bats -f).  Call it outside $(...): observe starts a
# reader and containers that teardown must know about.
need_busybox_true()
{
	[ -s "$obs/busybox-true" ] || observe run "$1" >/dev/null
}

# expect_start_fails RUNTIME NNP TEXT PROFILE: the start fails and stderr
# names the cause.
expect_start_fails()
{
	local rt=$1 nnp=$2 text=$3 profile=$4
	rt_make_bundle "$bundle" "$profile" /bin/true
	rt_bundle_edit "$bundle" ".process.noNewPrivileges = $nnp"
	rt_run "$rt" "$bundle"
	[ "$rt_status" != 0 ] ||
		fail "$rt (noNewPrivileges $nnp) started /bin/true, expected: $text"
	[ "$rt_status" != 124 ] || fail "$rt (noNewPrivileges $nnp) timed out"
	[[ $rt_stderr == *"$text"* ]] ||
		fail "$rt (noNewPrivileges $nnp) failed ($rt_status) but not with '$text':" "$rt_stderr"
}

expect_start_works()
{
	local rt=$1 nnp=$2 profile=$3
	rt_make_bundle "$bundle" "$profile" /bin/true
	rt_bundle_edit "$bundle" ".process.noNewPrivileges = $nnp"
	rt_run "$rt" "$bundle"
	[ "$rt_status" = 0 ] ||
		fail "$rt (noNewPrivileges $nnp) did not start /bin/true: status $rt_status:" "$rt_stderr"
	[ -z "$rt_stderr" ] ||
		fail "$rt (noNewPrivileges $nnp) started /bin/true but complained:" "$rt_stderr"
}

# Names of the data for RUNTIME, plus busybox true's, minus the arguments.
allowed_without()
{
	local rt=$1
	shift
	{
		data_names "$rt"
		cat "$obs/busybox-true"
	} | LC_ALL=C sort -u | grep -vxF -f <(printf '%s\n' "$@")
}

observe_and_compare()
{
	local verb=$1 rt=$2 key
	key=$rt
	[ "$verb" = run ] || key=$rt-$verb
	observe "$verb" "$rt"
	echo "# $key noNewPrivileges=false: $(words "$obs/$verb-$rt-nnpfalse")"
	echo "# $key noNewPrivileges=true:  $(words "$obs/$verb-$rt-nnptrue")"
	echo "# busybox true: $(words "$obs/busybox-true")"
	LC_ALL=C sort -u "$obs/$verb-$rt-nnpfalse" "$obs/$verb-$rt-nnptrue" >"$obs/$verb-$rt"
	compare_with_data "$key" "$obs/$verb-$rt"
}

@test "runc run: syscalls made after the filter is loaded match runtime-startup.txt" {
	observe_and_compare run runc
	# The header's claim: with noNewPrivileges true runc loads the filter
	# after it set capabilities and user, with false before.
	grep -qx capset "$obs/run-runc-nnpfalse"
	if grep -qx capset "$obs/run-runc-nnptrue"; then
		fail "runc now calls capset after loading the filter with noNewPrivileges true"
	fi
}

@test "crun run: syscalls made after the filter is loaded match runtime-startup.txt" {
	observe_and_compare run crun
	grep -qx capset "$obs/run-crun-nnpfalse"
	if grep -qx capset "$obs/run-crun-nnptrue"; then
		fail "crun now calls capset after loading the filter with noNewPrivileges true"
	fi
}

@test "runc exec: syscalls made after the filter is loaded match runtime-startup.txt" {
	observe_and_compare exec runc
}

@test "crun exec: syscalls made after the filter is loaded match runtime-startup.txt" {
	observe_and_compare exec crun
	# crun exec loads the filter early whatever noNewPrivileges says.
	grep -qx statx "$obs/exec-crun-nnptrue"
	grep -qx capset "$obs/exec-crun-nnptrue"
}

@test "runc: the start-up set plus busybox true's syscalls is enough to start /bin/true" {
	need_busybox_true runc
	local p
	p=$(allowed_without runc | allowlist)
	expect_start_works runc false "$p"
	expect_start_works runc true "$p"
}

@test "crun: the start-up set plus busybox true's syscalls is enough to start /bin/true" {
	need_busybox_true crun
	local p
	p=$(allowed_without crun | allowlist)
	expect_start_works crun false "$p"
	expect_start_works crun true "$p"
}

@test "runc: without execve the container cannot start" {
	need_busybox_true runc
	expect_start_works runc false "$(allowed_without runc | allowlist)"
	expect_start_fails runc false "exec /bin/true: operation not permitted" \
		"$(allowed_without runc execve | allowlist)"
	expect_start_fails runc true "exec /bin/true: operation not permitted" \
		"$(allowed_without runc execve | allowlist)"
}

@test "runc: without capset (noNewPrivileges false) the container cannot start" {
	need_busybox_true runc
	expect_start_works runc false "$(allowed_without runc | allowlist)"
	expect_start_fails runc false "unable to apply caps: operation not permitted" \
		"$(allowed_without runc capset | allowlist)"
}

@test "crun: without execve the container cannot start" {
	need_busybox_true crun
	expect_start_works crun false "$(allowed_without crun | allowlist)"
	expect_start_fails crun false "$CRUN_NO_EXEC" \
		"$(allowed_without crun execve | allowlist)"
	expect_start_fails crun true "$CRUN_NO_EXEC" \
		"$(allowed_without crun execve | allowlist)"
}

@test "crun: without capset (noNewPrivileges false) the container cannot start" {
	need_busybox_true crun
	expect_start_works crun false "$(allowed_without crun | allowlist)"
	expect_start_fails crun false "capset: Operation not permitted" \
		"$(allowed_without crun capset | allowlist)"
}

@test "lab too-restrictive.json: neither runtime can start a container" {
	local p=$LAB/too-restrictive.json
	# openat is above the highest number the profile names (exit_group):
	# runc answers ENOSYS there, not the default EPERM.
	expect_start_fails runc false "open /proc/self/fd: function not implemented" "$p"
	expect_start_fails runc true "close log pipe fd 4: operation not permitted" "$p"
	expect_start_fails crun false "prctl drop bounding: Operation not permitted" "$p"
	expect_start_fails crun true "$CRUN_NO_EXEC" "$p"
}

@test "lab minimal.json: both runtimes start /bin/true" {
	local p=$LAB/minimal.json rt nnp
	for rt in runc crun; do
		for nnp in false true; do
			expect_start_works "$rt" "$nnp" "$p"
		done
	done
}

@test "src/profile/runtime_needs.c lists exactly the runc and crun names of runtime-startup.txt" {
	local rt diff
	for rt in runc crun; do
		[ -n "$(c_names "$rt")" ] || fail "no ${rt}_syscalls array found in $NEEDS_C"
		c_names "$rt" | LC_ALL=C sort -c -u ||
			fail "${rt}_syscalls in $NEEDS_C is not sorted and unique"
		diff=$(diff <(c_names "$rt") <(data_names "$rt")) ||
			fail "$rt: $NEEDS_C (<) and $DATA (>) differ:" "$diff"
	done
	# The versions in the table are the ones the data file was made with.
	grep -q '"runc", "1.1.5"' "$NEEDS_C"
	grep -q '^#   runc --version: runc version 1.1.5[+ ]' "$DATA"
	grep -q '"crun", "1.8.1"' "$NEEDS_C"
	grep -q '^#   crun --version: crun version 1.8.1 ' "$DATA"
}

@test "nothing left behind: containers, cgroups, mounts, kmsg readers, printk_ratelimit" {
	local left pid
	left=$(rt_runc list -q | grep "^sctl-rt-$RT_RUN_TOKEN-" || true)
	[ -z "$left" ] || fail "runc containers left: $left"
	left=$(rt_crun list -q | grep "^sctl-rt-$RT_RUN_TOKEN-" || true)
	[ -z "$left" ] || fail "crun containers left: $left"
	left=$(ls -d /sys/fs/cgroup/*/sctl-rt-"$RT_RUN_TOKEN"-* /sys/fs/cgroup/*/*/sctl-rt-"$RT_RUN_TOKEN"-* 2>/dev/null || true)
	[ -z "$left" ] || fail "cgroups left: $left"
	! grep -q ' rt-hide ' /proc/self/mountinfo || fail "tmpfs over $RT_UNIFIED left mounted"
	while read -r pid; do
		if [ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" = "cat /dev/kmsg " ]; then
			fail "kmsg reader $pid still running"
		fi
	done <"$RT_KMSG_PIDS"
	[ "$(cat /proc/sys/kernel/printk_ratelimit)" = "$(cat "$BATS_FILE_TMPDIR/ratelimit.orig")" ] ||
		fail "printk_ratelimit not restored"
}
