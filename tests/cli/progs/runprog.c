/* Test program for tests/cli/run.bats: each mode makes one kind of call that
 * a test profile denies, in the way the test needs (from a thread, with a
 * SIGSYS handler, through the i386 ABI, ...), and prints what it saw. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *dir = "/nonexistent-runprog";

static void on_sigsys(int sig)
{
	(void)sig;
	static const char msg[] = "SIGSYS caught\n";
	write(1, msg, sizeof(msg) - 1);
	_exit(42);
}

static void *thread_mkdir(void *arg)
{
	(void)arg;
	long r = syscall(SYS_mkdirat, -100, dir, 0700);
	printf("thread tid=%ld mkdirat=%ld errno=%s\n", (long)gettid(), r,
	       r < 0 ? strerrorname_np(errno) : "0");
	return NULL;
}

static void *thread_spin(void *arg)
{
	(void)arg;
	for (;;)
		syscall(SYS_mkdirat, -100, dir, 0700);
	return NULL;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	pthread_t t;

	if (argc > 2)
		dir = argv[2];
	if (strcmp(mode, "mkdir") == 0) {
		long r = syscall(SYS_mkdirat, -100, dir, 0700);
		printf("mkdirat=%ld errno=%s\n", r, r < 0 ? strerrorname_np(errno) : "0");
		return 0;
	}
	if (strcmp(mode, "catch-sigsys") == 0) {
		signal(SIGSYS, on_sigsys);
		long r = syscall(SYS_mkdirat, -100, dir, 0700);
		printf("mkdirat=%ld errno=%s (no signal)\n", r,
		       r < 0 ? strerrorname_np(errno) : "0");
		return 0;
	}
	if (strcmp(mode, "thread") == 0) {
		printf("main pid=%d\n", getpid());
		fflush(stdout);
		pthread_create(&t, NULL, thread_mkdir, NULL);
		pthread_join(t, NULL);
		return 0;
	}
	if (strcmp(mode, "thread-exit") == 0) {
		/* the process exits while a thread's denied calls are held */
		pthread_create(&t, NULL, thread_spin, NULL);
		usleep(100000);
		_exit(3);
	}
	if (strcmp(mode, "int80") == 0) {
		long r;
		printf("x86_64 getppid=%ld\n", (long)syscall(SYS_getppid));
		fflush(stdout);
		__asm__ volatile("int $0x80" : "=a"(r) : "a"(65) : "memory"); /* i386 getpgrp */
		printf("i386 getpgrp=%ld\n", r);
		return 0;
	}
	if (strcmp(mode, "wait-usr1") == 0) {
		sigset_t set;
		int sig;
		sigemptyset(&set);
		sigaddset(&set, SIGUSR1);
		sigprocmask(SIG_BLOCK, &set, NULL);
		printf("ready %d\n", getpid());
		fflush(stdout);
		sigwait(&set, &sig);
		printf("got SIGUSR1\n");
		return 5;
	}
	fprintf(stderr,
		"usage: runprog mkdir|catch-sigsys|thread|thread-exit|int80|wait-usr1 [DIR]\n");
	return 2;
}
