/*
 * chart.c: gnuplot charts (chart.h): each chart laid out by chartplace.c,
 * drawn by one run of gnuplot as a PNG at twice the scale (marked as 300
 * dpi at 16 cm), an SVG and a narrow SVG for the page on a phone, and the
 * files finished here (the PNG's resolution, the SVGs' fonts and title).
 */
#include "report/chart.h"
#include "common/util.h"
#include "report/chartlayout.h"
#include "report/chartplace.h"
#include "report/format.h"
#include "report/html.h"
#include "report/outset.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdint.h>
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

/* Runs gnuplot on script; returns 0 if it exited 0. */
static int run_gnuplot(const char *script, struct strbuf *err)
{
    char *argv[] = { (char *)"gnuplot", (char *)script, NULL };
    pid_t pid;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    /* gnuplot's own warnings are not the user's: its exit says it all. */
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

/* ---- The files ---- */

static int spill(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(p, 1, n, f) == n;
    if (fclose(f) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

static uint32_t crc32_png(const unsigned char *p, size_t n)
{
    static uint32_t table[256];
    if (!table[1])
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* Marks the PNG at path as pixels_per_metre (a pHYs chunk after IHDR), so that it prints 16 cm wide. */
static int png_resolution(const char *path, uint32_t pixels_per_metre)
{
    size_t n;
    unsigned char *png = (unsigned char *)file_read_all(path, &n);
    if (!png)
        return -1;
    int rc = -1;
    const size_t ihdr_end = 8 + 8 + 13 + 4;
    if (n > ihdr_end && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(png + 12, "IHDR", 4) == 0 &&
        memcmp(png + ihdr_end + 4, "pHYs", 4) != 0) {
        unsigned char chunk[4 + 4 + 9 + 4];
        put32(chunk, 9);
        memcpy(chunk + 4, "pHYs", 4);
        put32(chunk + 8, pixels_per_metre);
        put32(chunk + 12, pixels_per_metre);
        chunk[16] = 1;      /* the unit is the metre */
        put32(chunk + 17, crc32_png(chunk + 4, 13));
        unsigned char *out = xmalloc(n + sizeof chunk);
        memcpy(out, png, ihdr_end);
        memcpy(out + ihdr_end, chunk, sizeof chunk);
        memcpy(out + ihdr_end + sizeof chunk, png + ihdr_end, n - ihdr_end);
        rc = spill(path, out, n + sizeof chunk);
        free(out);
    }
    free(png);
    return rc;
}

/*
 * Finishes gnuplot's SVG: it names fonts a browser without DejaVu Sans has,
 * of the same width or narrower; its title is the chart's (what a screen
 * reader says), and the plots lose the titles gnuplot gives them
 * ("gnuplot_plot_1", which a browser shows on hovering a line).
 */
static int svg_finish(const char *path, const char *title)
{
    size_t n;
    char *file = file_read_all(path, &n);
    if (!file)
        return -1;
    struct strbuf svg = STRBUF_INIT, named = STRBUF_INIT, out = STRBUF_INIT;
    sb_add(&svg, file, n);
    free(file);
    sb_replace(&svg, "font-family=\"" FONT "\"",
               "font-family=\"DejaVu Sans, Bitstream Vera Sans, Verdana, Arial, sans-serif\"");
    sb_adds(&named, "<title>");
    html_escape(&named, title);
    sb_adds(&named, "</title>");
    sb_replace(&svg, "<title>Gnuplot</title>", named.buf);
    const char *p = svg.buf, *q;
    while ((q = strstr(p, "<title>gnuplot_plot_"))) {
        const char *end = strstr(q, "</title>");
        if (!end)
            break;
        sb_add(&out, p, (size_t)(q - p));
        p = end + strlen("</title>");
    }
    sb_adds(&out, p);
    int rc = spill(path, out.buf, out.len);
    sb_free(&out);
    sb_free(&named);
    sb_free(&svg);
    return rc;
}

/*
 * Appends to script one drawing of a body laid out w × h: as a PNG at twice
 * the size, or as SVG, into out.  P is the markers' size: gnuplot's SVG
 * points are larger than its PNG's.
 */
static void script_output(struct strbuf *s, int png, double w, double h, const char *out,
                          const struct strbuf *body)
{
    sb_adds(s, "reset\nset encoding utf8\nset decimalsign ','\n");
    if (png)
        sb_printf(s, "set terminal pngcairo size %d,%d enhanced font '" FONT ",%g' fontscale 1.5 "
                     "linewidth 2 background rgb 'white'\nP = 1.1\n",
                  (int)(2 * w), (int)(2 * h), F_TEXT);
    else
        sb_printf(s, "set terminal svg size %d,%d fixed noenhanced font '" FONT ",%g' "
                     "background rgb 'white'\nP = 0.6\n", (int)w, (int)h, F_TEXT);
    sb_adds(s, "set output ");
    gnuplot_quote(s, out);
    sb_addc(s, '\n');
    sb_add(s, body->buf, body->len);
    sb_adds(s, "unset output\n");
}

/*
 * Draws t's chart as PNG into png, SVG into svg and narrow SVG into narrow,
 * in one run of gnuplot: the narrow one from data files of its own.
 * Returns 0, or -1 with err.
 */
static int draw(const struct report *rep, const struct table *t, const struct palette *pal,
                const char *dir, const char *png, const char *svg, const char *narrow,
                struct strbuf *err)
{
    char *data = output_path(rep, dir, "-diagramdata.tmp");
    char *data_narrow = output_path(rep, dir, "-diagramdata-smal.tmp");
    char *gp = output_path(rep, dir, "-diagram.gp.tmp");
    scratch_add(data);
    scratch_add(data_narrow);
    scratch_add(gp);
    struct strbuf script = STRBUF_INIT, body = STRBUF_INIT, small = STRBUF_INIT;
    double h, h_small;
    int rc = chart_place(&body, t, pal, CHART_WIDE, data, &h, err) ||
             chart_place(&small, t, pal, CHART_NARROW, data_narrow, &h_small, err) ? -1 : 0;
    if (rc == 0) {
        script_output(&script, 1, CHART_WIDE, h, png, &body);
        script_output(&script, 0, CHART_WIDE, h, svg, &body);
        script_output(&script, 0, CHART_NARROW, h_small, narrow, &small);
        errno = 0;
        FILE *f = fopen(gp, "w");
        int wrote = f && fputs(script.buf, f) >= 0;
        if (f && fclose(f) != 0)
            wrote = 0;
        if (!wrote) {
            sb_printf(err, "kan inte skriva \"%s\": %s", gp, errno ? errno_sv(errno) : "okänt fel");
            rc = -1;
        } else {
            rc = run_gnuplot(gp, err);
        }
    }
    const char *fail = NULL;
    if (rc == 0)
        fail = png_resolution(png, (uint32_t)(2 * CHART_WIDE / 0.16 + 0.5)) ? png
             : svg_finish(svg, t->title) ? svg : svg_finish(narrow, t->title) ? narrow : NULL;
    if (fail) {
        sb_printf(err, "kan inte skriva \"%s\": %s", fail, errno_sv(errno));
        rc = -1;
    }
    const char *const tmp[] = { data, data_narrow, gp };
    for (size_t i = 0; i < ARRAY_LEN(tmp); i++) {
        unlink(tmp[i]);
        scratch_remove(tmp[i]);
    }
    free(data);
    free(data_narrow);
    free(gp);
    sb_free(&script);
    sb_free(&body);
    sb_free(&small);
    return rc;
}

/* DIR/REPORT-PERIOD-NAME plus suffix. */
char *chart_path(const struct report *rep, const char *dir, const struct table *t, const char *suffix)
{
    struct strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "-%s%s", t->chart.name, suffix);
    char *path = output_path(rep, dir, sb.buf);
    sb_free(&sb);
    return path;
}

int chart_write_report(const struct report *rep, const char *dir, struct output_set *set,
                       struct strbuf *err)
{
    struct palette pal;
    palette_for_report(&pal, rep);
    int rc = 0;
    for (size_t i = 0; i < rep->ntables && !rc; i++) {
        const struct table *t = rep->tables[i];
        if (t->chart.kind == CHART_NONE || !t->chart.nrows || !t->chart.ncols)
            continue;   /* nothing to draw: the page and the mail go without */
        /* Into the set before gnuplot makes them: the set removes them on failure. */
        char *png = chart_path(rep, dir, t, ".png.tmp"), *svg = chart_path(rep, dir, t, ".svg.tmp");
        char *narrow = chart_path(rep, dir, t, CHART_NARROW_SUFFIX);
        output_add(set, png, chart_path(rep, dir, t, ".png"));
        output_add(set, svg, chart_path(rep, dir, t, ".svg"));
        output_scratch(set, narrow);
        rc = draw(rep, t, &pal, dir, png, svg, narrow, err);
    }
    palette_free(&pal);
    return rc;
}
