/*
 * kinds.c: the export kinds of doc/exports.md, column by column (kinds.h).
 */
#include "ingest/kinds.h"
#include "common/util.h"
#include "common/date.h"
#include "ingest/parse.h"
#include "ingest/rounds.h"

#include <sodium.h>
#include <string.h>

#define REQ COLF_REQUIRED
#define KEY (COLF_KEY | COLF_REQUIRED)

/* ---- bf-formedlingar ------------------------------------------------- */

enum { BF_ARENDE, BF_ERBJ, BF_BOFORM, BF_BEST, BF_HYRESVARD, BF_SVAR, BF_OMR,
       BF_RUM, BF_YTA, BF_HYRA, BF_SVARSDATUM, BF_NEJORSAK, BF_KONTRAKT,
       BF_HUSHALL, BF_BARN, BF_KONTROLL, BF_AVSLUT, BF_AVSLUTSORSAK, BF_PNR };

static const struct colspec bf_cols[] = {
    [BF_ARENDE]   = { "Ärendenummer", ":arendenummer", COL_TEXT, KEY, NULL, 0, 0 },
    [BF_ERBJ]     = { "Erbjudandedatum", ":erbjudandedatum", COL_DATE, REQ, NULL, 0, 0 },
    [BF_BOFORM]   = { "Boendeform", ":boendeform", COL_CODE, REQ, "bf_boendeform", 0, 0 },
    [BF_BEST]     = { "Beställare", ":bestallare", COL_CODE, REQ, "organisation", 0, 0 },
    [BF_HYRESVARD] = { "Hyresvärd", ":hyresvard", COL_TEXT, REQ, NULL, 0, 0 },
    [BF_SVAR]     = { "Svar", ":svar", COL_CODE, REQ, "svar", 0, 0 },
    [BF_OMR]      = { "Stadsdelsområde", ":stadsdelsomrade", COL_CODE, 0, "stadsdelsnamnd", 0, 0 },
    [BF_RUM]      = { "Antal rum", ":antal_rum", COL_INT, COLF_MIN | COLF_MAX, NULL, 1, 8 },
    [BF_YTA]      = { "Yta", ":yta", COL_DEC,
                      COLF_MIN | COLF_MAX | COLF_MIN_EXCL | COLF_MAX_EXCL, NULL, 0, 300 },
    [BF_HYRA]     = { "Hyra", ":hyra", COL_DEC, COLF_MIN | COLF_MIN_EXCL, NULL, 0, 0 },
    [BF_SVARSDATUM] = { "Svarsdatum", ":svarsdatum", COL_DATE, 0, NULL, 0, 0 },
    [BF_NEJORSAK] = { "Nej-orsak", ":nej_orsak", COL_CODE, 0, "nej_orsak", 0, 0 },
    [BF_KONTRAKT] = { "Kontraktsdatum", ":kontraktsdatum", COL_DATE, 0, NULL, 0, 0 },
    [BF_HUSHALL]  = { "Hushållstyp", ":hushallstyp", COL_CODE, 0, "hushallstyp", 0, 0 },
    [BF_BARN]     = { "Antal barn", ":antal_barn", COL_INT, COLF_MIN, NULL, 0, 0 },
    [BF_KONTROLL] = { "Kontrollstation", ":kontrollstation", COL_DATE, 0, NULL, 0, 0 },
    [BF_AVSLUT]   = { "Avslutsdatum", ":avslutsdatum", COL_DATE, 0, NULL, 0, 0 },
    [BF_AVSLUTSORSAK] = { "Avslutsorsak", ":avslutsorsak", COL_CODE, 0, "avslutsorsak", 0, 0 },
    [BF_PNR]      = { "Personnummer", ":pseudonym", COL_PNR, 0, NULL, 0, 0 },
};

/* Sets err to "COLUMN: text" style parts; always returns -1 for tail calls. */
static int fail(struct rowerr *err, const char *column, const char *msg)
{
    err->column = column;
    sb_adds(&err->msg, msg);
    return -1;
}

/* Rejects b before a (both dates, if present): "<bname> ... före <aname>". */
static int not_before(const struct value *v, const struct colspec *cols, int later, int earlier,
                      struct rowerr *err)
{
    if (!v[later].present || !v[earlier].present)
        return 0;
    if (strcmp(v[later].date, v[earlier].date) >= 0)
        return 0;
    err->column = cols[later].name;
    sb_printf(&err->msg, "%s är före %s (%s)", v[later].date, cols[earlier].name, v[earlier].date);
    return -1;
}

