#!/usr/bin/env bats
# seccompctl check: text and JSON against what /proc says on this machine,
# exit codes, --kubelet-dir, colour, and runs under a seccomp filter.

bats_require_minimum_version 1.5.0

setup_file() {
	export SECCOMPCTL="${SECCOMPCTL:-${BATS_TEST_DIRNAME}/../../build/seccompctl}"
	# A tiny helper that installs a filter and execs: `filter-exec eperm|allow CMD...`.
	# eperm answers seccomp(2) with EPERM, allow lets everything through.
	local src="$BATS_FILE_TMPDIR/filter-exec.c"
	cat >"$src" <<'EOF'
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned int ret = SECCOMP_RET_ALLOW;

	if (argc < 3)
		return 125;
	if (strcmp(argv[1], "eperm") == 0)
		ret = SECCOMP_RET_ERRNO | EPERM;
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_seccomp, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, ret),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof(f) / sizeof(f[0]), f};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) < 0) {
		perror("filter-exec");
		return 125;
	}
	execvp(argv[2], argv + 2);
	perror("filter-exec");
	return 127;
}
EOF
	if command -v cc >/dev/null 2>&1 &&
		cc -o "$BATS_FILE_TMPDIR/filter-exec" "$src" 2>/dev/null; then
		export FILTER_EXEC="$BATS_FILE_TMPDIR/filter-exec"
	fi
}

setup() {
	[ -x "$SECCOMPCTL" ] || skip "no seccompctl binary at $SECCOMPCTL"
	[ -r /proc/sys/kernel/seccomp/actions_avail ] || skip "no /proc/sys/kernel/seccomp"
	[ "$(awk '/^Seccomp:/ {print $2}' /proc/self/status)" != 1 ] || skip "strict mode"
}

need_filter_exec() {
	[ -n "${FILTER_EXEC:-}" ] || skip "no C compiler for the filter helper"
}

json() {
	"$SECCOMPCTL" --output json check "$@"
}

@test "text output is aligned sections ending with one verdict line" {
	run --separate-stderr "$SECCOMPCTL" check
	[ "$status" -eq 0 ]
	[[ "${lines[-1]}" == "verdict: seccomp filter mode available;"* ]]
	[ "$(grep -c '^verdict: ' <<<"$output")" -eq 1 ]
	for s in kernel process actions "filter flags" "user notification" architectures audit kubelet; do
		grep -qx "$s" <<<"$output"
	done
	# Values start in one column: every "  label  value" row puts its value at 23.
	local misaligned
	misaligned=$(grep -E '^  [a-z_/A-Z]' <<<"$output" | grep -vE '^  .{20} [^ ]' || true)
	[ -z "$misaligned" ]
	grep -q '^  TSYNC  *yes$' <<<"$output"
	[ -z "$stderr" ]
}

@test "json: schema 1, every documented key" {
	run --separate-stderr json
	[ "$status" -eq 0 ]
	jq -e '.schema == 1 and .command == "check"' <<<"$output"
	jq -e '[keys[]] | sort == (["schema","command","kernel","process","filter_mode",
		"actions_avail","actions_logged","actions","flags","notif_sizes","arch","audit",
		"kubelet","verdict"] | sort)' <<<"$output"
	jq -e '.actions | keys_unsorted == ["kill_process","kill_thread","trap","errno",
		"user_notif","trace","log","allow"]' <<<"$output"
	jq -e '.flags | keys_unsorted == ["tsync","log","spec_allow","new_listener",
		"tsync_esrch","wait_killable_recv"]' <<<"$output"
	jq -e '.verdict | (.filter_mode_available | type) == "boolean" and (.text | type) == "string"' <<<"$output"
	jq -e '.filter_mode.available == true and .filter_mode.reason == "available"' <<<"$output"
}

@test "json: actions_avail and actions_logged are the /proc files, word for word" {
	run --separate-stderr json
	[ "$status" -eq 0 ]
	[ "$(jq -r '.actions_avail | join(" ")' <<<"$output")" = "$(cat /proc/sys/kernel/seccomp/actions_avail)" ]
	[ "$(jq -r '.actions_logged | join(" ")' <<<"$output")" = "$(cat /proc/sys/kernel/seccomp/actions_logged)" ]
}

@test "json: SECCOMP_GET_ACTION_AVAIL agrees with actions_avail" {
	run --separate-stderr json
	[ "$status" -eq 0 ]
	local probed
	probed=$(jq -r '.actions | to_entries | map(select(.value == true) | .key) | join(" ")' <<<"$output")
	[ "$probed" = "$(cat /proc/sys/kernel/seccomp/actions_avail)" ]
	[ "$(jq -r '.verdict.actions_available' <<<"$output")" -eq "$(wc -w </proc/sys/kernel/seccomp/actions_avail)" ]
}

@test "json: process mode, filters and NoNewPrivs match /proc/self/status" {
	run --separate-stderr json
	[ "$status" -eq 0 ]
	# awk inherits the same seccomp state as seccompctl: both are our children.
	[ "$(jq -r .process.seccomp_mode <<<"$output")" = "$(awk '/^Seccomp:/ {print $2}' /proc/self/status)" ]
	[ "$(jq -r .process.prctl_seccomp_mode <<<"$output")" = "$(awk '/^Seccomp:/ {print $2}' /proc/self/status)" ]
	if grep -q '^Seccomp_filters:' /proc/self/status; then
		[ "$(jq -r .process.seccomp_filters <<<"$output")" = "$(awk '/^Seccomp_filters:/ {print $2}' /proc/self/status)" ]
	fi
	local nnp
	nnp=$(awk '/^NoNewPrivs:/ {print ($2 == 1) ? "true" : "false"}' /proc/self/status)
	[ "$(jq -r .process.no_new_privs <<<"$output")" = "$nnp" ]
	[ "$(jq -r .kernel.release <<<"$output")" = "$(uname -r)" ]
}

