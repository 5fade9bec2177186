/* seccompctl demo: the seccomp lab (seed/lab-03), step by step, with
 * seccompctl doing what the lab does by hand.  Later features add their
 * step here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "profile/builtin.h"

static void step(const struct cli *g, const char *lab, const char *what, const char *by_hand)
{
	printf("\n%s== %s: %s%s\n", cli_bold(g), lab, what, cli_reset(g));
	printf("%s   by hand: %s%s\n\n", cli_dim(g), by_hand, cli_reset(g));
	fflush(stdout);
}

static int run(const struct cli *g, cli_cmd_fn fn, char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	printf("%s$ seccompctl", cli_cyan(g));
	for (int i = 0; i < argc; i++)
		printf(" %s", argv[i]);
	printf("%s\n", cli_reset(g));
	fflush(stdout);
	return fn(g, argc, argv);
}

/* Part 6: the pod that does not start, the audit profile, the fix. */
static int demo_part6(const struct cli *g, const struct cli *sub)
{
	char dir[] = "/tmp/seccompctl-demo.XXXXXX", fixed[64], merged[64], base[64], since[32];
	const struct builtin_blob *blob = builtin_data(builtin_find("too-restrictive"));
	FILE *f;
	int rc;

	if (!mkdtemp(dir)) {
		perror("seccompctl demo: mkdtemp");
		return 125;
	}
	snprintf(fixed, sizeof(fixed), "%s/fixed.json", dir);
	snprintf(merged, sizeof(merged), "%s/merged.json", dir);
	snprintf(base, sizeof(base), "%s/too-restrictive.json", dir);
	f = fopen(base, "w");
	if (!f || fwrite(blob->data, 1, blob->len, f) != blob->len || fclose(f) != 0) {
		perror("seccompctl demo: writing too-restrictive.json");
		rc = 125;
		goto out;
	}
	snprintf(since, sizeof(since), "%lld", (long long)time(NULL) - 1);

	step(g, "Part 6.2", "the container will not start under too-restrictive: why?",
	     "kubectl describe pod; CrashLoopBackOff; empty logs");
	rc = run(
	    sub, cmd_run,
	    (char *[]){"run", "--builtin", "too-restrictive", "--report", "--", "ls", "/", NULL});
	if (rc == EXIT_USAGE || rc == 125)
		goto out;

	step(g, "Part 6.3/6.4", "the audit profile, and the SECCOMP records the kernel kept",
	     "apply audit.json; ausearch -m SECCOMP or dmesg | grep audit | grep seccomp");
	rc = run(sub, cmd_run, (char *[]){"run", "--builtin", "audit", "--", "ls", "/", NULL});
	if (rc == EXIT_USAGE || rc == 125)
		goto out;
	if (access("/dev/kmsg", R_OK) == 0) {
		printf("\n");
		run(sub, cmd_logs,
		    (char *[]){"logs", "--source", "kmsg", "--comm", "ls", "--since", since,
			       "--merge", base, "-o", merged, NULL});
		printf("%s   (the kernel rate-limits these records: some calls may be missing; "
		       "complain mode below sees every one)%s\n",
		       cli_dim(g), cli_reset(g));
	} else {
		printf("%s   (/dev/kmsg is not readable: run the demo as root for the kernel's "
		       "records)%s\n",
		       cli_dim(g), cli_reset(g));
	}

	step(g, "Part 6.4", "every call too-restrictive would deny, without blocking, and the fix",
	     "add syscalls to the profile by hand, redeploy, repeat");
	rc = run(sub, cmd_run,
		 (char *[]){"run", "--mode", "complain", "--builtin", "too-restrictive",
			    "--suggest", fixed, "--", "ls", "/", NULL});
	if (rc == EXIT_USAGE || rc == 125)
		goto out;
	printf("\n");
	rc = run(sub, cmd_run, (char *[]){"run", "-p", fixed, "--report", "--", "ls", "/", NULL});
	if (rc == EXIT_USAGE || rc == 125)
		goto out;
	rc = 0;
out:
	unlink(fixed);
	unlink(merged);
	unlink(base);
	rmdir(dir);
	return rc;
}

/* Challenge 1: generate a profile from a running application. */
static int demo_record(const struct cli *g, const struct cli *sub)
{
	char dir[] = "/tmp/seccompctl-demo.XXXXXX", out[64];
	int rc;

	if (!mkdtemp(dir)) {
		perror("seccompctl demo: mkdtemp");
		return 125;
	}
	snprintf(out, sizeof(out), "%s/ls.json", dir);
	step(g, "Challenge 1", "record the profile a command needs, run it under it, compare",
	     "strace -f -c, copy names into a heredoc, hope");
	rc = run(sub, cmd_record, (char *[]){"record", "-o", out, "--", "ls", "/", NULL});
	if (rc == EXIT_USAGE || rc == 125)
		goto out;
	printf("\n");
	rc = run(sub, cmd_run, (char *[]){"run", "-p", out, "--report", "--", "ls", "/", NULL});
	if (rc == EXIT_USAGE || rc == 125)
		goto out;
	printf("\n");
	struct cli quiet = *sub;

	quiet.quiet = true; /* the summary per ABI, not the ~300 rows */
	printf("%s$ seccompctl -q diff %s --builtin runtime-default%s\n", cli_cyan(g), out,
	       cli_reset(g));
	fflush(stdout);
	rc = cmd_diff(&quiet, 4, (char *[]){"diff", out, "--builtin", "runtime-default", NULL});
	if (rc == EXIT_USAGE)
		goto out;
	rc = 0;
out:
	unlink(out);
	rmdir(dir);
	return rc;
}

