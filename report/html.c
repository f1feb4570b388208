/*
 * html.c: the self-contained HTML page (html.h).
 */
#include "report/html.h"
#include "common/util.h"
#include "report/format.h"

#include <strings.h>
#include <stdlib.h>
#include <string.h>

/* The page's whole style: system fonts only, nothing to fetch. */
static const char style[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",Arial,"
    "sans-serif;color:#1b1b1b;background:#fff;line-height:1.45;margin:0 auto;max-width:64rem;"
    "padding:1rem}\n"
    "h1{font-size:1.45rem;margin:.5rem 0}h2{font-size:1.1rem;margin:2rem 0 .5rem}\n"
    "h3{font-size:1rem}\n"
    ".meta,.kalla,.not{font-size:.85rem;color:#444}.sammanfattning{font-size:1rem;max-width:44rem}\n"
    ".tabell{overflow-x:auto;-webkit-overflow-scrolling:touch}\n"
    "table{border-collapse:collapse;font-size:.9rem;font-variant-numeric:tabular-nums}\n"
    "th,td{padding:.25rem .6rem;border-bottom:1px solid #d8d8d8;text-align:right;"
    "white-space:nowrap;vertical-align:top}\n"
    "thead th{border-bottom:2px solid #333;vertical-align:bottom;white-space:normal;"
    "min-width:4rem}\n"
    "th[scope=row],thead th:first-child{text-align:left;white-space:normal;font-weight:normal;"
    "min-width:8rem}\n"
    "tr.totalt th,tr.totalt td{font-weight:bold;border-top:1px solid #333}\n"
    "td.text{text-align:left}\n"
    "figure{margin:1rem 0}figure svg{display:block;width:100%;height:auto}\n"
    ".bred svg{max-width:945px}.smal{display:none}.smal svg{max-width:30rem}\n"
    "@media (max-width:61rem){.bred{display:none}.smal{display:block}}\n"
    "@media (max-width:40rem){body{padding:.5rem}table{font-size:.8rem}}\n"
    "@media print{@page{size:A4;margin:15mm}body{max-width:none;padding:0}"
    ".tabell{overflow:visible}section{break-inside:avoid-page}h2{break-after:avoid-page}"
    ".bred{display:block}.smal{display:none}}\n";

void html_escape(struct strbuf *sb, const char *s)
{
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        switch (ch) {
        case '&': sb_adds(sb, "&amp;"); break;
        case '<': sb_adds(sb, "&lt;"); break;
        case '>': sb_adds(sb, "&gt;"); break;
        case '"': sb_adds(sb, "&quot;"); break;
        case '\'': sb_adds(sb, "&#39;"); break;
        default: sb_addc(sb, ch < 0x20 || ch == 0x7f ? ' ' : (char)ch); break;
        }
    }
}

/* True if s contains needle, ignoring ASCII case. */
static int contains_nocase(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return 1;
    return 0;
}

int html_svg_inline(const char *svg, int n, struct strbuf *out)
{
    const char *start = strstr(svg, "<svg");
    if (!start)
        return -1;
    struct strbuf sb = STRBUF_INIT;
    sb_adds(&sb, start);
    sb_replace(&sb, "xmlns=\"http://www.w3.org/2000/svg\"", "");
    sb_replace(&sb, "xmlns:xlink=\"http://www.w3.org/1999/xlink\"", "");
    static const char *const refused[] = {
        "<script", "javascript:", "://", "<foreignobject", "<iframe", "<image", "@import",
        " onload", " onclick", " onmouse", " onerror", " onfocus", "<!doctype", "<!entity",
    };
    for (size_t i = 0; i < ARRAY_LEN(refused); i++)
        if (contains_nocase(sb.buf, refused[i])) {
            sb_free(&sb);
            return -1;
        }
    static const char *const refs[] = { "id='", "id=\"", "href='#", "href=\"#", "url(#" };
    for (size_t i = 0; i < ARRAY_LEN(refs); i++) {
        struct strbuf to = STRBUF_INIT;
        sb_printf(&to, "%sc%d-", refs[i], n);
        sb_replace(&sb, refs[i], to.buf);
        sb_free(&to);
    }
    sb_add(out, sb.buf, sb.len);
    sb_free(&sb);
    return 0;
}

/* One cell: its Swedish text, escaped; a text cell aligned left. */
static void cell_html(struct strbuf *sb, const struct cell *x)
{
    struct strbuf v = STRBUF_INIT;
    format_cell_sv(&v, x);
    sb_adds(sb, x->kind == CELL_TEXT ? "<td class=\"text\">" : "<td>");
    html_escape(sb, v.buf);
    sb_adds(sb, "</td>");
    sb_free(&v);
}

static void text_line(struct strbuf *sb, const char *s)
{
    struct strbuf one = STRBUF_INIT;
    format_one_line(&one, s ? s : "");
    html_escape(sb, one.buf);
    sb_free(&one);
}

/* OPEN, the text on one line and escaped, CLOSE: "<p class=\"not\">…</p>\n". */
static void element(struct strbuf *sb, const char *open, const char *text, const char *close)
{
    sb_adds(sb, open);
    text_line(sb, text);
    sb_adds(sb, close);
}

static void table_html(struct strbuf *sb, const struct table *t)
{
    element(sb, "<div class=\"tabell\"><table>\n<thead><tr><th scope=\"col\">", t->stub, "</th>");
    for (size_t c = 0; c < t->ncols; c++)
        element(sb, "<th scope=\"col\">", t->cols[c], "</th>");
    sb_adds(sb, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        sb_adds(sb, (int)r == t->total_row ? "<tr class=\"totalt\">" : "<tr>");
        element(sb, "<th scope=\"row\">", t->rows[r], "</th>");
        for (size_t c = 0; c < t->ncols; c++)
            cell_html(sb, table_cell(t, r, c));
        sb_adds(sb, "</tr>\n");
    }
    sb_adds(sb, "</tbody></table></div>\n");
}

