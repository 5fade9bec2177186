#!/usr/bin/env bats
# Risk rules SCP021, SCP023-SCP028 (src/profile/lint_risks.c).

load lint_helper

LAB="$BATS_TEST_DIRNAME/../../profiles/lab"
# Docker's default profile (moby/profiles), kept as a fuzz seed.
MOBY="$BATS_TEST_DIRNAME/../../fuzz/corpus/profile/moby-default.json"

# findings ARGS...: "ID SEVERITY PATH" per line for `lint ARGS...`
findings() {
	"$SECCOMPCTL" --output json lint "$@" |
		jq -r '.files[].findings[] | "\(.id) \(.severity) \(.path)"'
}

# risk_ids ARGS...: the distinct SCP021, SCP023-SCP028 ids, space separated
risk_ids() {
	findings "$@" | awk '$1 ~ /^SCP02[13-8]$/ {print $1}' | sort -u | tr '\n' ' '
}

# messages ID ARGS...: the messages of one rule's findings
messages() {
	local id=$1
	shift
	"$SECCOMPCTL" --output json lint "$@" |
		jq -r --arg id "$id" '.files[].findings[] | select(.id == $id) | .message'
}

@test "SCP021: default ALLOW or LOG (a denylist)" { check_rule SCP021; }
@test "SCP023: io_uring allowed" { check_rule SCP023; }
@test "SCP024: ptrace (error before 4.8) and cross-process calls" { check_rule SCP024; }
@test "SCP025: namespace creation reachable while otherwise blocked" { check_rule SCP025; }
@test "SCP026: mount family allowed, or new mount API open while mount is denied" { check_rule SCP026; }
@test "SCP027: large kernel attack surface allowed" { check_rule SCP027; }
@test "SCP028: personality unrestricted" { check_rule SCP028; }

@test "SCP021: a LOG default is called an audit profile, not for production" {
	msg=$(messages SCP021 "$FIXTURES/lint/SCP021/trigger-log.json")
	[[ "$msg" == *"audit profile"*"not for production"* ]]
}

@test "SCP024: the pre-4.8 error names the kernel; a rule Docker keeps only from 4.8 on is no error" {
	msg=$(messages SCP024 --min-kernel 4.4 "$FIXTURES/lint/SCP024/trigger-ptrace-old-kernel.json")
	[[ "$msg" == *"ptrace is allowed by syscalls[0] while the profile must work on kernel 4.4"* ]]
	# moby allows ptrace in an entry with "includes": {"minKernel": "4.8"}
	out=$(lint_findings "$MOBY" --min-kernel 4.4)
	grep -q '^SCP024 warning ' <<<"$out"
	[ "$(grep -c '^SCP024 error ' <<<"$out")" -eq 0 ]
}

@test "SCP025: Docker's way (namespaces only with CAP_SYS_ADMIN) is clean for every cap set and arch" {
	f="$FIXTURES/lint/SCP025/clean-docker-style-caps.json"
	for args in "" "--caps default,CAP_SYS_ADMIN" "--arch s390x" "--arch s390x --caps default,CAP_SYS_ADMIN"; do
		# shellcheck disable=SC2086
		[ "$(lint_findings "$f" $args | grep -c '^SCP025 ')" -eq 0 ]
	done
}

@test "the lab's deny-dangerous: a denylist whose mount denial the new mount API bypasses" {
	f="$LAB/deny-dangerous.json"
	out=$(lint_findings "$f")
	grep -q '^SCP021 warning defaultAction$' <<<"$out"
	[ "$(grep -c '^SCP026 ' <<<"$out")" -eq 1 ]
	grep -q '^SCP026 warning defaultAction$' <<<"$out"
	msg=$(messages SCP026 "$f")
	[[ "$msg" == "mount is denied, but the new mount API stays open (fsopen, fsconfig, fsmount"* ]]
	# it denies unshare and setns, yet leaves clone and clone3 to the default
	[ "$(messages SCP025 "$f" | cut -d' ' -f1 | tr '\n' ' ')" = "clone clone3 " ]
	# everything SCP027 lists is in its deny rule
	[ "$(grep -c '^SCP027 ' <<<"$out")" -eq 0 ]
}

@test "a denylist gets one SCP027 finding at defaultAction, not one per syscall" {
	f="$FIXTURES/lint/SCP027/trigger-denylist-misses-them.json"
	[ "$(lint_findings "$f" | grep -c '^SCP027 ')" -eq 1 ]
	lint_findings "$f" | grep -q '^SCP027 warning defaultAction$'
	msg=$(messages SCP027 "$f")
	[[ "$msg" == "perf_event_open, userfaultfd, "*"open_by_handle_at are allowed by the default action SCMP_ACT_ALLOW: "* ]]
	[[ "$msg" != *bpf* ]]
}

@test "names one rule allows share a finding at the first of them" {
	f="$FIXTURES/lint/SCP027/trigger-bpf.json"
	[ "$(lint_findings "$f" | grep -c '^SCP027 ')" -eq 1 ]
	lint_findings "$f" | grep -q '^SCP027 warning syscalls\[0\]\.names\[10\]$'
}

# The builtin runtime-default is the containers' default (Debian 12,
# containers-common 0.50.1): it leaves namespaces and mounts to the
# capabilities, so syscalls[1] allows ptrace, process_vm_*, pidfd_getfd,
# keyctl and the whole mount family to everyone; unshare, setns and plain
# clone are allowed too (no SCP025: nothing is blocked), personality only for
# the five usual values, io_uring not at all.
@test "runtime-default under the default caps: SCP024, SCP026, SCP027 (keyctl) warnings only" {
	run "$SECCOMPCTL" --output json lint --builtin runtime-default
	[ "$status" -eq 0 ]
	[ "$(jq '.summary.errors' <<<"$output")" -eq 0 ]
	[ "$(risk_ids --builtin runtime-default)" = "SCP024 SCP026 SCP027 " ]
	[ "$(findings --builtin runtime-default | awk '$1 ~ /^SCP02[13-8]$/ && $2 != "warning"' | wc -l)" -eq 0 ]
	[ "$(messages SCP027 --builtin runtime-default)" = "keyctl is allowed by syscalls[1]: large kernel interfaces that are not namespaced and common exploit paths" ]
	[[ "$(messages SCP026 --builtin runtime-default)" == "mount family allowed (mount, umount2, "*" allowed by syscalls[1])"* ]]
}

@test "runtime-default with CAP_SYS_ADMIN: the mount family stays allowed, bpf and perf_event_open join" {
	args=(--builtin runtime-default --caps default,CAP_SYS_ADMIN)
	[ "$(risk_ids "${args[@]}")" = "SCP024 SCP026 SCP027 " ]
	messages SCP026 "${args[@]}" | grep -q '^mount family allowed (mount, '
	messages SCP027 "${args[@]}" | grep -q '^bpf, perf_event_open are allowed by syscalls\[14\]'
}

@test "Docker's default: namespaces and mounts only with CAP_SYS_ADMIN" {
	out=$(lint_findings "$MOBY")
	[ "$(grep -Ec '^SCP02[35678] ' <<<"$out")" -eq 0 ]
	[ "$(lint_findings "$MOBY" --arch s390x | grep -c '^SCP025 ')" -eq 0 ]
	out=$(lint_findings "$MOBY" --caps default,CAP_SYS_ADMIN)
	grep -q '^SCP026 warning ' <<<"$out"
	[ "$(grep -c '^SCP025 ' <<<"$out")" -eq 0 ]
}
