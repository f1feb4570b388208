/*
 * chart.c: gnuplot charts (chart.h).
 */
#include "report/chart.h"
#include "common/util.h"
#include "report/output.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int chart_available(void)
{
    static int known = -1;
    if (known >= 0)
        return known;
    known = 0;
    const char *path = getenv("PATH");
    if (!path)
        return known;
    char *copy = xstrdup(path), *save = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir && !known; dir = strtok_r(NULL, ":", &save)) {
        struct strbuf p = STRBUF_INIT;
        sb_printf(&p, "%s/gnuplot", *dir ? dir : ".");
        known = access(p.buf, X_OK) == 0;
        sb_free(&p);
    }
    free(copy);
    return known;
}

void gnuplot_quote(struct strbuf *sb, const char *s)
{
    sb_addc(sb, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            sb_adds(sb, "''");
        else if ((unsigned char)*s < 0x20)
            sb_addc(sb, ' ');
        else
            sb_addc(sb, *s);
    }
    sb_addc(sb, '\'');
}

/* A label in the data file: one field, so no TAB or newline. */
static void data_label(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
}

/* Runs gnuplot on script; returns 0 if it exited 0. */
static int run_gnuplot(const char *script, struct strbuf *err)
{
    char *argv[] = { (char *)"gnuplot", (char *)script, NULL };
    pid_t pid;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    /* gnuplot's own warnings ("empty x range" for a single month) are not the user's: its exit says it all. */
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    int rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        sb_printf(err, "kan inte starta gnuplot: %s", errno_sv(rc));
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            sb_printf(err, "gnuplot: %s", errno_sv(errno));
            return -1;
        }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        sb_printf(err, "gnuplot misslyckades med diagrammet (%s)", script);
        return -1;
    }
    return 0;
}

/* Writes the data file and the script for t's chart, runs gnuplot for one format. */
static int draw(const struct report *rep, const struct table *t, const char *dir, const char *ext,
                struct output_set *set, struct strbuf *err)
{
    const struct chart_spec *cs = &t->chart;
    struct strbuf suffix = STRBUF_INIT, script = STRBUF_INIT;
    sb_printf(&suffix, "-%s.%s", cs->name, ext);
    char *final = output_path(rep, dir, suffix.buf);
    sb_printf(&suffix, ".tmp");
    char *tmp = output_path(rep, dir, suffix.buf);
    char *data = output_path(rep, dir, "-diagramdata.tmp");
    char *gp = output_path(rep, dir, "-diagram.gp.tmp");
    int rc = -1;
    output_add(set, tmp, final);    /* before gnuplot makes it: the set removes it on failure */
    scratch_add(data);
    scratch_add(gp);

    FILE *f = fopen(data, "w");
    if (!f) {
        sb_printf(err, "kan inte skriva \"%s\": %s", data, errno_sv(errno));
        goto done;
    }
    for (size_t i = 0; i < cs->nrows; i++) {
        data_label(f, t->rows[cs->rows[i]]);
        for (size_t s = 0; s < cs->ncols; s++) {
            const struct cell *x = table_cell(t, (size_t)cs->rows[i], (size_t)cs->cols[s]);
            if (x->kind == CELL_COUNT || x->kind == CELL_AMOUNT || x->kind == CELL_SHARE)
                fprintf(f, "\t%.10g", x->v);
            else
                fputs("\tNaN", f);
        }
        fputc('\n', f);
    }
    if (fclose(f) != 0) {
        sb_printf(err, "kan inte skriva \"%s\": %s", data, errno_sv(errno));
        goto done;
    }

    struct strbuf *s = &script;
    sb_adds(s, "set encoding utf8\nset decimalsign ','\nset datafile separator '\\t'\n"
               "set datafile missing 'NaN'\n");
    if (strcmp(ext, "png") == 0)
        sb_adds(s, "set terminal pngcairo size 1100,650 font 'Sans,11'\n");
    else
        sb_adds(s, "set terminal svg size 1100,650 dynamic font 'Sans,11'\n");
    sb_adds(s, "set output ");
    gnuplot_quote(s, tmp);
    sb_adds(s, "\nset title ");
    gnuplot_quote(s, t->title);
    sb_adds(s, "\nset ylabel ");
    gnuplot_quote(s, cs->ylabel ? cs->ylabel : "");
    sb_adds(s, "\nset format y '%.0f'\nset yrange [0:*]\nset offsets 0, 0, graph 0.08, 0\nset grid ytics\nset key top left\n"
               "set bmargin 6\nset xtics rotate by -30\n");
    if (t->source) {
        sb_adds(s, "set label 1 ");
        gnuplot_quote(s, t->source);
        sb_adds(s, " at screen 0.01, screen 0.02 font 'Sans,9'\n");
    }
    if (cs->kind == CHART_BAR)
        sb_adds(s, "set style data histograms\nset style histogram clustered gap 1\n"
                   "set style fill solid 0.85 border -1\nset boxwidth 0.9\n");
    else
        sb_adds(s, "set style data linespoints\n");
    sb_adds(s, "plot ");
    for (size_t k = 0; k < cs->ncols; k++) {
        if (k)
            sb_adds(s, ", ");
        gnuplot_quote(s, data);
        sb_printf(s, " using %zu%s title ", k + 2, k == 0 ? ":xtic(1)" : "");
        gnuplot_quote(s, t->cols[cs->cols[k]]);
        if (cs->kind == CHART_LINE)
            sb_adds(s, " linewidth 2");
    }
    sb_addc(s, '\n');
    errno = 0;
    f = fopen(gp, "w");
    int wrote = f && fputs(s->buf, f) >= 0;
    /* fclose releases the stream even when it fails: closed once, whatever happened. */
    if (f && fclose(f) != 0)
        wrote = 0;
    if (!wrote) {
        sb_printf(err, "kan inte skriva \"%s\": %s", gp, errno ? errno_sv(errno) : "okänt fel");
        goto done;
    }
    rc = run_gnuplot(gp, err);
done:
    unlink(data);
    unlink(gp);
    scratch_remove(data);
    scratch_remove(gp);
    free(data);
    free(gp);
    sb_free(&suffix);
    sb_free(&script);
    return rc;
}

int chart_write_report(const struct report *rep, const char *dir, struct output_set *set,
                       struct strbuf *err)
{
    for (size_t i = 0; i < rep->ntables; i++) {
        const struct table *t = rep->tables[i];
        if (t->chart.kind == CHART_NONE)
            continue;
        if (draw(rep, t, dir, "png", set, err) || draw(rep, t, dir, "svg", set, err))
            return -1;
    }
    return 0;
}