int cmd_demo(const struct cli *g, int argc, char **argv)
{
	static const char *const lab[] = {"too-restrictive", "minimal", "deny-dangerous",
					  "audit",	     "nginx",	"production"};
	struct cli sub = *g;
	int rc;

	if (argc > 1)
		return cli_usage_error(g, "demo", "takes no arguments");
	if (cli_check_format(g, "demo", 1u << FMT_TEXT))
		return EXIT_USAGE;
	sub.quiet = false;

	printf("%sseccompctl demo: the seccomp lab on this machine, no cluster needed%s\n",
	       cli_bold(g), cli_reset(g));

	step(g, "Part 1.1", "does this node support seccomp?",
	     "grep CONFIG_SECCOMP /boot/config-*; grep Seccomp /proc/self/status");
	rc = run(&sub, cmd_check, (char *[]){"check", NULL});
	if (rc == EXIT_USAGE)
		return rc;

	step(g, "Part 3", "which profiles do we have?", "cat <<EOF > profile.json ... EOF");
	rc = run(&sub, cmd_profiles, (char *[]){"profiles", "list", NULL});
	if (rc)
		return rc;

	step(g, "Parts 3-6", "what is wrong with the lab's profiles?",
	     "jq . profile.json; deploy a pod; kubectl describe; CrashLoopBackOff");
	for (size_t i = 0; i < sizeof(lab) / sizeof(lab[0]); i++) {
		char name[64];

		snprintf(name, sizeof(name), "%s", lab[i]);
		printf("\n");
		rc = run(&sub, cmd_lint,
			 (char *[]){"lint", "--severity", "warning", "--builtin", name, NULL});
		if (rc == EXIT_USAGE)
			return rc;
	}

	step(g, "Part 4", "what does the kernel get? the lab's minimal profile as a BPF program",
	     "(nothing: runc compiles it with libseccomp at every container start)");
	rc = run(&sub, cmd_compile,
		 (char *[]){"compile", "--builtin", "minimal", "--stats", "-o", "/dev/null", NULL});
	if (rc == EXIT_USAGE)
		return rc;
	printf("\n");
	rc = run(&sub, cmd_compile,
		 (char *[]){"compile", "--builtin", "minimal", "--backend", "libseccomp", "--stats",
			    "-o", "/dev/null", NULL});
	if (rc == EXIT_USAGE)
		return rc;

	step(g, "Part 4",
	     "what does deny-dangerous do to mount, and why does sleep die under minimal?",
	     "kubectl exec pod -- mount -t tmpfs tmpfs /mnt; kubectl logs (empty)");
	rc = run(&sub, cmd_explain,
		 (char *[]){"explain", "--builtin", "deny-dangerous", "mount", NULL});
	if (rc == EXIT_USAGE)
		return rc;
	printf("\n");
	/* glibc's and musl's sleep()/nanosleep() call clock_nanosleep */
	rc = run(&sub, cmd_explain,
		 (char *[]){"explain", "--builtin", "minimal", "clock_nanosleep", NULL});
	if (rc == EXIT_USAGE)
		return rc;

	step(g, "Parts 4-5", "run it for real: mount under deny-dangerous, sleep under minimal",
	     "kubectl exec pod -- mount ...; kubectl logs (empty); guess");
	rc = run(&sub, cmd_run,
		 (char *[]){"run", "--builtin", "deny-dangerous", "--report", "--", "mount", "-t",
			    "tmpfs", "tmpfs", "/mnt", NULL});
	if (rc == EXIT_USAGE || rc == 125)
		return rc;
	printf("\n");
	rc = run(&sub, cmd_run,
		 (char *[]){"run", "--builtin", "minimal", "--report", "--", "sleep", "1", NULL});
	if (rc == EXIT_USAGE || rc == 125)
		return rc;

	rc = demo_part6(g, &sub);
	if (rc)
		return rc;
	rc = demo_record(g, &sub);
	if (rc)
		return rc;

	step(g, "Part 7", "the runtime's default, for comparison",
	     "securityContext.seccompProfile.type: RuntimeDefault");
	rc = run(&sub, cmd_lint, (char *[]){"lint", "--builtin", "runtime-default", NULL});
	if (rc == EXIT_USAGE)
		return rc;

	printf("\n%sdemo done.%s Next: 'seccompctl help lint', 'seccompctl fmt', "
	       "'seccompctl profiles show NAME', 'seccompctl help compile', "
	       "'seccompctl help explain', 'seccompctl help run'.\n",
	       cli_bold(g), cli_reset(g));
	return EXIT_OK;
}
