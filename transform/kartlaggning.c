/*
 * kartlaggning.c: the survey report (kartlaggning.h), from kartlaggning.sql.
 */
#include "transform/kartlaggning.h"
#include "common/db.h"
#include "common/util.h"
#include "transform/coverage.h"
#include "transform/crosstab.h"
#include "transform/period.h"
#include "transform/sources.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL "transform/sql/kartlaggning.sql"

void kartlaggning_source(struct table *t, sqlite3 *db, int year, int all)
{
    struct strbuf sb = STRBUF_INIT;
    sqlite3_stmt *st = db_prepare(db, SQL, "files");
    db_bind_int(st, ":year", year);
    db_bind_int(st, ":all", all);
    sources_cite(&sb, db, "kartlaggning", st, "inga filer");
    table_set_source(t, sb.buf);
    sb_free(&sb);
}

/*
 * The round's households counted once (statement "round"): Tabell 2's
 * households not newly arrived by Boendesituation, the newly arrived and
 * those of them within SHIS, and the three groups by stadsdel and by orsak.
 */
struct round {
    struct ranks situation_sort, flags, stadsdel_sort, orsak_sort;
    struct tally situations, per_stadsdel, per_orsak;
    long all, ny, shis;
};

#define FLAG_STABLE 1
#define FLAG_SHIS 2

static void round_free(struct round *r)
{
    ranks_free(&r->situation_sort);
    ranks_free(&r->flags);
    ranks_free(&r->stadsdel_sort);
    ranks_free(&r->orsak_sort);
    tally_free(&r->situations);
    tally_free(&r->per_stadsdel);
    tally_free(&r->per_orsak);
}

/* The group a household of the round falls in, by its Boendesituation; NULL if unknown. */
static const char *group_of(const struct round *r, const char *situation, int ny,
                            const long long **flags, struct strbuf *err)
{
    *flags = ranks_find(&r->flags, situation);
    if (!*flags) {
        sb_printf(err, "boendesituationen \"%s\" saknas i referensdatan (ref_boendesituation)",
                  situation);
        return NULL;
    }
    return ny ? "Nyanlända" : **flags & FLAG_STABLE ? "Stadigvarande boende" : "Annat boende";
}

/* The orsak a household is counted under. */
static const char *orsak_of(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? "Uppgift saknas" : db_col_text(st, col);
}

