/*
 * output.c: report files written all or none (output.h).
 */
#include "report/output.h"
#include "common/util.h"
#include "report/chart.h"
#include "report/csvout.h"
#include "report/html.h"
#include "report/mail.h"
#include "report/text.h"
#include "report/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Opens DIR/NAME-PERIOD-SUFFIX's temporary file and adds it to the set; NULL with err. */
static FILE *open_tmp(const struct report *rep, const char *dir, const char *suffix,
                      struct output_set *set, const char **tmp, struct strbuf *err)
{
    struct strbuf t = STRBUF_INIT;
    sb_printf(&t, "%s.tmp", suffix);
    char *final = output_path(rep, dir, suffix), *path = output_path(rep, dir, t.buf);
    sb_free(&t);
    output_add(set, path, final);   /* first: a file made is always one the set removes */
    FILE *f = fopen(path, "wb");
    if (!f) {
        sb_printf(err, "kan inte skriva \"%s\": %s", final, errno_sv(errno));
        return NULL;
    }
    *tmp = path;
    return f;
}

int output_csv(const struct report *rep, const char *dir, struct output_set *set, struct strbuf *err)
{
    const char *tmp;
    FILE *f = open_tmp(rep, dir, ".csv", set, &tmp, err);
    if (!f)
        return -1;
    errno = 0;
    int bad = csv_write_report(f, rep);
    int e = errno;
    if (fclose(f) != 0 || bad) {
        sb_printf(err, "kan inte skriva \"%s\": %s", set->final[set->n - 1],
                  errno_sv(bad && e ? e : errno));
        return -1;
    }
    return 0;
}

int output_xlsx(const struct report *rep, const char *dir, long long created,
                struct output_set *set, struct strbuf *err)
{
    char *final = output_path(rep, dir, ".xlsx");
    char *tmp = output_path(rep, dir, ".xlsx.tmp");
    output_add(set, tmp, final);
    return xlsx_write_report(rep, XLSX_PUBLIC, tmp, final, created, err);
}

int output_has_internal(const struct report *rep)
{
    for (size_t i = 0; i < rep->ntables; i++)
        if (rep->tables[i]->internal)
            return 1;
    return 0;
}

/*
 * DIR/internt, made readable by its owner only: one that exists already is
 * narrowed to that, since it is about to hold rows about households.
 */
static char *internal_dir(const char *dir, struct output_set *set, struct strbuf *err)
{
    struct strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s/%s", dir, OUTPUT_INTERNAL_DIR);
    /* Its name is copied before it is made: out of memory after would leave it behind. */
    char *name = set->made_dir ? NULL : xstrdup(sb.buf);
    int made = mkdir(sb.buf, 0700) == 0, why = errno;
    if (made && name) {
        set->made_dir = name;
        scratch_add(set->made_dir);
        name = NULL;
    }
    free(name);
    errno = why;
    if ((!made && why != EEXIST) || chmod(sb.buf, 0700) != 0) {
        sb_printf(err, "kan inte skapa mappen \"%s\" för internt underlag: %s", sb.buf,
                  errno_sv(errno));
        sb_free(&sb);
        return NULL;
    }
    return sb_detach(&sb);
}

int output_internal(const struct report *rep, const char *dir, long long created,
                    struct output_set *set, struct internal_job *job, struct strbuf *err)
{
    job->tmp = job->final = NULL;
    if (!output_has_internal(rep))
        return 0;
    char *idir = internal_dir(dir, set, err);
    if (!idir)
        return -1;
    job->final = output_path(rep, idir, "-internt.xlsx");
    job->tmp = output_path(rep, idir, "-internt.xlsx.tmp");
    free(idir);
    scratch_add(job->tmp);      /* into the set at the end, removed meanwhile should the run die */
    return xlsx_start(rep, XLSX_INTERNAL, job->tmp, job->final, created, &job->xlsx, err);
}

