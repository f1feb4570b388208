/*
 * glpkwall.h: GLPK behind one wall (glpkwall.c).  Every GLPK model of the
 * audit (audit.c) is made between glpk_enter and glpk_leave: in between,
 * GLPK says nothing on the terminal, and its failure (out of memory, in
 * practice) ends the run with a Swedish message, as fotstat's own does.
 */
#ifndef FOTSTAT_GLPKWALL_H
#define FOTSTAT_GLPKWALL_H

/* Before a model is made: GLPK silent, its failures and its abort ending the run. */
void glpk_enter(void);
/* After a model is freed, its last GLPK call made; the last one gives SIGABRT back. */
void glpk_leave(void);

#endif
