/* seccompctl explain: placeholder until the command lands (issue 3). */
#include "cli/cli.h"

int cmd_explain(const struct cli *g, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage_error(g, "explain", "not built yet");
}