int output_internal_end(struct internal_job *job, int ok, struct output_set *set,
                        struct strbuf *err)
{
    if (!job->tmp)
        return 0;
    int rc = -1;
    if (!ok)
        xlsx_cancel(&job->xlsx);
    else
        rc = xlsx_finish(&job->xlsx, err);
    if (rc == 0 && chmod(job->tmp, 0600) != 0) {
        sb_printf(err, "kan inte skydda \"%s\": %s", job->final, errno_sv(errno));
        rc = -1;
    }
    /* In the set either way: its abort removes what the child wrote, and the folder after. */
    output_add(set, job->tmp, job->final);
    job->tmp = job->final = NULL;
    return rc;
}

/* Where the SVG of a table's chart was written in this run (html_svg_fn). */
struct svg_lookup {
    const struct report *rep;
    const char *dir;
    const struct output_set *set;
};

/* The temporary file of this run's final path (freed here), or NULL if it made none. */
static const char *set_tmp(const struct output_set *set, char *final)
{
    const char *tmp = NULL;
    for (size_t i = 0; i < set->n && !tmp; i++)
        if (strcmp(set->final[i], final) == 0)
            tmp = set->tmp[i];
    free(final);
    return tmp;
}

/* The temporary file of this run's chart of t with suffix ext (".svg"), or NULL if it made none. */
static const char *chart_tmp(const struct svg_lookup *l, const struct table *t, const char *ext)
{
    return set_tmp(l->set, chart_path(l->rep, l->dir, t, ext));
}

/* The page's figure: the SVG written for the file, and the one drawn narrow for a phone. */
static int chart_figure(void *ctx, const struct table *t, int n, struct strbuf *out,
                        struct strbuf *err)
{
    const struct svg_lookup *l = ctx;
    const char *tmp = chart_tmp(l, t, ".svg");
    if (!tmp)
        return 0;   /* no chart drawn: gnuplot is missing */
    char *narrow_path = chart_path(l->rep, l->dir, t, CHART_NARROW_SUFFIX);
    const char *narrow_tmp = output_scratch_find(l->set, narrow_path);
    free(narrow_path);
    size_t n_wide, n_narrow;
    char *wide = file_read_all(tmp, &n_wide);
    char *narrow = narrow_tmp ? file_read_all(narrow_tmp, &n_narrow) : NULL;
    int rc = -1;
    if (!wide || !narrow)
        sb_printf(err, "kan inte läsa diagrammet \"%s\": %s", wide ? narrow_tmp : tmp,
                  errno_sv(narrow_tmp ? errno : ENOENT));
    else
        rc = html_figure_svg(out, wide, narrow, n, err, t);
    free(wide);
    free(narrow);
    return rc;
}

int output_html(const struct report *rep, const char *dir, struct output_set *set, struct strbuf *err)
{
    const char *tmp;
    FILE *f = open_tmp(rep, dir, ".html", set, &tmp, err);
    if (!f)
        return -1;
    struct svg_lookup l = { rep, dir, set };
    int bad = html_write_report(f, rep, chart_figure, &l, err);
    if (fclose(f) != 0 && !bad) {
        sb_printf(err, "kan inte skriva \"%s\": %s", set->final[set->n - 1], errno_sv(errno));
        bad = 1;
    }
    return bad ? -1 : 0;
}

/* What the mail collects while its page is written: the charts' PNGs, by Content-ID. */
struct mail_ctx {
    struct svg_lookup l;
    struct mail_file *img;
    size_t nimg;
};

static void mail_free_files(struct mail_file *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free((char *)f[i].name);
        free((char *)f[i].cid);
        free((unsigned char *)f[i].data);
    }
    free(f);
}