@test "json: notification sizes and native arch" {
	run --separate-stderr json
	[ "$status" -eq 0 ]
	if jq -e '.actions.user_notif' <<<"$output" >/dev/null; then
		jq -e '.notif_sizes.seccomp_data == 64 and .notif_sizes.seccomp_notif >= 80' <<<"$output"
		jq -e '.verdict.user_notif_available == true' <<<"$output"
	fi
	if [ "$(uname -m)" = x86_64 ]; then
		jq -e '.arch.native == "x86_64" and .arch.audit_arch == "0xc000003e"' <<<"$output"
		jq -e '[.arch.compat[].name] == ["x86","x32"]' <<<"$output"
	fi
}

@test "--kubelet-dir counts *.json profiles recursively" {
	local d="$BATS_TEST_TMPDIR/kubelet-seccomp"
	mkdir -p "$d/profiles/team"
	echo '{}' >"$d/audit.json"
	echo '{}' >"$d/profiles/team/nginx.json"
	echo 'not a profile' >"$d/README.md"
	run --separate-stderr json --kubelet-dir "$d"
	[ "$status" -eq 0 ]
	jq -e --arg d "$d" '.kubelet == {"dir": $d, "exists": true, "profiles": 2,
		"unreadable_dirs": 0, "error": null}' <<<"$output"
	run --separate-stderr "$SECCOMPCTL" check --kubelet-dir="$d"
	[ "$status" -eq 0 ]
	grep -qE "^  profiles +2 " <<<"$output"
	grep -qE "^  profile dir +$d\$" <<<"$output"
}

@test "--kubelet-dir: a missing directory is reported, not an error" {
	run --separate-stderr json --kubelet-dir "$BATS_TEST_TMPDIR/nope"
	[ "$status" -eq 0 ]
	jq -e '.kubelet.exists == false and .kubelet.profiles == 0 and
		.kubelet.error == "No such file or directory"' <<<"$output"
	run --separate-stderr "$SECCOMPCTL" check --kubelet-dir "$BATS_TEST_TMPDIR/nope"
	grep -qE "^  profile dir +$BATS_TEST_TMPDIR/nope: missing\$" <<<"$output"
}

@test "bad usage exits 2 with a message naming the problem" {
	run --separate-stderr "$SECCOMPCTL" check --frobnicate
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ "$stderr" == *"unknown option '--frobnicate'"* ]]
	# Options match exactly: no prefix guessing.
	run --separate-stderr "$SECCOMPCTL" check --kube /tmp
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"unknown option '--kube'"* ]]
	run --separate-stderr "$SECCOMPCTL" check --kubelet-dir
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--kubelet-dir needs a value"* ]]
	run --separate-stderr "$SECCOMPCTL" check stray
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"takes no arguments"* ]]
	run --separate-stderr "$SECCOMPCTL" --output sarif check
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--output sarif is not supported"* ]]
}

@test "-q prints the verdict line alone" {
	run --separate-stderr "$SECCOMPCTL" -q check
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == "verdict: seccomp filter mode available"* ]]
}

@test "colour on a terminal, none with NO_COLOR or --no-color" {
	command -v script >/dev/null || skip "no script(1) for a pseudo-terminal"
	run script -qec "env -u NO_COLOR '$SECCOMPCTL' check" /dev/null
	[ "$status" -eq 0 ]
	[[ "$output" == *$'\e['* ]]
	run script -qec "env NO_COLOR=1 '$SECCOMPCTL' check" /dev/null
	[ "$status" -eq 0 ]
	[[ "$output" != *$'\e['* ]]
	[[ "$output" == *"verdict: seccomp filter mode available"* ]]
	run script -qec "env -u NO_COLOR '$SECCOMPCTL' --no-color check" /dev/null
	[[ "$output" != *$'\e['* ]]
}

@test "under a filter that refuses seccomp(2): exit 1, blocked" {
	need_filter_exec
	run --separate-stderr "$FILTER_EXEC" eperm "$SECCOMPCTL" check
	[ "$status" -eq 1 ]
	[[ "${lines[-1]}" == "verdict: seccomp filter mode unavailable: seccomp(2) is refused"* ]]
	run --separate-stderr "$FILTER_EXEC" eperm "$SECCOMPCTL" --output json check
	[ "$status" -eq 1 ]
	jq -e '.process.seccomp_mode == 2 and .process.no_new_privs == true' <<<"$output"
	jq -e '.filter_mode == {"available": false, "reason": "blocked",
		"method": "seccomp(2)", "errno": "EPERM"}' <<<"$output"
	jq -e '.verdict.filter_mode_available == false and ([.flags[]] | all(. == null))' <<<"$output"
	# The files still answer what the syscall would not.
	[ "$(jq -r '.actions_avail | join(" ")' <<<"$output")" = "$(cat /proc/sys/kernel/seccomp/actions_avail)" ]
}

@test "under a filter that allows seccomp(2): exit 0, and the filter is counted" {
	need_filter_exec
	local before
	before=$(awk '/^Seccomp_filters:/ {print $2}' /proc/self/status)
	run --separate-stderr "$FILTER_EXEC" allow "$SECCOMPCTL" --output json check
	[ "$status" -eq 0 ]
	jq -e '.process.seccomp_mode == 2 and .filter_mode.available == true' <<<"$output"
	if [ -n "$before" ]; then
		[ "$(jq -r .process.seccomp_filters <<<"$output")" -eq $((before + 1)) ]
	fi
	jq -e '.verdict.text | test("already in force")' <<<"$output"
}