int html_figure_svg(struct strbuf *out, const char *wide, const char *narrow, int n,
                    struct strbuf *err, const struct table *t)
{
    const char *const drawing[] = { wide, narrow }, *const class[] = { "bred", "smal" };
    for (int i = 0; i < 2; i++) {
        if (!drawing[i])
            continue;
        sb_printf(out, "<div class=\"%s\">", class[i]);
        if (html_svg_inline(drawing[i], 2 * n - 1 + i, out)) {
            sb_printf(err, "diagrammet till tabellen %s innehåller något annat än en ritning "
                           "(skript eller extern referens) och bäddas inte in", t->name);
            return -1;
        }
        sb_adds(out, "</div>\n");
    }
    return 0;
}

/* A table as a section: heading, grid, chart, source, notes. */
static int section_html(struct strbuf *sb, const struct table *t, int n, html_figure_fn figure,
                        void *ctx, struct strbuf *err)
{
    sb_adds(sb, "<section id=\"");
    html_escape(sb, t->name);
    element(sb, "\">\n<h2>", t->title, "</h2>\n");
    table_html(sb, t);
    if (t->chart.kind != CHART_NONE && figure) {
        struct strbuf fig = STRBUF_INIT;
        if (figure(ctx, t, n, &fig, err)) {
            sb_free(&fig);
            return -1;
        }
        if (fig.len) {
            sb_adds(sb, "<figure>\n");
            sb_add(sb, fig.buf, fig.len);
            sb_adds(sb, "</figure>\n");
        }
        sb_free(&fig);
    }
    if (t->source)
        element(sb, "<p class=\"kalla\">", t->source, "</p>\n");
    for (size_t i = 0; i < t->nnotes; i++)
        element(sb, "<p class=\"not\">", t->notes[i], "</p>\n");
    sb_adds(sb, "</section>\n");
    return 0;
}

/* "Om rapporten": what the workbook's sheet of that name says. */
static void about_html(struct strbuf *sb, const struct report *rep)
{
    sb_adds(sb, "<section id=\"om-rapporten\">\n<h2>Om rapporten</h2>\n<p class=\"meta\">Rapport ");
    html_escape(sb, rep->name);
    sb_adds(sb, ", period ");
    html_escape(sb, rep->period);
    sb_adds(sb, ", skapad ");
    html_escape(sb, rep->made_at ? rep->made_at : "");
    sb_adds(sb, " med fotstat " FOTSTAT_VERSION ".");
    if (rep->as_of) {
        sb_adds(sb, " Enligt exporterna inlästa till och med ");
        html_escape(sb, rep->as_of);
        sb_adds(sb, ".");
    }
    sb_adds(sb, " Skydd för små tal: ");
    if (rep->suppress > 1)
        sb_printf(sb, "antal 1–%d visas som \"..\", med sekundärt skydd; totaler för hela staden "
                      "visas alltid.", rep->suppress - 1);
    else
        sb_adds(sb, "avstängt (--suppress 0): får inte publiceras.");
    sb_adds(sb, "</p>\n");
    const struct table *parts[] = { rep->audit, rep->series, rep->sources };
    for (size_t i = 0; i < ARRAY_LEN(parts); i++)
        if (parts[i] && parts[i]->nrows) {
            element(sb, "<h3>", parts[i]->title, "</h3>\n");
            table_html(sb, parts[i]);
        }
    sb_adds(sb, "</section>\n");
}

int html_report(struct strbuf *out, const struct report *rep, html_figure_fn figure, void *ctx,
                struct strbuf *err)
{
    struct strbuf sb = STRBUF_INIT;
    sb_adds(&sb, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<meta name=\"generator\" content=\"fotstat " FOTSTAT_VERSION "\">\n<title>");
    text_line(&sb, rep->title);
    sb_printf(&sb, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n", style);
    element(&sb, "<h1>", rep->title, "</h1>\n<p class=\"meta\">");
    if (rep->organisation)
        element(&sb, "", rep->organisation, ". ");
    sb_adds(&sb, "Skapad ");
    html_escape(&sb, rep->made_at ? rep->made_at : "");
    sb_adds(&sb, ".</p>\n</header>\n<main>\n");
    if (rep->summary && *rep->summary)
        element(&sb, "<p class=\"sammanfattning\">", rep->summary, "</p>\n");
    int rc = 0, charts = 0;
    for (size_t i = 0; i < rep->ntables && !rc; i++) {
        const struct table *t = rep->tables[i];
        if (t->workbook_only || t->internal)
            continue;
        rc = section_html(&sb, t, t->chart.kind != CHART_NONE ? ++charts : 0, figure, ctx, err);
    }
    if (!rc) {
        about_html(&sb, rep);
        sb_adds(&sb, "</main>\n</body>\n</html>\n");
        sb_add(out, sb.buf, sb.len);
    }
    sb_free(&sb);
    return rc;
}

int html_write_report(FILE *f, const struct report *rep, html_figure_fn figure, void *ctx,
                      struct strbuf *err)
{
    struct strbuf sb = STRBUF_INIT;
    int rc = html_report(&sb, rep, figure, ctx, err);
    if (!rc && fwrite(sb.buf, 1, sb.len, f) != sb.len) {
        sb_adds(err, "kan inte skriva HTML-sidan");
        rc = -1;
    }
    sb_free(&sb);
    return rc;
}