static int bf_check(const struct value *v, struct rowerr *err)
{
    const char *svar = v[BF_SVAR].text;
    if (strcmp(svar, "Nej") == 0 && !v[BF_NEJORSAK].present)
        return fail(err, "Nej-orsak", "saknas men krävs när Svar är \"Nej\"");
    if (strcmp(svar, "Nej") != 0 && v[BF_NEJORSAK].present)
        return fail(err, "Nej-orsak", "får bara anges när Svar är \"Nej\"");
    if (v[BF_KONTRAKT].present && strcmp(svar, "Ja") != 0)
        return fail(err, "Kontraktsdatum", "kräver Svar \"Ja\"");
    if (not_before(v, bf_cols, BF_SVARSDATUM, BF_ERBJ, err) ||
        not_before(v, bf_cols, BF_KONTRAKT, BF_ERBJ, err))
        return -1;
    if (v[BF_KONTROLL].present && !v[BF_KONTRAKT].present)
        return fail(err, "Kontrollstation", "kräver Kontraktsdatum");
    if (v[BF_AVSLUT].present && !v[BF_KONTRAKT].present)
        return fail(err, "Avslutsdatum", "kräver Kontraktsdatum");
    if (not_before(v, bf_cols, BF_KONTROLL, BF_KONTRAKT, err) ||
        not_before(v, bf_cols, BF_AVSLUT, BF_KONTRAKT, err))
        return -1;
    if (v[BF_AVSLUT].present && !v[BF_AVSLUTSORSAK].present)
        return fail(err, "Avslutsorsak", "saknas men krävs när Avslutsdatum är angivet");
    if (!v[BF_AVSLUT].present && v[BF_AVSLUTSORSAK].present)
        return fail(err, "Avslutsorsak", "kräver Avslutsdatum");
    return 0;
}

static const struct kind kind_bf = {
    "bf-formedlingar", "bf_formedling", bf_cols, ARRAY_LEN(bf_cols),
    "ingest/sql/bf_formedlingar.sql", bf_check, NULL,
};

/* ---- shis-placeringar ------------------------------------------------ */

enum { PL_ID, PL_IN, PL_BOFORM, PL_BESTAND, PL_REMITT, PL_UT, PL_HUSHALL, PL_BARN, PL_BF, PL_PNR };

static const struct colspec pl_cols[] = {
    [PL_ID]      = { "Placeringsid", ":placeringsid", COL_TEXT, KEY, NULL, 0, 0 },
    [PL_IN]      = { "Inflyttningsdatum", ":inflyttningsdatum", COL_DATE, REQ, NULL, 0, 0 },
    [PL_BOFORM]  = { "Boendeform", ":boendeform", COL_CODE, REQ, "shis_boendeform", 0, 0 },
    [PL_BESTAND] = { "Bestånd", ":bestand", COL_CODE, REQ, "shis_bestand", 0, 0 },
    [PL_REMITT]  = { "Remitterande stadsdel", ":remitterande_stadsdel", COL_CODE, REQ, "remittent", 0, 0 },
    [PL_UT]      = { "Utflyttningsdatum", ":utflyttningsdatum", COL_DATE, 0, NULL, 0, 0 },
    [PL_HUSHALL] = { "Hushållstyp", ":hushallstyp", COL_CODE, 0, "hushallstyp", 0, 0 },
    [PL_BARN]    = { "Antal barn", ":antal_barn", COL_INT, COLF_MIN, NULL, 0, 0 },
    [PL_BF]      = { "BF-ärendenummer", ":bf_arendenummer", COL_TEXT, 0, NULL, 0, 0 },
    [PL_PNR]     = { "Personnummer", ":pseudonym", COL_PNR, 0, NULL, 0, 0 },
};

static int pl_check(const struct value *v, struct rowerr *err)
{
    if (not_before(v, pl_cols, PL_UT, PL_IN, err))
        return -1;
    if (v[PL_BF].present && strcmp(v[PL_BESTAND].text, "Bostadsförmedlingen") != 0)
        return fail(err, "BF-ärendenummer", "får bara anges när Bestånd är \"Bostadsförmedlingen\"");
    return 0;
}

static const struct kind kind_pl = {
    "shis-placeringar", "shis_placering", pl_cols, ARRAY_LEN(pl_cols),
    "ingest/sql/shis_placeringar.sql", pl_check, NULL,
};

/* ---- shis-bestand ------------------------------------------------------ */

enum { BE_MANAD, BE_BOFORM, BE_LGH, BE_BELAGDA, BE_TOM, BE_VANTANDE };

