/* cmd_untag.c: eyeball untag, clearing error categories from the command line. */
#include "config.h"
#include "cmd_actions.h"

static const char help[] =
    "usage: eyeball untag ID CATEGORY... [--blackbox]\n"
    "\n"
    "Clears the error categories CATEGORY (by name) from the example ID, as the category\n"
    "keys do in the review screen; the example counts as reviewed. All or nothing: an\n"
    "unknown id or category changes nothing. 'eyeball categories' lists the categories.\n"
    "The reviewer is $EYEBALL_REVIEWER, else $USER, who clears only their own ticks: the\n"
    "example keeps a category while another reviewer holds it.\n"
    "\n"
    "  --blackbox  judge an example of dev's Blackbox part that nothing has shown yet\n"
    "              (refused without it; 'review --blackbox' shows such examples)\n";

int cmd_untag(cmd_ctx_t *ctx, int argc, char **argv)
{
    return cmd_tag_run(ctx, argc, argv, 0, help);
}
