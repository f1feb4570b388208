/*
 * series_protect.c: one report audited with the earlier publications,
 * and the notes that say what it cost (series.h, series_model.h).
 */
#include "common/util.h"
#include "report/series_model.h"
#include "report/audit.h"
#include "report/suppress.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void series_summary_init(struct series_summary *sum)
{
    memset(sum, 0, sizeof *sum);
    sum->min_values = AUDIT_UNBOUNDED;
}

void series_summary_free(struct series_summary *sum)
{
    sb_free(&sum->used_list);
    sb_free(&sum->same_as);
    sb_free(&sum->prior);
    for (size_t i = 0; i < sum->ntables; i++) {
        sb_free(&sum->tables[i].used_list);
        sb_free(&sum->tables[i].given_ex);
        sb_free(&sum->tables[i].pinned_ex);
    }
    free(sum->tables);
}

/*
 * What each table's note says: the earlier publications counting any row
 * it counts, and what is given away already in the components its counts
 * are in (another component's findings are about other rows).
 */
static void table_notes(const struct model *m, const struct series *s, const struct report *rep,
                        struct series_summary *sum)
{
    sum->ntables = rep->ntables;
    sum->tables = xcalloc(rep->ntables + 1, sizeof *sum->tables);
    char *seen = xcalloc(s->nunits + 1, 1);
    char *comp = xcalloc(m->ncomps + 1, 1);
    int *pub = xcalloc(s->npubs + 1, sizeof *pub);
    for (size_t ti = 0; ti < rep->ntables; ti++) {
        const struct table *t = rep->tables[ti];
        struct series_table_note *n = &sum->tables[ti];
        if (!model_audited(t))
            continue;
        memset(seen, 0, s->nunits + 1);
        memset(comp, 0, m->ncomps + 1);
        memset(pub, 0, (s->npubs + 1) * sizeof *pub);
        for (size_t e = 0; e < t->units->n; e++) {
            uint32_t l;
            if (series_keys_find(&m->local, t->units->text.buf + t->units->key[e], &l, NULL) &&
                m->was[l] != NONE)
                seen[m->was[l]] = 1;
        }
        model_pubs_counting(s, seen, pub);
        for (size_t p = 0; p < s->npubs; p++)
            if (pub[p])
                sb_printf(&n->used_list, "%s%s", n->used++ ? ", " : "", s->pubs[p].label);
        for (size_t i = m->nold; i < m->ncells; i++)
            if (m->cells[i].t == t && m->cell_comp[i] >= 0)
                comp[m->cell_comp[i]] = 1;
        for (size_t k = 0; k < m->ncomps; k++) {
            const struct component *c = &m->comps[k];
            if (!comp[k])
                continue;
            n->given += c->given;
            n->pinned += c->pinned;
            if (!n->given_ex.len && c->given_ex.len)
                sb_adds(&n->given_ex, c->given_ex.buf);
            if (!n->pinned_ex.len && c->pinned_ex.len)
                sb_adds(&n->pinned_ex, c->pinned_ex.buf);
        }
    }
    free(pub);
    free(comp);
    free(seen);
}

void series_add_notes(struct report *rep, const struct series_summary *sum)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t ti = 0; ti < rep->ntables && ti < sum->ntables; ti++) {
        struct table *t = rep->tables[ti];
        const struct series_table_note *n = &sum->tables[ti];
        if (!t->protect || !t->units || t->workbook_only || t->internal)
            continue;
        sb_reset(&sb);
        if (n->used == 0) {
            sb_adds(&sb, "Granskad mot registret över det som publicerats: ingen tidigare "
                         "publicering räknar samma hushåll.");
        } else if (sum->same_as.len) {
            sb_printf(&sb, "Granskad mot registret över det som publicerats: varje antal i tabellen "
                           "har redan publicerats i %s, med samma värde och räknat på samma rader, "
                           "och döljs som där, så rapporten lägger inget till det som redan "
                           "publicerats.", sum->same_as.buf);
            if (t->audit.series_hidden)
                sb_printf(&sb, " %d antal döljs här för seriens skull.", t->audit.series_hidden);
        } else {
            sb_printf(&sb, "Granskad tillsammans med %zu publicering%s som räknar samma hushåll (%s): "
                           "inget dolt antal, och ingen skillnad mot samma tal i en tidigare "
                           "publicering, kan räknas fram till färre än %d möjliga värden",
                      n->used, n->used == 1 ? "" : "ar", n->used_list.buf, sum->limit);
            if (sum->checked && sum->min_values != AUDIT_UNBOUNDED)
                sb_printf(&sb, " (%zu granskade i rapporten; minst %ld möjliga värden)",
                          sum->checked, sum->min_values);
            sb_adds(&sb, ".");
            if (t->audit.series_hidden)
                sb_printf(&sb, " %d antal döljs här för seriens skull.", t->audit.series_hidden);
            if (sum->prior_hidden)
                sb_printf(&sb, " Det som %s dolde döljs också här, där det är ett antal som får "
                               "döljas: visat nu vore det publicerat för första gången.", sum->prior.buf);
        }
        table_add_note(t, sb.buf);
        if (n->given) {
            sb_reset(&sb);
            sb_printf(&sb, "Redan publicerat: %zu antal framgår av tidigare publiceringar "
                           "tillsammans (till exempel %s); den här rapporten lägger inget till.",
                      n->given, n->given_ex.buf);
            table_add_note(t, sb.buf);
        }
        if (n->pinned) {
            sb_reset(&sb);
            sb_printf(&sb, "%zu antal i serien framgår redan av totalerna för hela staden och de "
                           "tidigare publiceringarna (till exempel %s), så att dölja dem här skyddar "
                           "ingen; den här rapporten lägger inget till.", n->pinned,
                      n->pinned_ex.buf);
            table_add_note(t, sb.buf);
        }
    }
    sb_free(&sb);
}

