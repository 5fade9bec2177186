#!/usr/bin/env bats
# Filters compiled by seccompctl, loaded by a real runtime: crun takes a
# raw program in the run.oci.seccomp_bpf_data annotation (base64, what
# `seccompctl compile --format base64` prints) instead of compiling
# linux.seccomp with libseccomp at every start.  The container must then
# behave as it does under the same profile given as JSON to runc and crun.
#
# Needs root and the Debian packages runc, crun, busybox-static, jq; skips
# otherwise.

# shellcheck disable=SC2154 # rt_status, rt_stderr, ... come from lib.bash
load lib

TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
LAB=$TOP/profiles/lab
SECCOMPCTL=${SECCOMPCTL:-$TOP/build/seccompctl}

setup()
{
	rt_skip_unless_root_and_tools
	export RT_RUN_TOKEN=$$
}

teardown()
{
	rt_teardown
}

# bundle_with_program DIR PROFILE_FOR_PROGRAM JSON_PROFILE CMD...: the
# annotation carries PROFILE_FOR_PROGRAM compiled natively; linux.seccomp
# holds JSON_PROFILE (crun ignores it when the annotation is there).
bundle_with_program()
{
	local dir=$1 compiled=$2 json=$3 b64
	shift 3
	b64=$("$SECCOMPCTL" compile --format base64 "$compiled") || return 1
	[ -n "$b64" ] || return 1
	rt_make_bundle "$dir" "$json" "$@" || return 1
	rt_bundle_edit "$dir" ".annotations[\"run.oci.seccomp_bpf_data\"] = \"$b64\""
}

@test "crun loads the precompiled program: mount fails, echo works, as under the JSON profile" {
	local b=$BATS_TEST_TMPDIR/b rt
	# control: with CAP_SYS_ADMIN and no filter worth the name, mount works
	rt_make_bundle "$b" '{"defaultAction":"SCMP_ACT_ALLOW"}' /bin/mount -t tmpfs tmpfs /tmp
	rt_bundle_edit "$b" '.process.capabilities.bounding += ["CAP_SYS_ADMIN"]
		| .process.capabilities.effective += ["CAP_SYS_ADMIN"]
		| .process.capabilities.permitted += ["CAP_SYS_ADMIN"]'
	rt_run_crun "$b"
	[ "$rt_status" -eq 0 ]
	for rt in runc crun; do
		rt_make_bundle "$b" "$LAB/deny-dangerous.json" /bin/mount -t tmpfs tmpfs /tmp
		rt_bundle_edit "$b" '.process.capabilities.bounding += ["CAP_SYS_ADMIN"]
			| .process.capabilities.effective += ["CAP_SYS_ADMIN"]
			| .process.capabilities.permitted += ["CAP_SYS_ADMIN"]'
		"rt_run_$rt" "$b"
		[ "$rt_status" -ne 0 ]
		[[ "$rt_stderr" == *"permission denied"* ]] # busybox's words for EPERM
	done
	bundle_with_program "$b" "$LAB/deny-dangerous.json" "$LAB/deny-dangerous.json" \
		/bin/mount -t tmpfs tmpfs /tmp
	rt_bundle_edit "$b" '.process.capabilities.bounding += ["CAP_SYS_ADMIN"]
		| .process.capabilities.effective += ["CAP_SYS_ADMIN"]
		| .process.capabilities.permitted += ["CAP_SYS_ADMIN"]'
	rt_run_crun "$b"
	[ "$rt_status" -ne 0 ]
	[[ "$rt_stderr" == *"permission denied"* ]] # busybox's words for EPERM

	bundle_with_program "$b" "$LAB/deny-dangerous.json" "$LAB/deny-dangerous.json" \
		/bin/echo "Hello from seccomp!"
	rt_run_crun "$b"
	[ "$rt_status" -eq 0 ]
	[ "$rt_stdout" = "Hello from seccomp!" ]
}

@test "the annotation, not linux.seccomp, is what crun loads" {
	local b=$BATS_TEST_TMPDIR/b
	# the program answers mkdir with EACCES; on the read-only root the
	# kernel itself would say EROFS
	local deny_mkdir='{"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64"],
		"syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO","errnoRet":13}]}'
	local allow_all='{"defaultAction":"SCMP_ACT_ALLOW"}'
	printf '%s\n' "$deny_mkdir" >"$BATS_TEST_TMPDIR/deny-mkdir.json"
	bundle_with_program "$b" "$BATS_TEST_TMPDIR/deny-mkdir.json" "$allow_all" /bin/mkdir /newdir
	rt_run_crun "$b"
	[ "$rt_status" -ne 0 ]
	[[ "$rt_stderr" == *"Permission denied"* ]]
	# without the annotation the same bundle reaches the kernel
	rt_make_bundle "$b" "$allow_all" /bin/mkdir /newdir
	rt_run_crun "$b"
	[ "$rt_status" -ne 0 ]
	[[ "$rt_stderr" == *"Read-only file system"* ]]
}

@test "a precompiled containers' default starts the container like the JSON one" {
	local b=$BATS_TEST_TMPDIR/b rd=$TOP/profiles/builtin/runtime-default.json
	bundle_with_program "$b" "$rd" "$rd" /bin/sh -c 'echo ok; ls / >/dev/null'
	rt_run_crun "$b"
	[ "$rt_status" -eq 0 ]
	[ "$rt_stdout" = ok ]
	# personality(ADDR_NO_RANDOMIZE) is outside the allowed values: ENOSYS,
	# the profile's default, as with the JSON
	bundle_with_program "$b" "$rd" "$rd" /bin/setarch x86_64 -R /bin/true
	rt_run_crun "$b"
	local precompiled=$rt_status err_pre=$rt_stderr
	rt_make_bundle "$b" "$rd" /bin/setarch x86_64 -R /bin/true
	rt_run_crun "$b"
	[ "$rt_status" -eq "$precompiled" ]
	[ "$rt_stderr" = "$err_pre" ]
}
