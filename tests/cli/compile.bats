#!/usr/bin/env bats
# seccompctl compile: every format, both backends, -o, --stats, --enosys and
# the errors.  The programs are checked by round trips (disasm, a C program
# built from --format c, base64 -d) and by loading them into the kernel.

load common

# load_and_call PROGRAM SYSCALL_NR: run a child under the raw program and
# print what the syscall returned ("ok" or the errno number).
load_and_call() {
	local prog=$1 nr=$2 bin=$BATS_FILE_TMPDIR/loader
	if [ ! -x "$bin" ]; then
		cat >"$BATS_FILE_TMPDIR/loader.c" <<'EOF'
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static struct sock_filter insns[4096];
	FILE *f = fopen(argv[1], "rb");
	size_t n = f ? fread(insns, sizeof(insns[0]), 4096, f) : 0;
	struct sock_fprog prog = {.len = (unsigned short)n, .filter = insns};
	long nr = strtol(argv[2], NULL, 0), r;

	(void)argc;
	if (!n || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
		perror("load");
		return 3;
	}
	r = syscall(nr, 0, 0, 0, 0, 0, 0);
	if (r < 0)
		printf("%d\n", errno);
	else
		printf("ok\n");
	return 0;
}
EOF
		cc -O1 -o "$bin" "$BATS_FILE_TMPDIR/loader.c"
	fi
	"$bin" "$prog" "$nr"
}

@test "raw to -o: loads in the kernel and denies what the profile denies" {
	out=$BATS_TEST_TMPDIR/min.bpf
	run "$SECCOMPCTL" compile "$LAB/minimal.json" -o "$out"
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	size=$(stat -c %s "$out")
	[ $((size % 8)) -eq 0 ]
	[ "$size" -gt 8 ]
	# getpid is allowed; clock_nanosleep gets the default ERRNO(EPERM)
	[ "$(load_and_call "$out" 39)" = ok ]
	[ "$(load_and_call "$out" 230)" = 1 ]
	# above the highest named number: runc's ENOSYS stub
	[ "$(load_and_call "$out" 1000)" = 38 ]
}

@test "both backends give programs the kernel treats alike" {
	for b in native libseccomp; do
		"$SECCOMPCTL" compile "$LAB/deny-dangerous.json" --backend "$b" -o "$BATS_TEST_TMPDIR/$b.bpf"
	done
	for nr in 39 165 169 101 1000; do # getpid mount reboot ptrace (none)
		[ "$(load_and_call "$BATS_TEST_TMPDIR/native.bpf" $nr)" = \
			"$(load_and_call "$BATS_TEST_TMPDIR/libseccomp.bpf" $nr)" ]
	done
	[ "$(load_and_call "$BATS_TEST_TMPDIR/native.bpf" 165)" = 1 ]
	# and the native one is shorter
	[ "$(stat -c %s "$BATS_TEST_TMPDIR/native.bpf")" -lt \
		"$(stat -c %s "$BATS_TEST_TMPDIR/libseccomp.bpf")" ]
}

@test "raw to a pipe by default; asm, json, c and base64 round-trip to the same bytes" {
	"$SECCOMPCTL" compile --builtin minimal >"$BATS_TEST_TMPDIR/raw.bpf"
	"$SECCOMPCTL" compile --builtin minimal -o "$BATS_TEST_TMPDIR/o.bpf"
	cmp "$BATS_TEST_TMPDIR/raw.bpf" "$BATS_TEST_TMPDIR/o.bpf"
	# base64: what crun's annotation takes
	"$SECCOMPCTL" compile --builtin minimal --format base64 | base64 -d >"$BATS_TEST_TMPDIR/b64.bpf"
	cmp "$BATS_TEST_TMPDIR/raw.bpf" "$BATS_TEST_TMPDIR/b64.bpf"
	# c: a compilable array with the same bytes
	"$SECCOMPCTL" compile --builtin minimal --format c >"$BATS_TEST_TMPDIR/filter.h"
	cat >"$BATS_TEST_TMPDIR/dump.c" <<'EOF'
#include <stdio.h>
#include "filter.h"
int main(void)
{
	return fwrite(seccompctl_filter, sizeof(seccompctl_filter[0]), SECCOMPCTL_FILTER_LEN,
		      stdout) == SECCOMPCTL_FILTER_LEN ? 0 : 1;
}
EOF
	cc -Wall -Wextra -Werror -o "$BATS_TEST_TMPDIR/dump" "$BATS_TEST_TMPDIR/dump.c"
	"$BATS_TEST_TMPDIR/dump" | cmp - "$BATS_TEST_TMPDIR/raw.bpf"
	# asm equals disasm of the raw program; json has one entry per instruction
	diff <("$SECCOMPCTL" compile --builtin minimal --format asm) \
		<("$SECCOMPCTL" disasm "$BATS_TEST_TMPDIR/raw.bpf")
	n=$("$SECCOMPCTL" compile --builtin minimal --format json | jq '.instructions | length')
	[ "$n" -eq $(($(stat -c %s "$BATS_TEST_TMPDIR/raw.bpf") / 8)) ]
}

@test "--arch replaces the architectures; the machine's arch stays in the filter" {
	"$SECCOMPCTL" compile "$LAB/minimal.json" --arch x86_64 --format asm >"$BATS_TEST_TMPDIR/a"
	! grep -q '#0x40000003' "$BATS_TEST_TMPDIR/a" # no i386 section
	"$SECCOMPCTL" compile "$LAB/minimal.json" --arch aarch64 --format asm >"$BATS_TEST_TMPDIR/b"
	grep -q '#0xc00000b7' "$BATS_TEST_TMPDIR/b" # aarch64
	grep -q '#0xc000003e' "$BATS_TEST_TMPDIR/b" # x86_64, always there
	run "$SECCOMPCTL" compile "$LAB/minimal.json" --arch vax
	[ "$status" -eq 2 ]
	[[ "$output" == *"--arch vax"* ]]
}

