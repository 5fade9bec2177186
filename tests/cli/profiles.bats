#!/usr/bin/env bats
# seccompctl profiles: builtins compiled into the binary.

load common

@test "profiles list shows every builtin" {
	run "$SECCOMPCTL" profiles list
	[ "$status" -eq 0 ]
	for n in runtime-default minimal deny-dangerous audit nginx production too-restrictive log-all; do
		grep -q "^$n " <<<"$output"
	done
	[[ "$output" == *"golang-github-containers-common 0.50.1"* ]]
}

@test "profiles list --output json has a schema and every builtin" {
	run "$SECCOMPCTL" --output json profiles list
	[ "$status" -eq 0 ]
	[ "$(jq .schema <<<"$output")" = 1 ]
	[ "$(jq '.profiles | length' <<<"$output")" = 8 ]
	[ "$(jq -r '.profiles[0].name' <<<"$output")" = runtime-default ]
}

@test "profiles show prints the lab's profiles byte for byte" {
	for f in "$LAB"/*.json; do
		n=$(basename "$f" .json)
		"$SECCOMPCTL" profiles show "$n" | cmp - "$f"
	done
}

@test "runtime-default is Debian's containers-common profile" {
	[ -f /usr/share/containers/seccomp.json ] || skip "golang-github-containers-common not installed"
	"$SECCOMPCTL" profiles show runtime-default | cmp - /usr/share/containers/seccomp.json
}

@test "profiles show --resolved resolves archMap and caps for the target" {
	run "$SECCOMPCTL" profiles show runtime-default --resolved --arch x86_64
	[ "$status" -eq 0 ]
	[ "$(jq -c .architectures <<<"$output")" = '["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"]' ]
	[ "$(jq 'has("archMap")' <<<"$output")" = false ]
	[ "$(jq '[.syscalls[] | has("includes") or has("excludes")] | any' <<<"$output")" = false ]
	run "$SECCOMPCTL" profiles show runtime-default --arch aarch64
	[ "$(jq -c .architectures <<<"$output")" = '["SCMP_ARCH_AARCH64","SCMP_ARCH_ARM"]' ]
}

@test "profiles show of an unknown name exits 2" {
	run "$SECCOMPCTL" profiles show nope
	[ "$status" -eq 2 ]
	[[ "$output" == *"no builtin profile 'nope'"* ]]
	run "$SECCOMPCTL" profiles frobnicate
	[ "$status" -eq 2 ]
}
