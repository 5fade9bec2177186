#!/usr/bin/env bats
# seccompctl logs on auditd's audit.log with records written now: auditd
# (Debian's package) is started by hand, as there is no systemd, a program
# makes two logged calls (one through the i386 ABI), and `logs` must find
# them in audit.log, both named and with --source auto.  auditd is stopped
# afterwards and the kernel log takes the records again.

TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
SECCOMPCTL=${SECCOMPCTL:-$TOP/build/seccompctl}
LOG=/var/log/audit/audit.log

setup_file()
{
	# auditd takes the records away from the kernel log: not while the
	# other runtime tests read /dev/kmsg
	exec 8>/run/lock/seccompctl-runtime-tests.lock
	flock -w 900 8 || true
}

setup()
{
	if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/auditd ]; then
		skip "needs root and auditd (Debian package auditd)"
	fi
	if [ -s /run/auditd.pid ] && kill -0 "$(cat /run/auditd.pid)" 2>/dev/null; then
		skip "auditd already runs here"
	fi
	had_log=0
	[ -e "$LOG" ] && had_log=1
	/usr/sbin/auditd
	for _ in $(seq 50); do
		[ -s /run/auditd.pid ] && [ -e "$LOG" ] && break
		sleep 0.1
	done
}

teardown()
{
	if [ -s /run/auditd.pid ]; then
		kill "$(cat /run/auditd.pid)" 2>/dev/null || true
		for _ in $(seq 50); do
			kill -0 "$(cat /run/auditd.pid 2>/dev/null)" 2>/dev/null || break
			sleep 0.1
		done
	fi
	auditctl -e 0 >/dev/null 2>&1 || true
	rm -f /run/auditd.pid
	[ "${had_log:-1}" = 1 ] || rm -f "$LOG"
}

@test "auditd's audit.log: the records of a program run now, named per ABI; --source auto" {
	d=$BATS_TEST_TMPDIR
	[ -s /run/auditd.pid ]
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
	cc -o "$d/audited" "$d/prog.c"
	pid=$("$d/audited" "$d/p.bpf")
	for _ in $(seq 50); do
		[ "$(grep -c "type=SECCOMP.* pid=$pid " "$LOG")" -ge 2 ] && break
		sleep 0.1
	done
	grep -q "type=SECCOMP.* pid=$pid " "$LOG"
	"$SECCOMPCTL" --output json logs "$LOG" --pid "$pid" >"$d/out.json" || [ $? -eq 1 ]
	jq -e '[.calls[] | "\(.abi) \(.syscall) \(.actions | join(","))"] | sort
		== ["x86 getpgrp LOG", "x86_64 getppid LOG"]' "$d/out.json"
	jq -e --arg exe "$d/audited" '[.calls[] | .program == $exe] | all' "$d/out.json"
	# with auditd running, auto reads audit.log
	"$SECCOMPCTL" --output json logs --pid "$pid" >"$d/auto.json" || [ $? -eq 1 ]
	jq -e '.source == "/var/log/audit/audit.log" and (.calls | length) == 2' "$d/auto.json"
}
