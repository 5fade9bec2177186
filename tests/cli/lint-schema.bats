#!/usr/bin/env bats
# seccompctl lint: the schema rules the reader reports (src/profile/read.c):
# SCP001-SCP005 and SCP015's unknown architectures.
# Fixtures: tests/fixtures/lint/<ID>/ (see lint_helper.bash).

load lint_helper

setup() {
	export NO_COLOR=1
	TMP=$BATS_TEST_TMPDIR
}

# finding FILE ID: the first finding with that ID, as compact JSON
finding() {
	"$SECCOMPCTL" --output json lint "$1" |
		jq -c --arg id "$2" '[.files[].findings[] | select(.id == $id)][0]'
}

@test "SCP001: schema (missing defaultAction, unknown action/op/flag, wrong types, unknown keys)" {
	check_rule SCP001
}
@test "SCP002: names empty, missing, or holding \"\"" { check_rule SCP002; }
@test "SCP003: argument index above 5, more than 6 conditions" { check_rule SCP003; }
@test "SCP004: errnoRet/defaultErrnoRet on an action other than ERRNO/TRACE" { check_rule SCP004; }
@test "SCP005: errnoRet above 4095 or ERRNO(4095) (error), 0 (warning)" { check_rule SCP005; }
@test "SCP015: unknown architecture" { check_rule SCP015; }

@test "schema findings carry the JSON path, line and column of the offending value" {
	local f="$FIXTURES/lint/SCP001/trigger-unknown-op.json" x
	x=$(finding "$f" SCP001)
	[ "$(jq -r .severity <<<"$x")" = error ]
	[ "$(jq -r .path <<<"$x")" = 'syscalls[0].args[0].op' ]
	# the value "SCMP_CMP_EQUAL": line 18, after 10 spaces and '"op": '
	[ "$(jq .line <<<"$x")" = 18 ]
	[ "$(jq .column <<<"$x")" = 17 ]
	[ "$(jq -r .hint <<<"$x")" = 'did you mean SCMP_CMP_EQ?' ]
}

@test "a profile with schema errors is invalid input: exit 2, every error listed" {
	cat >"$TMP/p.json" <<-'J'
	{"defaultAction": "SCMP_ACT_ERRNO",
	 "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_AMD64"],
	 "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW", "errnoRet": 1},
	  {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
	   "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQUAL"}]}]}
	J
	run "$SECCOMPCTL" --output json lint "$TMP/p.json"
	[ "$status" -eq 2 ]
	[ "$(jq '.files[0].valid' <<<"$output")" = false ]
	[ "$(jq -c '[.files[0].findings[] | select(.severity == "error") | .id]' <<<"$output")" = '["SCP015","SCP004","SCP001"]' ]
	[ "$(jq -c '[.files[0].findings[] | select(.severity == "error") | .line]' <<<"$output")" = '[2,3,5]' ]
	run "$SECCOMPCTL" lint "$TMP/p.json"
	[ "$status" -eq 2 ]
	grep -q "p.json:2:40: architectures\[1\]: error SCP015: unknown architecture \"SCMP_ARCH_AMD64\"" <<<"$output"
	grep -q "p.json:3:75: syscalls\[0\].errnoRet: error SCP004: " <<<"$output"
	grep -q "p.json:5:44: syscalls\[1\].args\[0\].op: error SCP001: unknown operator \"SCMP_CMP_EQUAL\"" <<<"$output"
	grep -q '  hint: did you mean SCMP_CMP_EQ?' <<<"$output"
}

@test "SCP005: errnoRet 65536 explains the 16-bit truncation to a fake success" {
	local x
	x=$(finding "$FIXTURES/lint/SCP005/trigger-errnoret-65536.json" SCP005)
	[ "$(jq -r .severity <<<"$x")" = error ]
	[ "$(jq -r .path <<<"$x")" = 'syscalls[0].errnoRet' ]
	jq -r .message <<<"$x" | grep -q 'fake'
}

@test "SCP005: errnoRet 0 is only a warning, and the profile stays valid" {
	run "$SECCOMPCTL" --output json lint "$FIXTURES/lint/SCP005/trigger-errnoret-0.json"
	[ "$status" -ne 2 ]
	[ "$(jq '.files[0].valid' <<<"$output")" = true ]
	[ "$(jq -r '[.files[0].findings[] | select(.id == "SCP005")][0].severity' <<<"$output")" = warning ]
}

@test "SCP001: unknown keys are warnings (runtimes ignore them), with a did-you-mean" {
	run "$SECCOMPCTL" --output json lint "$FIXTURES/lint/SCP001/trigger-unknown-key.json"
	[ "$status" -ne 2 ]
	[ "$(jq '.files[0].valid' <<<"$output")" = true ]
	x=$(jq -c '[.files[0].findings[] | select(.id == "SCP001")][0]' <<<"$output")
	[ "$(jq -r .severity <<<"$x")" = warning ]
	[ "$(jq -r .path <<<"$x")" = 'syscalls[0].argss' ]
	jq -r .hint <<<"$x" | grep -q '"args"'
}

@test "OCI config.json: findings point into linux.seccomp" {
	cat >"$TMP/config.json" <<-'J'
	{"ociVersion": "1.0.2", "process": {"args": ["sh"]},
	 "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ERRNO",
	   "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALOW"}]}}}
	J
	run "$SECCOMPCTL" --output json lint "$TMP/config.json"
	[ "$status" -eq 2 ]
	[ "$(jq -r '.files[0].findings[0].path' <<<"$output")" = 'linux.seccomp.syscalls[0].action' ]
	[ "$(jq '.files[0].findings[0].line' <<<"$output")" = 3 ]
}

@test "Docker's own default profile is valid input (archMap may name arches this libseccomp lacks)" {
	# moby/profiles seccomp/default.json lists SCMP_ARCH_LOONGARCH64 in
	# archMap; Docker uses only the native arch's entry, so runc never
	# sees it on x86_64 or aarch64.
	run "$SECCOMPCTL" --output json lint "$BATS_TEST_DIRNAME/../../fuzz/corpus/profile/moby-default.json"
	[ "$status" -ne 2 ]
	[ "$(jq '.files[0].valid' <<<"$output")" = true ]
	[ "$(jq '[.files[0].findings[] | select(.id == "SCP015" and .severity == "error")] | length' <<<"$output")" = 0 ]
}

@test "unknown keys are warnings with an edit-distance suggestion" {
	printf '{"defaultAction":"SCMP_ACT_ERRNO","defaultErrorRet":1,"syscals":[]}' >"$BATS_TEST_TMPDIR/uk.json"
	run "$SECCOMPCTL" --output json lint "$BATS_TEST_TMPDIR/uk.json"
	[ "$(jq -r '.files[0].findings[] | select(.path == "defaultErrorRet") | .hint' <<<"$output")" = 'did you mean "defaultErrnoRet"?' ]
	[ "$(jq -r '.files[0].findings[] | select(.path == "syscals") | .severity' <<<"$output")" = warning ]
}