@test "--stats: per-ABI table on stderr, JSON with --output json" {
	run "$SECCOMPCTL" compile --builtin runtime-default --stats -o "$BATS_TEST_TMPDIR/rd.bpf"
	[ "$status" -eq 0 ]
	[[ "$output" == *"native backend:"*"instructions"* ]]
	[[ "$output" == *"x86_64"*"x32"* ]]
	"$SECCOMPCTL" --output json compile --builtin runtime-default --stats \
		-o "$BATS_TEST_TMPDIR/rd.bpf" >"$BATS_TEST_TMPDIR/s.json"
	jq -e '.schema == 1 and .command == "compile" and .backend == "native"' "$BATS_TEST_TMPDIR/s.json"
	jq -e '.length == ('"$(stat -c %s "$BATS_TEST_TMPDIR/rd.bpf")"' / 8)' "$BATS_TEST_TMPDIR/s.json"
	jq -e '.arches[] | select(.arch == "x86_64") | .syscalls > 300 and .worst < 25
		and .cache_allow > 250 and .mean <= .worst' "$BATS_TEST_TMPDIR/s.json"
	# libseccomp's tree is longer on the worst path
	"$SECCOMPCTL" --output json compile --builtin runtime-default --stats --backend libseccomp \
		-o "$BATS_TEST_TMPDIR/l.bpf" >"$BATS_TEST_TMPDIR/l.json"
	[ "$(jq '.arches[0].worst' "$BATS_TEST_TMPDIR/s.json")" -lt \
		"$(jq '.arches[0].worst' "$BATS_TEST_TMPDIR/l.json")" ]
	# JSON stats and the program cannot share stdout
	run "$SECCOMPCTL" --output json compile --builtin minimal --stats
	[ "$status" -eq 2 ]
	[[ "$output" == *"-o FILE"* ]]
}

@test "--enosys: none and kernel=X.Y change what unnamed numbers get" {
	p=$BATS_TEST_TMPDIR/p.json
	echo '{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
	       "syscalls":[{"names":["read","write","exit_group","getpid","openat2"],
	                    "action":"SCMP_ACT_ALLOW"}]}' >"$p"
	"$SECCOMPCTL" compile "$p" --enosys none -o "$BATS_TEST_TMPDIR/none.bpf"
	[ "$(load_and_call "$BATS_TEST_TMPDIR/none.bpf" 1000)" = 1 ]
	"$SECCOMPCTL" compile "$p" --enosys kernel=5.2 -o "$BATS_TEST_TMPDIR/k.bpf"
	[ "$(load_and_call "$BATS_TEST_TMPDIR/k.bpf" 434)" = 38 ] # pidfd_open, 5.3
	[ "$(load_and_call "$BATS_TEST_TMPDIR/k.bpf" 169)" = 1 ]  # reboot, old
	run "$SECCOMPCTL" compile "$p" --enosys kernel=2.6
	[ "$status" -eq 2 ]
	[[ "$output" == *"3.17"* ]]
	run "$SECCOMPCTL" compile "$p" --enosys kernel=5.2 --backend libseccomp -o /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *"native backend"* ]]
}

@test "-o is atomic: a failed compile leaves the old file alone" {
	out=$BATS_TEST_TMPDIR/keep.bpf
	echo "old" >"$out"
	echo '{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_S390X"],
	       "syscalls":[]}' >"$BATS_TEST_TMPDIR/mixed.json"
	run "$SECCOMPCTL" compile "$BATS_TEST_TMPDIR/mixed.json" -o "$out"
	[ "$status" -eq 2 ]
	[[ "$output" == *"architectures[1]"*"big-endian"* ]]
	[ "$(cat "$out")" = old ]
	[ -z "$(find "$BATS_TEST_TMPDIR" -name '.keep.bpf.*')" ]
}

@test "errors: unreadable profile, bad JSON, 4096 limit, bad options; exit 2 with where" {
	run "$SECCOMPCTL" compile "$BATS_TEST_TMPDIR/nope.json" -o /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *"nope.json"* ]]
	printf '{"defaultAction": "SCMP_ACT_ERRNO",\n "syscalls": [}\n' >"$BATS_TEST_TMPDIR/bad.json"
	run "$SECCOMPCTL" compile "$BATS_TEST_TMPDIR/bad.json" -o /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *"bad.json:2:"* ]]
	run "$SECCOMPCTL" compile "$REPO/tests/fixtures/lint/SCP031/trigger-over-4096.json" -o /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *"over the kernel's limit of 4096"*"prctl"* ]]
	run "$SECCOMPCTL" compile "$LAB/minimal.json" --format elf
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" compile "$LAB/minimal.json" --backend gcc
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" compile --builtin nosuch
	[ "$status" -eq 2 ]
	[[ "$output" == *"nosuch"* ]]
}

@test "help compile and its man page" {
	run "$SECCOMPCTL" help compile
	[ "$status" -eq 0 ]
	[[ "$output" == *"--format"*"base64"*"run.oci.seccomp_bpf_data"* ]]
	run "$SECCOMPCTL" help --man compile
	[[ "$output" == *".TH"* ]]
}

@test "-o /dev/null writes in place: the device stays a device" {
	run "$SECCOMPCTL" compile --builtin minimal -o /dev/null
	[ "$status" -eq 0 ]
	[ -c /dev/null ]
}