static const struct colspec be_cols[] = {
    [BE_MANAD]    = { "Månad", ":manad", COL_MONTH, KEY, NULL, 0, 0 },
    [BE_BOFORM]   = { "Boendeform", ":boendeform", COL_CODE, KEY, "shis_boendeform", 0, 0 },
    [BE_LGH]      = { "Lägenheter", ":lagenheter", COL_INT, REQ | COLF_MIN, NULL, 0, 0 },
    [BE_BELAGDA]  = { "Belagda", ":belagda", COL_INT, REQ | COLF_MIN, NULL, 0, 0 },
    [BE_TOM]      = { "Tomställda", ":tomstallda", COL_INT, 0, NULL, 0, 0 },
    [BE_VANTANDE] = { "Väntande hushåll", ":vantande_hushall", COL_INT, COLF_MIN, NULL, 0, 0 },
};

static int be_check(const struct value *v, struct rowerr *err)
{
    if (v[BE_BELAGDA].i > v[BE_LGH].i) {
        err->column = "Belagda";
        sb_printf(&err->msg, "%lld är fler än Lägenheter (%lld)",
                  (long long)v[BE_BELAGDA].i, (long long)v[BE_LGH].i);
        return -1;
    }
    if (v[BE_TOM].present && v[BE_TOM].i != v[BE_LGH].i - v[BE_BELAGDA].i) {
        err->column = "Tomställda";
        sb_printf(&err->msg, "%lld men Lägenheter − Belagda är %lld",
                  (long long)v[BE_TOM].i, (long long)(v[BE_LGH].i - v[BE_BELAGDA].i));
        return -1;
    }
    return 0;
}

static const struct kind kind_be = {
    "shis-bestand", "shis_bestand", be_cols, ARRAY_LEN(be_cols),
    "ingest/sql/shis_bestand.sql", be_check, NULL,
};

/* ---- kartlaggning ------------------------------------------------------ */

static const struct colspec ka_cols[] = {
    { "Kartläggning", ":omgang", COL_ROUND, KEY, NULL, 0, 0 },
    { "Hushållsid", ":hushallsid", COL_TEXT, KEY, NULL, 0, 0 },
    { "Stadsdel", ":stadsdel", COL_CODE, REQ, "remittent", 0, 0 },
    { "Hushållstyp", ":hushallstyp", COL_CODE, REQ, "hushallstyp", 0, 0 },
    { "Antal barn", ":antal_barn", COL_INT, REQ | COLF_MIN, NULL, 1, 0 },
    { "Nyanländ", ":nyanland", COL_YESNO, REQ, NULL, 0, 0 },
    { "Boendesituation", ":boendesituation", COL_CODE, REQ, "boendesituation", 0, 0 },
    { "Orsak", ":orsak", COL_CODE, 0, "orsak", 0, 0 },
    { "Personnummer", ":pseudonym", COL_PNR, 0, NULL, 0, 0 },
};

/* After the rows: the counts per round of the rounds the file touched (rounds.h). */
static const struct kind kind_ka = {
    "kartlaggning", "kartlaggning", ka_cols, ARRAY_LEN(ka_cols),
    "ingest/sql/kartlaggning.sql", NULL, rounds_count,
};

/* ---- arsmal ------------------------------------------------------------ */

static const struct colspec am_cols[] = {
    { "År", ":ar", COL_YEAR, KEY, NULL, 0, 0 },
    { "Kategori", ":kategori", COL_CODE, KEY, "arsmal_kategori", 0, 0 },
    { "Mål", ":mal", COL_INT, REQ | COLF_MIN, NULL, 0, 0 },
};

static const struct kind kind_am = {
    "arsmal", "arsmal", am_cols, ARRAY_LEN(am_cols), "ingest/sql/arsmal.sql", NULL, NULL,
};

const struct kind *const kinds[] = { &kind_bf, &kind_pl, &kind_be, &kind_ka, &kind_am };
const size_t nkinds = ARRAY_LEN(kinds);

/* ---- cells ------------------------------------------------------------- */

void quote_value(struct strbuf *sb, const char *cell)
{
    char t[64];
    cell_trim(cell, t, sizeof t);
    size_t n = strlen(t);
    int cut = n > 40;
    if (cut) {
        n = 40;
        while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
            n--;
    }
    sb_addc(sb, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c < 0x20)
            sb_addc(sb, ' ');       /* keep a message on one line */
        else
            sb_addc(sb, (char)c);
    }
    sb_adds(sb, cut ? "…\"" : "\"");
}

