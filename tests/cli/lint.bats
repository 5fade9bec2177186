#!/usr/bin/env bats
# seccompctl lint: output forms, exit codes, options (rules have their own files).

load common

setup() {
	TMP=$BATS_TEST_TMPDIR
}

@test "text findings are FILE:LINE:COL: PATH: severity ID: message, with a hint line" {
	run "$SECCOMPCTL" lint "$LAB/too-restrictive.json"
	[ "$status" -eq 1 ]
	grep -Eq '^[^ ]+too-restrictive\.json:[0-9]+:[0-9]+: [a-zA-Z]+: error SCP022: ' <<<"$output"
	grep -q '^  hint: ' <<<"$output"
	grep -Eq '^1 file: [0-9]+ errors?, [0-9]+ warnings?, [0-9]+ info' <<<"$output"
}

@test "--output json has schema, files, findings with positions, summary" {
	run "$SECCOMPCTL" --output json lint "$LAB/too-restrictive.json" "$LAB/audit.json"
	[ "$status" -eq 1 ]
	[ "$(jq .schema <<<"$output")" = 1 ]
	[ "$(jq '.files | length' <<<"$output")" = 2 ]
	[ "$(jq '[.files[].valid] | all' <<<"$output")" = true ]
	[ "$(jq '[.files[0].findings[] | select(.id == "SCP022")][0] | has("line") and has("column") and has("hint")' <<<"$output")" = true ]
	[ "$(jq '.summary.errors >= 1' <<<"$output")" = true ]
}

@test "--output sarif is SARIF 2.1.0 with rule metadata and locations" {
	run "$SECCOMPCTL" --output sarif lint "$LAB/too-restrictive.json"
	[ "$status" -eq 1 ]
	[ "$(jq -r .version <<<"$output")" = 2.1.0 ]
	[ "$(jq '.runs[0].tool.driver.rules | length' <<<"$output")" -ge 34 ]
	[ "$(jq -r '.runs[0].tool.driver.rules[21].id' <<<"$output")" = SCP022 ]
	r=$(jq -c '[.runs[0].results[] | select(.ruleId == "SCP022")][0]' <<<"$output")
	[ "$(jq -r .level <<<"$r")" = error ]
	[ "$(jq '.locations[0].physicalLocation.region.startLine > 0' <<<"$r")" = true ]
	[ "$(jq -r '.locations[0].logicalLocations[0].fullyQualifiedName' <<<"$r")" != null ]
}

@test "exit 0 when there are only warnings, 1 with --strict" {
	run "$SECCOMPCTL" lint "$LAB/audit.json"
	[ "$status" -eq 0 ]
	[[ "$output" == *"warning SCP021"* ]]
	run "$SECCOMPCTL" lint --strict "$LAB/audit.json"
	[ "$status" -eq 1 ]
}

@test "exit 2 when one of several inputs cannot be read, and the others are still linted" {
	run "$SECCOMPCTL" --output json lint "$LAB/audit.json" "$TMP/missing.json"
	[ "$status" -eq 2 ]
	[ "$(jq '.files[0].valid' <<<"$output")" = true ]
	[ "$(jq '.files[1].valid' <<<"$output")" = false ]
}

@test "a whole OCI config.json is linted at linux.seccomp, paths prefixed" {
	jq '{ociVersion: "1.0.2", process: {args: ["sh"]}, linux: {seccomp: .}}' "$LAB/too-restrictive.json" >"$TMP/config.json"
	run "$SECCOMPCTL" --output json lint "$TMP/config.json"
	[ "$status" -eq 1 ]
	[ "$(jq -r '[.files[0].findings[].path | select(startswith("linux.seccomp"))] | length > 0' <<<"$output")" = true ]
}

@test "lint reads stdin with -" {
	run "$SECCOMPCTL" lint - <"$LAB/too-restrictive.json"
	[ "$status" -eq 1 ]
	[[ "$output" == *"-:"*"SCP022"* ]]
}

@test "--builtin lints the embedded profiles; runtime-default has no errors" {
	run "$SECCOMPCTL" lint --builtin runtime-default
	[ "$status" -eq 0 ]
	! grep -q ' error SCP' <<<"$output"
}

@test "bad options exit 2 with a message" {
	run "$SECCOMPCTL" lint --min-kernel five "$LAB/audit.json"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--min-kernel wants X.Y"* ]]
	run "$SECCOMPCTL" lint --runtime docker "$LAB/audit.json"
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" lint --arch vax "$LAB/audit.json"
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" lint --caps SYS_ADMIN "$LAB/audit.json"
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" lint
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" lint --builtin nope
	[ "$status" -eq 2 ]
}

@test "lint of every lab profile gives the findings an expert expects" {
	out=$("$SECCOMPCTL" --output json lint "$LAB"/*.json | jq -r '.files[] | .file as $f | .findings[] | "\($f | split("/") | last) \(.id) \(.severity)"')
	# cannot start a container under runc or crun (the lab's CrashLoopBackOff)
	grep -q '^too-restrictive.json SCP022 error' <<<"$out"
	grep -q '^nginx.json SCP022 error' <<<"$out"
	# minimal starts under both runtimes (tests/runtime proves it): no SCP022
	! grep -q '^minimal.json SCP022' <<<"$out"
	# denylist, and its mount denial bypassed by the new mount API
	grep -q '^deny-dangerous.json SCP021 warning' <<<"$out"
	grep -q '^deny-dangerous.json SCP026 warning' <<<"$out"
	# legacy-only syscalls: nanosleep without clock_nanosleep, pipe without pipe2
	grep -q '^minimal.json SCP034 warning' <<<"$out"
	grep -q '^nginx.json SCP034 warning' <<<"$out"
	# x86_64 without its compat ABIs
	grep -q '^nginx.json SCP016 warning' <<<"$out"
	# EPERM for calls glibc only falls back from on ENOSYS
	grep -q '^production.json SCP019 warning' <<<"$out"
	# flags omitted: SPEC_ALLOW note
	grep -q '^minimal.json SCP033 info' <<<"$out"
}

@test "pseudo-syscalls: recv on an x86_64-only profile is an error, on x86 it filters socketcall" {
	printf '{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],"syscalls":[{"names":["read","recv","execve"],"action":"SCMP_ACT_ALLOW"}]}' >"$TMP/p.json"
	run "$SECCOMPCTL" lint "$TMP/p.json"
	[ "$status" -eq 1 ]
	[[ "$output" == *"error SCP017"*"recv"*"not a syscall on x86_64"* ]]
	run "$SECCOMPCTL" --output json lint "$LAB/production.json"
	! jq -r '.files[0].findings[] | select(.id == "SCP017" and .severity == "error") | .message' <<<"$output" | grep -q recv
}

@test "--severity hides findings below the threshold and from the counts" {
	all=$("$SECCOMPCTL" --output json lint "$LAB/minimal.json" | jq '.summary.info')
	[ "$all" -gt 0 ]
	run "$SECCOMPCTL" --output json lint --severity warning "$LAB/minimal.json"
	[ "$(jq '.summary.info' <<<"$output")" -eq 0 ]
	[ "$(jq '[.files[0].findings[] | select(.severity == "info")] | length' <<<"$output")" -eq 0 ]
	run "$SECCOMPCTL" lint --severity error "$LAB/too-restrictive.json"
	[ "$status" -eq 1 ]
	! grep -q ' warning SCP' <<<"$output"
	run "$SECCOMPCTL" lint --severity loud "$LAB/minimal.json"
	[ "$status" -eq 2 ]
}