static int round_read(struct round *r, sqlite3 *db, int year, struct strbuf *err)
{
    memset(r, 0, sizeof *r);
    if (ranks_load(&r->situation_sort, db_prepare(db, SQL, "situation_sort"), err) ||
        ranks_load(&r->flags, db_prepare(db, SQL, "situation_flags"), err) ||
        ranks_load(&r->stadsdel_sort, db_prepare(db, SQL, "stadsdel_sort"), err) ||
        ranks_load(&r->orsak_sort, db_prepare(db, SQL, "orsak_sort"), err))
        return -1;
    sqlite3_stmt *st = db_prepare(db, SQL, "round");
    db_bind_int(st, ":year", year);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        const char *situation = db_col_text(st, 2);
        const long long *flags;
        int ny = sqlite3_column_int(st, 1) == 1;
        const char *group = group_of(r, situation, ny, &flags, err);
        if (!group)
            break;
        r->all++;
        if (ny) {
            r->ny++;
            r->shis += (*flags & FLAG_SHIS) != 0;
        } else {
            tally_add(&r->situations, situation, "Antal", 1);
        }
        tally_add(&r->per_stadsdel, db_col_text(st, 0), group, 1);
        tally_add(&r->per_orsak, orsak_of(st, 3), group, 1);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return -1;
    return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* Tabell 2: households not newly arrived by Boendesituation, every label, with shares. */
static int boendesituation(struct report *rep, sqlite3 *db, const struct round *rd,
                           const struct period *p, struct strbuf *err)
{
    static const char *const cols[] = { "Antal", "Andel (%)" };
    struct strbuf title = STRBUF_INIT;
    sb_adds(&title, "Aktuell boendesituation ");
    period_label(p, &title);
    sb_adds(&title, ", barnfamiljer som inte är nyanlända");
    struct table *t = table_new("boendesituation", title.buf);
    sb_free(&title);
    table_frame(t, "Boendesituation", "Boendesituation", 2, cols);
    if (crosstab_rows(t, db_prepare(db, SQL, "situations"), err) ||
        tally_fill(t, &rd->situations, &rd->situation_sort, 1, 0, 1, err)) {
        table_free(t);
        return -1;
    }
    table_shares_of_total(t, 0, 1);
    table_add_note(t, "Andel av alla barnfamiljer i kartläggningen som inte är nyanlända. "
                      "Tabellen gäller hela staden och redovisas utan skydd för små tal, "
                      "som Tabell 2 i svaret på skrivelsen.");
    size_t n = t->nrows - 1;    /* every row but Totalt */
    int *rows = xmalloc((n ? n : 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++)
        rows[i] = (int)i;
    static const int chart_cols[] = { 0 };
    table_set_chart(t, CHART_BAR, "boendesituation", "Barnfamiljer", n, rows, 1, chart_cols);
    free(rows);
    kartlaggning_source(t, db, p->year, 0);
    report_add(rep, t);
    return 0;
}

/* The share in relatively stable housing, one row per round up to the year. */
static int stadigvarande(struct report *rep, sqlite3 *db, const struct period *p,
                         struct strbuf *err)
{
    static const char *const cols[] = { "Hushåll", "Stadigvarande", "Andel (%)" };
    struct strbuf title = STRBUF_INIT;
    sb_printf(&title, "Barnfamiljer i stadigvarande boende, kartläggningarna till och med %d", p->year);
    struct table *t = table_new("stadigvarande", title.buf);
    sb_free(&title);
    table_frame(t, "Stadigvarande", "Kartläggning", 3, cols);
    sqlite3_stmt *st = db_prepare(db, SQL, "stadigvarande");
    db_bind_int(st, ":year", p->year);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        char label[16];
        snprintf(label, sizeof label, "%d", sqlite3_column_int(st, 0));
        int r = table_add_row(t, label);
        long all = sqlite3_column_int64(st, 1), stable = sqlite3_column_int64(st, 2);
        table_count(t, (size_t)r, 0, all);
        table_count(t, (size_t)r, 1, stable);
        if (all > 0)
            table_share_of(t, (size_t)r, 2, 100.0 * (double)stable / (double)all, (size_t)r, 1,
                           (size_t)r, 0);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        table_free(t);
        return db_error(db, err);
    }
    table_add_note(t, "Barnfamiljer som inte är nyanlända. Stadigvarande boende är SHIS boende "
                      "(för barnfamiljer eller för nyanlända), försökslägenhet och "
                      "träningslägenhet; en jourlägenhet räknas inte dit.");
    int *rows = xmalloc((t->nrows ? t->nrows : 1) * sizeof *rows);
    for (size_t i = 0; i < t->nrows; i++)
        rows[i] = (int)i;
    static const int chart_cols[] = { 2 };
    table_set_chart(t, CHART_LINE, "stadigvarande", "Andel i stadigvarande boende (%)", t->nrows,
                    rows, 1, chart_cols);
    free(rows);
    kartlaggning_source(t, db, p->year, 1);
    report_add(rep, t);
    return 0;
}

/* Newly arrived households and the share of them within SHIS. */
static void nyanlanda(struct report *rep, sqlite3 *db, const struct round *rd,
                      const struct period *p)
{
    static const char *const cols[] = { "Antal", "Andel (%)" };
    struct table *t = period_table("nyanlanda", "Nyanlända barnfamiljer", p, "Nyanlända");
    table_frame(t, NULL, "Nyanlända", 2, cols);
    long all = rd->all, ny = rd->ny, shis = rd->shis;
    table_add_row(t, "Hushåll");
    table_add_row(t, "Inom SHIS");
    table_count(t, 0, 0, ny);
    table_count(t, 1, 0, shis);
    if (all > 0)
        table_share(t, 0, 1, 100.0 * (double)ny / (double)all);
    if (ny > 0)
        table_share_of(t, 1, 1, 100.0 * (double)shis / (double)ny, 1, 0, 0, 0);
    char note[200];
    snprintf(note, sizeof note, "Hushållens andel är av alla %ld barnfamiljer i kartläggningen; "
                                "andelen inom SHIS är av de nyanlända.", all);
    table_add_note(t, note);
    if (ny == 0)
        table_add_note(t, "Ingen barnfamilj i omgången är uppgiven som nyanländ (kartläggningen "
                          "2019 omfattade inte nyanlända hushåll).");
    kartlaggning_source(t, db, p->year, 0);
    report_add(rep, t);
}

/* The round by stadsdel or by orsak, in three groups; protected. */
static int by_group(struct report *rep, sqlite3 *db, const struct period *p,
                    const struct tally *ta, const struct ranks *order,
                    const char *labels, const char *name, const char *what, const char *sheet,
                    const char *stub, const char *dim, struct strbuf *err)
{
    static const char *const cols[] = { "Stadigvarande boende", "Annat boende", "Nyanlända", "Totalt" };
    struct table *t = period_table(name, what, p, sheet);
    table_frame(t, NULL, stub, 4, cols);
    if (crosstab_rows(t, db_prepare(db, SQL, labels), err) ||
        tally_fill(t, ta, order, 3, 1, 1, err)) {
        table_free(t);
        return -1;
    }
    t->protect = 1;
    table_link(t, "kartläggning", dim, "grupp");
    table_add_note(t, "Stadigvarande och annat boende gäller barnfamiljer som inte är nyanlända.");
    kartlaggning_source(t, db, p->year, 0);
    report_add(rep, t);
    return 0;
}

/*
 * Which household each count of the tables by stadsdel and by orsak
 * counted (table_units), for the audit of a series of publications: the
 * round again with each household's Hushållsid, only when the report
 * records units.  Returns 0, or -1 with a message in err.
 */
static int record_units(struct report *rep, sqlite3 *db, const struct round *rd, int year,
                        struct strbuf *err)
{
    struct table *ps = report_table(rep, "per_stadsdel"), *po = report_table(rep, "per_orsak");
    sqlite3_stmt *st = db_prepare(db, SQL, "round_units");
    db_bind_int(st, ":year", year);
    struct strbuf key = STRBUF_INIT;
    int rc, bad = 0;
    while (!bad && (rc = db_step(st)) == SQLITE_ROW) {
        const long long *flags;
        const char *group = group_of(rd, db_col_text(st, 2), sqlite3_column_int(st, 1) == 1, &flags,
                                     err);
        sb_reset(&key);
        sb_printf(&key, "kart:%d:%s", year, db_col_text(st, 4));
        bad = !group || !ps || !po || table_unit_at(ps, db_col_text(st, 0), group, key.buf) ||
              table_unit_at(po, orsak_of(st, 3), group, key.buf);
    }
    sqlite3_finalize(st);
    sb_free(&key);
    if (bad) {
        if (!err->len)
            sb_adds(err, "internt fel: ett hushåll räknas inte i kartläggningens tabeller");
        return -1;
    }
    return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* Rounds a percentage the way the seed writes it: "71 procent". */
static long whole_pct(double v)
{
    return lround(v);
}

/*
 * The paragraph, from the published figures only: a figure that is hidden
 * or missing leaves its clause out.
 */
static void summarize(const struct report *rep, struct strbuf *sb)
{
    double all, ny, rest, stable_pct, stable, shis_pct;
    const char *round = rep->period;
    const struct table *st = report_table(rep, "stadigvarande");
    const char *when = rep->period_label ? rep->period_label : rep->period;
    char buf[32], buf2[32];
    if (report_figure(rep, "per_stadsdel", "Totalt", "Totalt", &all) == 0) {
        sb_printf(sb, "I kartläggningen %s ingick totalt %s barnfamiljer", when,
                  fmt_thousands(llround(all), buf));
        if (report_figure(rep, "nyanlanda", "Hushåll", "Antal", &ny) == 0 && ny > 0)
            sb_printf(sb, ", av vilka %s uppgavs vara nyanlända", fmt_thousands(llround(ny), buf));
        sb_adds(sb, ". ");
    }
    if (report_figure(rep, "boendesituation", "Totalt", "Antal", &rest) == 0 &&
        report_figure(rep, "stadigvarande", round, "Andel (%)", &stable_pct) == 0 &&
        report_figure(rep, "stadigvarande", round, "Stadigvarande", &stable) == 0) {
        sb_printf(sb, "Av de %s barnfamiljer som inte uppgetts vara nyanlända befann sig %ld procent "
                      "(%s) i boendelösningar som definieras som förhållandevis stadigvarande, som "
                      "SHIS eller försöks- eller träningslägenhet.",
                  fmt_thousands(llround(rest), buf), whole_pct(stable_pct),
                  fmt_thousands(llround(stable), buf2));
        /* The earlier rounds, latest first. */
        for (size_t i = st ? st->nrows : 0, k = 0; i-- > 0;) {
            double v;
            if (strcmp(st->rows[i], round) == 0 ||
                report_figure(rep, "stadigvarande", st->rows[i], "Andel (%)", &v))
                continue;
            if (k++ == 0)
                sb_printf(sb, " I %s års kartläggning var motsvarande andel %ld procent", st->rows[i],
                          whole_pct(v));
            else
                sb_printf(sb, ", i %s års %ld procent", st->rows[i], whole_pct(v));
            if (i == 0)
                sb_addc(sb, '.');
        }
        if (sb->len && sb->buf[sb->len - 1] != '.')
            sb_addc(sb, '.');
    }
    if (report_figure(rep, "nyanlanda", "Inom SHIS", "Andel (%)", &shis_pct) == 0)
        sb_printf(sb, " Bland nyanlända hushåll bodde %ld procent inom SHIS.", whole_pct(shis_pct));
    /* Trim a leading or trailing space. */
    while (sb->len && sb->buf[sb->len - 1] == ' ')
        sb->buf[--sb->len] = '\0';
    if (sb->len && sb->buf[0] == ' ')
        memmove(sb->buf, sb->buf + 1, sb->len--);
}

struct report *kartlaggning_report(sqlite3 *db, const struct report_args *a, struct strbuf *err)
{
    long households;
    int month;
    if (coverage_round(db, a->year, &households, &month, err))
        return NULL;
    struct period p;
    period_make_round(&p, a->year, month);
    char code[16];
    snprintf(code, sizeof code, "%d", a->year);
    struct strbuf title = STRBUF_INIT;
    sb_adds(&title, "Kartläggning av barnfamiljer i osäkra boendeförhållanden, ");
    period_label(&p, &title);
    struct report *rep = report_new("kartlaggning", code, title.buf);
    rep->units = a->units;
    rep->through = xstrdup(p.through);
    sb_reset(&title);
    period_label(&p, &title);
    rep->period_label = sb_detach(&title);
    static const char *const kinds[] = { "kartlaggning", NULL };
    rep->sources = sources_table(db, kinds);
    sources_publisher(rep, db);
    rep->summarize = summarize;
    struct round rd;
    int rc = round_read(&rd, db, a->year, err) || boendesituation(rep, db, &rd, &p, err) ||
             stadigvarande(rep, db, &p, err);
    if (!rc) {
        nyanlanda(rep, db, &rd, &p);
        rc = by_group(rep, db, &p, &rd.per_stadsdel, &rd.stadsdel_sort, "stadsdelar", "per_stadsdel",
                      "Barnfamiljer per stadsdel,", "Per stadsdel", "Stadsdel", "stadsdel", err) ||
             by_group(rep, db, &p, &rd.per_orsak, &rd.orsak_sort, "orsaker", "per_orsak",
                      "Barnfamiljer per orsak till boendesituationen,", "Per orsak", "Orsak",
                      "orsak", err) ||
             (rep->units && record_units(rep, db, &rd, a->year, err));
    }
    round_free(&rd);
    if (rc) {
        report_free(rep);
        return NULL;
    }
    return rep;
}
