/*
 * glpkwall.c: GLPK behind one wall (glpkwall.h).  GLPK prints on the
 * terminal, cannot return a failure, and aborts when it cannot start:
 * what fotstat does about each is here, with the reason.
 */
#include "report/glpkwall.h"
#include "common/util.h"

#include <glpk.h>
#include <signal.h>
#include <string.h>

/*
 * GLPK cannot return a failure: on one (out of memory, in practice: its
 * models here are small and well-formed) it calls this hook and would then
 * abort.  fotstat ends the run itself, as for its own want of memory.
 */
static void glpk_failed(void *info)
{
    (void)info;
    die_with("fotstat: granskningen av skyddet (GLPK) avbröts, troligen av minnesbrist; "
             "ingenting av det som pågick sparades\n");
}

/*
 * GLPK's own start-up cannot even call the hook: when its environment
 * cannot be allocated it prints a line and calls abort().  While a model
 * lives, SIGABRT ends the run the same way as glpk_failed (die_with is
 * async-signal-safe); outside, abort keeps its usual meaning.
 */
static void glpk_aborted(int sig)
{
    (void)sig;
    glpk_failed(NULL);
}

static int models_alive;
static struct sigaction abort_before;

void glpk_leave(void)
{
    if (--models_alive == 0)
        sigaction(SIGABRT, &abort_before, NULL);
}

void glpk_enter(void)
{
    static int quiet;
    if (models_alive++ == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = glpk_aborted;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGABRT, &sa, &abort_before);
    }
    if (!quiet++) {
        glp_term_out(GLP_OFF);
        glp_error_hook(glpk_failed, NULL);
    }
}

