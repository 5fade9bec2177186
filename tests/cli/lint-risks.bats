#!/usr/bin/env bats
# Risk rules: SCP021, SCP023-SCP028.

load lint_helper

@test "SCP021: default ALLOW or LOG (a denylist)" { check_rule SCP021; }
@test "SCP023: io_uring allowed" { check_rule SCP023; }
@test "SCP024: ptrace (error before 4.8) and cross-process calls" { check_rule SCP024; }
@test "SCP025: namespace creation reachable while otherwise blocked" { check_rule SCP025; }
@test "SCP026: mount family allowed, or new mount API open while mount is denied" { check_rule SCP026; }
@test "SCP027: large kernel attack surface allowed" { check_rule SCP027; }
@test "SCP028: personality unrestricted" { check_rule SCP028; }

@test "the lab's deny-dangerous is a denylist whose mount denial the new mount API bypasses" {
	out=$(lint_findings "$BATS_TEST_DIRNAME/../../profiles/lab/deny-dangerous.json")
	grep -q '^SCP021 warning defaultAction$' <<<"$out"
	grep -q '^SCP026 warning defaultAction$' <<<"$out"
	msg=$("$SECCOMPCTL" --output json lint "$BATS_TEST_DIRNAME/../../profiles/lab/deny-dangerous.json" |
		jq -r '.files[0].findings[] | select(.id == "SCP026") | .message')
	[[ "$msg" == *"fsopen"*"mount is denied"* ]]
}

@test "risk findings group the names one rule allows into one finding" {
	n=$("$SECCOMPCTL" --output json lint "$FIXTURES/lint/SCP027/trigger-bpf.json" |
		jq '[.files[0].findings[] | select(.id == "SCP027")] | length')
	[ "$n" -eq 1 ]
}

@test "runtime-default: no errors; bpf and perf_event_open only with CAP_SYS_ADMIN" {
	run "$SECCOMPCTL" --output json lint --builtin runtime-default
	[ "$status" -eq 0 ]
	[ "$(jq '.summary.errors' <<<"$output")" -eq 0 ]
	# bpf and perf_event_open need CAP_SYS_ADMIN/CAP_BPF/CAP_PERFMON there
	! jq -r '.files[0].findings[] | select(.id == "SCP027") | .message' <<<"$output" | grep -q bpf
	run "$SECCOMPCTL" --output json lint --builtin runtime-default --caps default,CAP_SYS_ADMIN
	jq -r '.files[0].findings[] | select(.id == "SCP027") | .message' <<<"$output" | grep -q bpf
}