/* "Om rapporten": the publications audited together with the report. */
static struct table *series_table_new(void)
{
    struct table *t = table_new("serie", "Publiceringar som granskades tillsammans med rapporten");
    table_set_stub(t, "Publicering");
    table_set_cols(t, 1, (const char *[]){ "Räknar samma hushåll" });
    t->workbook_only = 1;
    return t;
}

static struct table *series_table(const struct model *m)
{
    struct table *t = series_table_new();
    for (size_t p = 0; p < m->s->npubs; p++)
        if (m->pub_used[p]) {
            int r = table_add_row(t, m->s->pubs[p].label);
            table_text(t, (size_t)r, 0, "ja");
        }
    return t;
}

/*
 * Hides the counts of rep marked in hidden[ti] that are shown: each one, or
 * (only_eligible) those that may be hidden for the series.  Returns how
 * many; each is counted as hidden for the series.
 */
static size_t hide_marked(struct report *rep, char *const *hidden, int only_eligible,
                          struct series_summary *sum)
{
    size_t n = 0;
    for (size_t ti = 0; ti < rep->ntables; ti++) {
        struct table *t = rep->tables[ti];
        int more = 0;
        for (size_t r = 0; hidden[ti] && r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                struct cell *x = table_cell(t, r, c);
                if (!hidden[ti][r * t->ncols + c] || x->kind == CELL_PROTECTED ||
                    (only_eligible && !model_eligible(t, r, c)))
                    continue;
                cell_hide(x);
                t->audit.series_hidden++;
                sum->hidden++;
                n++;
                more = 1;
            }
        if (more)
            suppress_sync_shares(t);
    }
    return n;
}

/*
 * A report published already (s->same): every count the same, on the same
 * rows, as in a registered publication of it.  Hidden as it hid them, the
 * report adds nothing to what is out, and nothing is left to ask.  Returns
 * 1 when so (rep then hidden that way), 0 when not, -1 with a message when
 * the register could not be read.
 *
 * Published before, but not the same (a re-publication after an export was
 * corrected): what the latest publication of the report and period hid is
 * hidden again where it may be, before the series is audited.  Shown now,
 * such a count would be published for the first time, and most of the
 * series' quantities keep their values as they did then: the audit asks
 * far fewer of them to be mended.  These cells are not shown again by the
 * audit's pruning.
 */
static int republished(struct report *rep, struct series *s, struct series_summary *sum,
                       struct strbuf *err)
{
    char **hidden = xcalloc(rep->ntables + 1, sizeof *hidden);
    for (size_t ti = 0; ti < rep->ntables; ti++)
        if (model_audited(rep->tables[ti]))
            hidden[ti] = xcalloc(rep->tables[ti]->nrows * rep->tables[ti]->ncols + 1, 1);
    struct strbuf label = STRBUF_INIT, prior = STRBUF_INIT;
    int rc = s->same(s->register_ctx, rep, &label, &prior, hidden, err);
    if (rc == 0 && !label.len && prior.len) {
        sum->prior_hidden = hide_marked(rep, hidden, 1, sum);
        sb_adds(&sum->prior, prior.buf);
    }
    if (rc == 0 && label.len) {
        hide_marked(rep, hidden, 0, sum);
        sum->ntables = rep->ntables;
        sum->tables = xcalloc(rep->ntables + 1, sizeof *sum->tables);
        for (size_t ti = 0; ti < rep->ntables; ti++)
            if (hidden[ti]) {
                sum->tables[ti].used = 1;
                sb_adds(&sum->tables[ti].used_list, label.buf);
            }
        sum->used = 1;
        sb_adds(&sum->used_list, label.buf);
        sb_adds(&sum->same_as, label.buf);
        table_free(rep->series);
        rep->series = series_table_new();
        table_text(rep->series, (size_t)table_add_row(rep->series, label.buf), 0, "samma tal");
        rc = 1;
    }
    sb_free(&label);
    sb_free(&prior);
    for (size_t ti = 0; ti < rep->ntables; ti++)
        free(hidden[ti]);
    free(hidden);
    return rc;
}

