#!/usr/bin/env bats
# seccompctl logs on records the kernel writes now: a program (its name
# has a space, so audit hex-encodes it) runs under a filter that logs
# getppid and getpgrp, and makes getppid natively and getpgrp through
# int 0x80 (the i386 ABI); `logs --source kmsg --pid` must name exactly
# those, each from its own ABI's table.  printk_ratelimit goes to 0 for the
# test (else the kernel drops records) and is restored.

TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
SECCOMPCTL=${SECCOMPCTL:-$TOP/build/seccompctl}
RATELIMIT=/proc/sys/kernel/printk_ratelimit

setup_file()
{
	# printk_ratelimit is machine-wide: share the runtime tests' lock
	exec 8>/run/lock/seccompctl-runtime-tests.lock
	flock -w 900 8 || true
}

setup()
{
	if [ "$(id -u)" != 0 ] || [ ! -r /dev/kmsg ] || [ ! -w "$RATELIMIT" ]; then
		skip "needs root, /dev/kmsg and $RATELIMIT"
	fi
	saved=$(cat "$RATELIMIT")
	echo 0 >"$RATELIMIT"
}

teardown()
{
	[ -z "${saved:-}" ] || echo "$saved" >"$RATELIMIT"
}

@test "records written by the kernel now: named per ABI, hex names decoded" {
	d=$BATS_TEST_TMPDIR
	cat >"$d/p.json" <<'EOF'
{"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86"],
 "syscalls":[{"names":["getppid","getpgrp"],"action":"SCMP_ACT_LOG"}]}
EOF
	"$SECCOMPCTL" compile "$d/p.json" -o "$d/p.bpf"
	cat >"$d/prog.c" <<'EOF'
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static struct sock_filter insns[4096];
	FILE *f = fopen(argv[1], "rb");
	struct sock_fprog p = {.filter = insns};
	long r;

	(void)argc;
	p.len = (unsigned short)fread(insns, sizeof(insns[0]), 4096, f);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &p))
		return 3;
	printf("%d\n", getpid());
	fflush(stdout);
	syscall(SYS_getppid);
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(65) : "memory"); /* i386 getpgrp */
	return 0;
}
EOF
	cc -o "$d/log run" "$d/prog.c"
	pid=$("$d/log run" "$d/p.bpf")
	[ -n "$pid" ]
	# kauditd prints asynchronously: give it a moment
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		n=$("$SECCOMPCTL" --output json logs --source kmsg --pid "$pid" | jq '.calls | length') || true
		[ "${n:-0}" -ge 2 ] && break
		sleep 0.2
	done
	"$SECCOMPCTL" --output json logs --source kmsg --pid "$pid" >"$d/out.json" || [ $? -eq 1 ]
	jq -e '.source == "/dev/kmsg"' "$d/out.json"
	jq -e '[.calls[] | "\(.abi) \(.syscall) \(.actions | join(","))"] | sort
		== ["x86 getpgrp LOG", "x86_64 getppid LOG"]' "$d/out.json"
	jq -e --arg exe "$d/log run" '[.calls[] | .program == $exe and .comm == "log run"] | all' \
		"$d/out.json"
	# -o: the allowlist has both ABIs
	"$SECCOMPCTL" logs -q --source kmsg --pid "$pid" -o "$d/allow.json" || [ $? -eq 1 ]
	jq -e '.architectures | sort == ["SCMP_ARCH_X86","SCMP_ARCH_X86_64"]' "$d/allow.json"
	jq -e '.syscalls[0].names == ["getpgrp","getppid"]' "$d/allow.json"
}

@test "--follow on the kernel ring: new records as they happen" {
	d=$BATS_TEST_TMPDIR
	cat >"$d/p.json" <<'EOF2'
{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["getppid"],"action":"SCMP_ACT_LOG"}]}
EOF2
	"$SECCOMPCTL" compile "$d/p.json" -o "$d/p.bpf"
	cat >"$d/prog.c" <<'EOF2'
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static struct sock_filter insns[4096];
	FILE *f = fopen(argv[1], "rb");
	struct sock_fprog p = {.filter = insns};

	(void)argc;
	p.len = (unsigned short)fread(insns, sizeof(insns[0]), 4096, f);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &p))
		return 3;
	syscall(SYS_getppid);
	return 0;
}
EOF2
	cc -o "$d/followme" "$d/prog.c"
	"$SECCOMPCTL" --output json logs --follow --source kmsg --comm followme >"$d/out" 3>&- &
	pid=$!
	sleep 0.5
	"$d/followme" "$d/p.bpf"
	for _ in $(seq 30); do
		grep -q getppid "$d/out" && break
		sleep 0.2
	done
	kill -INT "$pid"
	wait "$pid" || true
	jq -e -s '[.[] | select(.syscall == "getppid" and .action == "LOG" and .comm == "followme")]
		| length >= 1' "$d/out"
}
