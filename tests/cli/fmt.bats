#!/usr/bin/env bats
# seccompctl fmt: canonical form, same meaning, atomic -w, never writes a bad file.

load common

setup() {
	TMP=$BATS_TEST_TMPDIR
}

@test "fmt prints a canonical form that is a fixed point" {
	for f in "$LAB"/*.json "$REPO"/profiles/builtin/*.json; do
		"$SECCOMPCTL" fmt "$f" >"$TMP/a.json"
		"$SECCOMPCTL" fmt "$TMP/a.json" >"$TMP/b.json"
		cmp "$TMP/a.json" "$TMP/b.json"
	done
}

@test "fmt merges entries with the same action and sorts and de-duplicates names" {
	cat >"$TMP/p.json" <<-'J'
	{"syscalls":[{"names":["write","read"],"action":"SCMP_ACT_ALLOW"},
	 {"names":["close","read"],"action":"SCMP_ACT_ALLOW"}],
	 "defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"]}
	J
	run "$SECCOMPCTL" fmt "$TMP/p.json"
	[ "$status" -eq 0 ]
	[ "$(jq -c '.syscalls' <<<"$output")" = '[{"names":["close","read","write"],"action":"SCMP_ACT_ALLOW"}]' ]
	# runtime-spec key order
	[ "$(jq -c 'keys_unsorted' <<<"$output")" = '["defaultAction","architectures","syscalls"]' ]
}

@test "fmt keeps repeated-index conditions (runc ORs them) and their order" {
	cat >"$TMP/p.json" <<-'J'
	{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["personality"],"action":"SCMP_ACT_ALLOW",
	 "args":[{"index":0,"value":8,"op":"SCMP_CMP_EQ"},{"index":0,"value":0,"op":"SCMP_CMP_EQ"},
	 {"index":0,"value":0,"op":"SCMP_CMP_EQ"}]}]}
	J
	run "$SECCOMPCTL" fmt "$TMP/p.json"
	[ "$status" -eq 0 ]
	[ "$(jq -c '[.syscalls[0].args[].value]' <<<"$output")" = '[8,0,0]' ]
}

@test "fmt turns legacy name into names and drops valueTwo 0 on EQ, keeps it on MASKED_EQ" {
	cat >"$TMP/p.json" <<-'J'
	{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"name":"clone","action":"SCMP_ACT_ALLOW",
	 "args":[{"index":0,"value":2114060288,"valueTwo":0,"op":"SCMP_CMP_MASKED_EQ"}]},
	 {"names":["socket"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":1,"valueTwo":0,"op":"SCMP_CMP_EQ"}]}]}
	J
	run "$SECCOMPCTL" fmt "$TMP/p.json"
	[ "$status" -eq 0 ]
	[ "$(jq -c '.syscalls[] | select(.names==["clone"]) | .args[0]' <<<"$output")" = '{"index":0,"value":2114060288,"valueTwo":0,"op":"SCMP_CMP_MASKED_EQ"}' ]
	[ "$(jq -c '.syscalls[] | select(.names==["socket"]) | .args[0]' <<<"$output")" = '{"index":0,"value":1,"op":"SCMP_CMP_EQ"}' ]
}

@test "fmt keeps uint64 values exactly" {
	cat >"$TMP/p.json" <<-'J'
	{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["ioctl"],"action":"SCMP_ACT_ALLOW",
	 "args":[{"index":1,"value":18446744073709551615,"op":"SCMP_CMP_NE"}]}]}
	J
	run "$SECCOMPCTL" fmt "$TMP/p.json"
	[ "$status" -eq 0 ]
	grep -q '"value": 18446744073709551615' <<<"$output"
}

@test "fmt -w rewrites in place and keeps the file mode" {
	cp "$LAB/minimal.json" "$TMP/m.json"
	chmod 600 "$TMP/m.json"
	run "$SECCOMPCTL" fmt -w "$TMP/m.json"
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$TMP/m.json")" = 600 ]
	"$SECCOMPCTL" fmt --check "$TMP/m.json"
}

@test "fmt -w never replaces a file with a bad profile, and leaves no temp files" {
	printf '{"defaultAction": "SCMP_ACT_NOPE"}' >"$TMP/bad.json"
	cp "$TMP/bad.json" "$TMP/orig.json"
	run "$SECCOMPCTL" fmt -w "$TMP/bad.json"
	[ "$status" -eq 2 ]
	cmp "$TMP/bad.json" "$TMP/orig.json"
	[ "$(ls -A "$TMP" | grep -c '^\.')" -eq 0 ]
}

@test "fmt --check exits 1 on a non-canonical file and 0 on a canonical one" {
	run "$SECCOMPCTL" fmt --check "$LAB/deny-dangerous.json"
	[ "$status" -eq 1 ]
	[[ "$output" == *"not in canonical form"* ]]
	"$SECCOMPCTL" fmt "$LAB/deny-dangerous.json" >"$TMP/c.json"
	run "$SECCOMPCTL" fmt --check "$TMP/c.json"
	[ "$status" -eq 0 ]
}

@test "fmt -o writes elsewhere; fmt reads stdin" {
	"$SECCOMPCTL" fmt -o "$TMP/out.json" "$LAB/audit.json"
	"$SECCOMPCTL" fmt - <"$LAB/audit.json" >"$TMP/stdin.json"
	cmp "$TMP/out.json" "$TMP/stdin.json"
}

@test "fmt preserves meaning: every name keeps its action" {
	for f in "$LAB"/*.json "$REPO"/profiles/builtin/*.json; do
		"$SECCOMPCTL" fmt "$f" >"$TMP/c.json"
		a=$(jq -c '[.syscalls[]? | {a: .action, e: .errnoRet, args: (.args // []), i: (.includes // {}), x: (.excludes // {})} as $k | (.names // [.name])[] | [., $k]] | unique' "$f")
		b=$(jq -c '[.syscalls[]? | {a: .action, e: .errnoRet, args: (.args // []), i: (.includes // {}), x: (.excludes // {})} as $k | (.names // [.name])[] | [., $k]] | unique' "$TMP/c.json")
		# valueTwo 0 on non-MASKED ops is dropped by fmt: normalise it away.
		norm='map(.[1].args |= map(if .op != "SCMP_CMP_MASKED_EQ" and (.valueTwo // 0) == 0 then del(.valueTwo) else . end))'
		[ "$(jq -c "$norm" <<<"$a")" = "$(jq -c "$norm" <<<"$b")" ] || { echo "meaning changed: $f"; return 1; }
	done
}

@test "fmt -w refuses an OCI config.json (it would drop everything else)" {
	jq '{ociVersion: "1.0.2", linux: {seccomp: .}}' "$LAB/audit.json" >"$TMP/config.json"
	run "$SECCOMPCTL" fmt -w "$TMP/config.json"
	[ "$status" -eq 2 ]
	[[ "$output" == *"config.json"* ]]
	run "$SECCOMPCTL" fmt "$TMP/config.json"
	[ "$status" -eq 0 ]
	[ "$(jq -r .defaultAction <<<"$output")" = SCMP_ACT_LOG ]
}

@test "fmt usage errors exit 2" {
	run "$SECCOMPCTL" fmt
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" fmt a b
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" fmt -w -
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" fmt "$TMP/does-not-exist.json"
	[ "$status" -eq 2 ]
	[[ "$output" == *"does-not-exist.json"*"No such file"* ]]
}

@test "fmt keeps entry order where it decides a call (the containers' default and setns)" {
	"$SECCOMPCTL" fmt "$BATS_TEST_DIRNAME/../../profiles/builtin/runtime-default.json" >"$BATS_TEST_TMPDIR/c.json"
	run "$SECCOMPCTL" diff --builtin-a runtime-default "$BATS_TEST_TMPDIR/c.json"
	[ "$status" -eq 0 ]
	run "$SECCOMPCTL" diff --caps CAP_SYS_ADMIN --builtin-a runtime-default "$BATS_TEST_TMPDIR/c.json"
	[ "$status" -eq 0 ]
	run "$SECCOMPCTL" explain "$BATS_TEST_TMPDIR/c.json" setns
	[ "$status" -eq 0 ]
	# fmt is a fixed point on it
	"$SECCOMPCTL" fmt "$BATS_TEST_TMPDIR/c.json" | cmp - "$BATS_TEST_TMPDIR/c.json"
}