/*
 * Hides cells until quantity k keeps enough possible values (limit, or
 * what it kept already if less).  Returns 0, -1 when no more cells can be
 * hidden, or -2 when the solver failed.
 */
static int protect_quantity(struct model *m, size_t k, struct series_summary *sum)
{
    long limit = m->limit;
    struct quantity *q = &m->q[k];
    while (!q->done) {
        long v;
        hide_sync(m);
        if (hide_qvalues(m, NOW, q, q->need ? q->need : limit, &v))
            return -2;
        if (v >= limit || (q->need && v >= q->need)) {
            q->done = 1;
            if (v >= limit) {
                sum->checked++;
                if (v < sum->min_values)
                    sum->min_values = v;
            }
            return 0;
        }
        if (!q->need && hide_work_out_need(m, q))
            return -2;
        if (v >= q->need)
            continue;
        int r = hide_mend(m, q);
        if (r)
            return r < 0 ? -2 : -1;
        q = &m->q[k];    /* mend may have grown the list */
    }
    return 0;
}

int series_protect(struct report *rep, struct series *s, int limit, struct series_summary *sum,
                   struct strbuf *err)
{
    if (series_check_units(rep, err))
        return -1;
    sum->limit = limit;
    if (s->same) {
        int r = republished(rep, s, sum, err);
        if (r)
            return r < 0 ? -1 : 0;
    }
    if (s->load) {
        int (*load)(void *, struct series *, struct strbuf *) = s->load;
        s->load = NULL;
        if (load(s->register_ctx, s, err))
            return -1;
        profile_phase("serien: registret läst");
    }
    struct model m;
    memset(&m, 0, sizeof m);
    m.s = s;
    m.limit = limit;
    m.sum = sum;
    m.through = rep->through;
    sum->limit = limit;
    if (model_build(&m, rep, s, err)) {
        model_free(&m);
        return -1;
    }
    for (size_t p = 0; p < s->npubs; p++)
        if (m.pub_used[p])
            sb_printf(&sum->used_list, "%s%s", sum->used++ ? ", " : "", s->pubs[p].label);
    model_atoms(&m, rep, s);
    /* Alone, the report's own audit (suppress.c) is the whole audit. */
    int rc = 0;
    for (size_t k = 0; k < m.nq && rc == 0 && sum->used; k++) {
        rc = protect_quantity(&m, k, sum);
        if (rc == -1) {
            struct strbuf what = STRBUF_INIT;
            hide_say_example(&m, &m.q[k], &what);
            sb_printf(err, "rapporten kan inte skyddas tillsammans med det som redan publicerats: "
                      "%s går att räkna fram till färre än %d möjliga värden, och inga fler celler "
                      "kan döljas; ingenting skrevs", what.buf, limit);
            sb_free(&what);
        }
    }
    profile_phase("serien: frågorna till LP:erna");
    if (rc == 0 && m.nadded && hide_prune(&m))
        rc = -2;
    profile_phase("serien: gallringen");
    if (rc == -2)
        sb_adds(err, "internt fel: granskningen av serien av publiceringar (GLPK) gick inte att lösa");
    if (rc == 0) {
        table_notes(&m, s, rep, sum);
        table_free(rep->series);
        rep->series = series_table(&m);
    }
    model_free(&m);
    return rc ? -1 : 0;
}

int series_suppress_report(struct report *rep, int limit, struct series *s, struct strbuf *err)
{
    if (!s || limit <= 1)
        return suppress_report(rep, limit, err);
    struct series_summary sum;
    series_summary_init(&sum);
    int rc = suppress_report_begin(rep, limit, err);
    if (rc == 0)
        rc = series_protect(rep, s, limit, &sum, err);
    if (rc == 0 && sum.hidden)
        rc = suppress_report_again(rep, limit, err);
    if (rc == 0) {
        suppress_report_notes(rep, limit);
        series_add_notes(rep, &sum);
        suppress_report_end(rep, limit);
    }
    series_summary_free(&sum);
    return rc ? -1 : 0;
}