static int bad(struct rowerr *err, const struct colspec *c, const char *what, const char *cell)
{
    err->column = c->name;
    sb_printf(&err->msg, "%s ", what);
    quote_value(&err->msg, cell);
    return -1;
}

/* Checks a number against the column's bounds; returns 0 or -1 with err. */
static int in_bounds(const struct colspec *c, double x, const char *cell, struct rowerr *err)
{
    int lo_bad = (c->flags & COLF_MIN) &&
                 ((c->flags & COLF_MIN_EXCL) ? !(x > c->min) : !(x >= c->min));
    int hi_bad = (c->flags & COLF_MAX) &&
                 ((c->flags & COLF_MAX_EXCL) ? !(x < c->max) : !(x <= c->max));
    if (!lo_bad && !hi_bad)
        return 0;
    err->column = c->name;
    sb_adds(&err->msg, "värdet ");
    quote_value(&err->msg, cell);
    if ((c->flags & COLF_MIN) && (c->flags & COLF_MAX))
        sb_printf(&err->msg, " ligger utanför %s%g–%g%s",
                  (c->flags & COLF_MIN_EXCL) ? "(" : "[", c->min, c->max,
                  (c->flags & COLF_MAX_EXCL) ? ")" : "]");
    else
        sb_printf(&err->msg, " måste vara %s %g", (c->flags & COLF_MIN_EXCL) ? ">" : "≥", c->min);
    return -1;
}

int cell_parse(const struct colspec *c, const char *cell, struct codes *codes,
               struct value *v, struct rowerr *err)
{
    /* As zeroed, for every reader of a value; the rest of pnr is never read past its NUL. */
    v->present = 0;
    v->len = 0;
    v->text = NULL;
    v->date[0] = '\0';
    v->i = 0;
    v->d = 0;
    if (c->type == COL_PNR && v->pnr)
        v->pnr[0] = '\0';
    if (!cell || cell_empty(cell))
        return 0;
    v->present = 1;
    switch (c->type) {
    case COL_TEXT:
        v->text = cell;
        v->len = (unsigned)strlen(cell);
        return 0;
    case COL_DATE:
        v->len = DATE_LEN;
        return parse_date(cell, v->date) ? bad(err, c, "ogiltigt datum", cell) : 0;
    case COL_MONTH:
        v->len = MONTH_LEN;
        return parse_month(cell, v->date) ? bad(err, c, "ogiltig månad (ÅÅÅÅ-MM)", cell) : 0;
    case COL_ROUND: {
        int y;
        if (parse_round(cell, &y, v->date))
            return bad(err, c, "ogiltig omgång (ÅÅÅÅ eller ÅÅÅÅ-MM)", cell);
        v->i = y;
        v->len = v->date[0] ? MONTH_LEN : 0;
        return 0;
    }
    case COL_YEAR:
        if (parse_int(cell, &v->i) || v->i < 1900 || v->i > 2199)
            return bad(err, c, "ogiltigt år", cell);
        return 0;
    case COL_INT:
        if (parse_int(cell, &v->i))
            return bad(err, c, "ogiltigt heltal", cell);
        return in_bounds(c, (double)v->i, cell, err);
    case COL_DEC:
        if (parse_decimal(cell, &v->d))
            return bad(err, c, "ogiltigt tal", cell);
        return in_bounds(c, v->d, cell, err);
    case COL_YESNO: {
        int yes;
        if (parse_yesno(cell, &yes))
            return bad(err, c, "ska vara Ja eller Nej, inte", cell);
        v->i = yes;
        return 0;
    }
    case COL_PNR: {
        /* Never quoted back: at most the birth date part may be shown. */
        char birth[9];
        if (pnr_check(cell, v->pnr, birth) == 0)
            return 0;
        err->column = c->name;
        if (birth[0])
            sb_printf(&err->msg, "ogiltigt personnummer (födelsedatum %s): datumet eller "
                                 "kontrollsiffran stämmer inte", birth);
        else
            sb_adds(&err->msg, "ogiltigt personnummer: ska vara ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN");
        sodium_memzero(birth, sizeof birth);
        return -1;
    }
    case COL_CODE:
        v->text = codes_match(codes, c->list, cell);
        if (v->text) {
            v->len = (unsigned)strlen(v->text);
            return 0;
        }
        bad(err, c, "okänt värde", cell);
        sb_printf(&err->msg, "; tillåtna: %s", codes_allowed(codes, c->list));
        return -1;
    }
    return 0;
}