/* The mail's figure: the chart's PNG, inline by its Content-ID (mail clients show no SVG). */
static int mail_figure(void *ctx, const struct table *t, int n, struct strbuf *out, struct strbuf *err)
{
    struct mail_ctx *m = ctx;
    (void)n;
    const char *tmp = chart_tmp(&m->l, t, ".png");
    if (!tmp)
        return 0;
    size_t len;
    char *png = file_read_all(tmp, &len);
    if (!png) {
        sb_printf(err, "kan inte läsa diagrammet \"%s\": %s", tmp, errno_sv(errno));
        return -1;
    }
    struct strbuf name = STRBUF_INIT, cid = STRBUF_INIT;
    sb_printf(&name, "%s-%s-%s.png", m->l.rep->name, m->l.rep->period, t->chart.name);
    sb_printf(&cid, "%s@fotstat", name.buf);
    m->img = xrealloc(m->img, (m->nimg + 1) * sizeof *m->img);
    m->img[m->nimg++] = (struct mail_file){ .name = sb_detach(&name), .type = "image/png",
                                            .cid = sb_detach(&cid), .data = (unsigned char *)png,
                                            .len = len };
    sb_printf(out, "<img src=\"cid:%s\" width=\"%d\" style=\"display:block;width:100%%;max-width:%dpx;"
                   "height:auto\" alt=\"", m->img[m->nimg - 1].cid, CHART_WIDE, CHART_WIDE);
    html_escape(out, t->title);
    sb_adds(out, "\">\n");
    return 0;
}

/* The plain-text body: what the page says, as text tables; never a table of rows. */
static char *mail_text(const struct report *rep, const char *workbook)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f) {
        /* A stream in memory fails only out of memory, and then its fclose says so. */
        text_write_publishable(f, rep);
        fprintf(f, "Arbetsboken %s med alla tabeller och diagram är bifogad. Skapad %s med fotstat "
                   FOTSTAT_VERSION ".\n", workbook, rep->made_at ? rep->made_at : "");
        if (fclose(f) == 0 && buf)
            return buf;
        free(buf);
    }
    die_oom();
}

int output_eml(const struct report *rep, const char *dir, long long created, struct output_set *set,
               struct strbuf *err)
{
    struct mail_ctx m = { .l = { rep, dir, set } };
    struct strbuf html = STRBUF_INIT, msg = STRBUF_INIT, wbname = STRBUF_INIT;
    char *text = NULL, *xlsx = NULL;
    int rc = -1;
    if (html_report(&html, rep, mail_figure, &m, err))
        goto done;
    sb_printf(&wbname, "%s-%s.xlsx", rep->name, rep->period);
    const char *wbtmp = set_tmp(set, output_path(rep, dir, ".xlsx"));
    size_t xlen = 0;
    errno = 0;
    if (!wbtmp || !(xlsx = file_read_all(wbtmp, &xlen))) {
        sb_printf(err, "kan inte läsa arbetsboken %s till e-postutkastet: %s", wbname.buf,
                  errno ? errno_sv(errno) : "den skrevs inte");
        goto done;
    }
    text = mail_text(rep, wbname.buf);
    struct mail_file wb = { .name = wbname.buf,
                            .type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            .data = (unsigned char *)xlsx, .len = xlen };
    struct mail mail = { .subject = rep->title, .date = created, .text = text, .html = html.buf,
                         .inline_files = m.img, .ninline = m.nimg, .attachments = &wb,
                         .nattachments = 1 };
    mail_compose(&msg, &mail);
    const char *tmp;
    FILE *f = open_tmp(rep, dir, ".eml", set, &tmp, err);
    if (!f)
        goto done;
    int ok = fwrite(msg.buf, 1, msg.len, f) == msg.len;
    if (fclose(f) != 0)
        ok = 0;
    if (!ok) {
        sb_printf(err, "kan inte skriva \"%s\": %s", set->final[set->n - 1], errno_sv(errno));
        goto done;
    }
    rc = 0;
done:
    mail_free_files(m.img, m.nimg);
    free(text);
    free(xlsx);
    sb_free(&html);
    sb_free(&msg);
    sb_free(&wbname);
    return rc;
}
