/*
 * gensample.c: writes the sample exports of data/sample/, deterministically.
 *
 *   build/gensample data/sample
 *
 * The same program always writes the same bytes (a fixed-seed PRNG, no
 * clock), and a test checks that the committed files are its output.
 * Volumes follow Stockholm's: a few hundred förmedlingar a year, SHIS's
 * placements and monthly stock, two survey rounds.  The förmedlingar of
 * 2020 and 2021 carry the figures of the seed documents exactly:
 *   2020: 227 försöks-, 118 tränings- and 10 jourlägenheter, 53 Bostad
 *         Först, 47 genomgångsbostäder (455);
 *   2021 to 31 October: 160 försöks-, 95 tränings- and 12 jourlägenheter
 *         (FoT 267), 46 Bostad Först, 10 genomgångsbostäder, 9 of them by
 *         30 September (323).
 * The survey rounds 2017, 2019 and 2021 carry the seed's Tabell 2 and
 * shares (see `rounds` below).
 * The files mix dialects (BOM, Windows-1252, comma, TAB, CRLF) and hold a
 * few bad rows, so that a demo shows what rejection looks like.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

/* splitmix64 */
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static int uni(int lo, int hi)
{
    return lo + (int)(rnd() % (uint64_t)(hi - lo + 1));
}

/* True with probability pct percent. */
static int chance(int pct)
{
    return uni(1, 100) <= pct;
}

/* Picks an index by integer weights. */
static int pick(const int *w, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += w[i];
    int r = uni(1, total);
    for (int i = 0; i < n; i++) {
        if (r <= w[i])
            return i;
        r -= w[i];
    }
    return n - 1;
}

/* Days since 1970-01-01 from a civil date, and back (Howard Hinnant's algorithms). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static const char *date_str(long day, char buf[16])
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    snprintf(buf, 16, "%04d-%02d-%02d", y, m, d);
    return buf;
}

/* ---- output with a dialect ---------------------------------------------- */

struct out {
    FILE *f;
    char delim;
    int cp1252;      /* write Windows-1252 instead of UTF-8 */
    int crlf;
    int nfield;      /* fields written on the current line */
};

static void put_bytes(struct out *o, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (o->cp1252 && *p == 0xC3 && p[1]) {
            fputc(0xC0 + (p[1] - 0x80), o->f);   /* U+00C0..U+00FF */
            p++;
        } else {
            fputc(*p, o->f);
        }
    }
}

static void field(struct out *o, const char *s)
{
    if (o->nfield++)
        fputc(o->delim, o->f);
    if (!s)
        return;
    int quote = strchr(s, o->delim) || strchr(s, '"') || strchr(s, '\n');
    if (!quote) {
        put_bytes(o, s);
        return;
    }
    fputc('"', o->f);
    for (const char *p = s; *p; p++) {
        char one[2] = { *p, 0 };
        if (*p == '"')
            fputc('"', o->f);
        if ((unsigned char)*p == 0xC3 && p[1]) {
            char two[3] = { p[0], p[1], 0 };
            put_bytes(o, two);
            p++;
            continue;
        }
        put_bytes(o, one);
    }
    fputc('"', o->f);
}

static void fieldf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fieldf(struct out *o, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    field(o, buf);
}

static void endrow(struct out *o)
{
    fputs(o->crlf ? "\r\n" : "\n", o->f);
    o->nfield = 0;
}

static struct out open_out(const char *dir, const char *name, char delim, int cp1252, int crlf, int bom)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct out o = { fopen(path, "wb"), delim, cp1252, crlf, 0 };
    if (!o.f) {
        perror(path);
        exit(1);
    }
    if (bom)
        fputs("\xEF\xBB\xBF", o.f);
    return o;
}

/* Closes a file made by open_out; a write that failed ends the program. */
static void close_out(struct out *o)
{
    if (ferror(o->f) | fclose(o->f)) {
        perror("gensample: writing a sample file");
        exit(1);
    }
    o->f = NULL;
}

static void header(struct out *o, const char *const *names)
{
    for (; *names; names++)
        field(o, *names);
    endrow(o);
}

/* ---- reference lists ------------------------------------------------------ */

static const char *const sdn[] = {
    "Rinkeby-Kista", "Spånga-Tensta", "Hässelby-Vällingby", "Bromma", "Kungsholmen",
    "Norrmalm", "Östermalm", "Södermalm", "Enskede-Årsta-Vantör", "Skarpnäck", "Farsta",
    "Hägersten-Älvsjö", "Skärholmen",
};
static const int sdn_w[] = { 12, 9, 9, 5, 3, 3, 2, 7, 10, 6, 9, 8, 9 };
#define NSDN 13

static const char *const hyresvard[] = {
    "AB Stockholmshem", "AB Svenska Bostäder", "AB Familjebostäder", "Heimstaden, Stockholm",
    "Victoriahem AB", "Fastighets AB \"Förvaltaren\"",
};
static const int hyresvard_w[] = { 35, 30, 25, 4, 4, 2 };

static const char *const hushall[] = {
    "Ensamstående kvinna", "Ensamstående man", "Ensamstående kvinna med barn",
    "Ensamstående man med barn", "Par utan barn", "Par med barn", "Övrigt",
};

enum { FORSOK, TRANING, JOUR, BOFORST, GENOMGANG, NFORM };
static const char *const bf_form[] = {
    "Försökslägenhet", "Träningslägenhet", "Jourlägenhet", "Bostad Först", "Genomgångsbostad",
};

/* ---- Bostadsförmedlingen ----------------------------------------------- */

struct offer {
    char id[24];
    int form;
    long offered, answered, contract;   /* contract 0: none */
    int svar;                            /* 0 Ja, 1 Nej (final answer) */
    int nej;                             /* index into nej_orsak */
    const char *bestallare, *omrade, *hyresvard;
    int rum, barn, hushall;
    int yta10, hyra100;                  /* yta in tenths of m², hyra in öre */
    long kontroll, avslut;               /* 0: none */
    int avslutsorsak;
};

static const char *const nej_orsak[] = {
    "Inget behov", "Fel storlek", "Fel läge", "För hög hyra", "Hyresvärden nekade", "Annan",
};
static const char *const avslutsorsak[] = {
    "Övertaget av hyresgästen", "Omvandlat till försökslägenhet", "Uppsagt störningar",
    "Uppsagt hyresskulder", "Avflyttad", "Avliden", "Övrigt",
};

#define MAXOFFERS 4000
static struct offer offers[MAXOFFERS];
static int noffers;
static int serial[2100];

/* A household type and children fitting the housing form. */
static void household(struct offer *o)
{
    if (o->form == GENOMGANG) {
        static const int w[] = { 0, 0, 62, 8, 0, 28, 2 };
        o->hushall = pick(w, 7);
        o->barn = uni(1, 4);
    } else {
        static const int w[] = { 30, 52, 5, 2, 5, 2, 4 };
        o->hushall = pick(w, 7);
        o->barn = (o->hushall == 2 || o->hushall == 3 || o->hushall == 5) ? uni(1, 3) : 0;
    }
}

static struct offer *new_offer(int form, long offered)
{
    struct offer *o = &offers[noffers++];
    int y, m, d;
    civil_from_days(offered, &y, &m, &d);
    snprintf(o->id, sizeof o->id, "BF-%04d-%05d", y, ++serial[y]);
    o->form = form;
    o->offered = offered;
    o->bestallare = form == BOFORST ? "Socialförvaltningen"
                  : form == GENOMGANG ? "SHIS"
                  : chance(8) ? "Socialförvaltningen" : sdn[pick(sdn_w, NSDN)];
    o->omrade = sdn[pick(sdn_w, NSDN)];
    o->hyresvard = hyresvard[pick(hyresvard_w, 6)];
    o->rum = form == GENOMGANG ? uni(2, 4) : uni(1, 2);
    o->yta10 = o->rum * 220 + uni(40, 200);
    o->hyra100 = o->yta10 * uni(110, 150) * 10 + uni(0, 99);
    household(o);
    return o;
}

/* Makes n förmedlade offers of `form` with contracts spread over [from, to]. */
static void contracts(int form, int n, long from, long to)
{
    for (int i = 0; i < n; i++) {
        long c = from + (long)((to - from + 1) * (2 * i + 1) / (2 * n));
        c += uni(-3, 3);
        if (c < from) c = from;
        if (c > to) c = to;
        struct offer *o = new_offer(form, c - uni(5, 30));
        o->contract = c;
        o->answered = o->offered + uni(1, (int)(c - o->offered));
        o->svar = 0;
        if (chance(85))
            o->kontroll = c + 365 + uni(-20, 40);
        int r = uni(1, 100);
        if (r <= 30) {
            o->avslut = c + uni(365, 4 * 365);
            o->avslutsorsak = form == TRANING || form == JOUR ? (chance(70) ? 1 : 0) : 0;
        } else if (r <= 38) {
            o->avslut = c + uni(90, 3 * 365);
            o->avslutsorsak = uni(2, 6);
        }
    }
}

/* Offers answered Nej (mostly SHIS's 'Inget behov' for genomgångsbostäder). */
static void refusals(int form, int n, long from, long to)
{
    for (int i = 0; i < n; i++) {
        struct offer *o = new_offer(form, from + uni(0, (int)(to - from)));
        o->svar = 1;
        o->answered = o->offered + uni(2, 20);
        static const int w_gen[] = { 70, 10, 10, 5, 0, 5 };
        static const int w_fot[] = { 10, 30, 30, 15, 10, 5 };
        o->nej = pick(form == GENOMGANG ? w_gen : w_fot, 6);
    }
}

/* Writes the state of every offer made in [from, to] as known on `asof`. */
/*
 * Writes the offers made in [from, to] as Bostadsförmedlingen knew them on
 * `asof`; with contracts_only, only those with a contract by then (the
 * follow-up export).
 */
static void write_bf(struct out *o, long from, long to, long asof, int contracts_only)
{
    static const char *const cols[] = {
        "Ärendenummer", "Erbjudandedatum", "Boendeform", "Beställare", "Hyresvärd",
        "Stadsdelsområde", "Antal rum", "Yta", "Hyra", "Svar", "Svarsdatum", "Nej-orsak",
        "Kontraktsdatum", "Hushållstyp", "Antal barn", "Kontrollstation", "Avslutsdatum",
        "Avslutsorsak", NULL,
    };
    header(o, cols);
    char b[16];
    for (int i = 0; i < noffers; i++) {
        const struct offer *f = &offers[i];
        if (f->offered < from || f->offered > to || f->offered > asof)
            continue;
        int answered = f->answered <= asof;
        int contracted = f->contract && f->contract <= asof && answered;
        if (contracts_only && !contracted)
            continue;
        field(o, f->id);
        field(o, date_str(f->offered, b));
        field(o, bf_form[f->form]);
        int y, m, d;
        civil_from_days(f->offered, &y, &m, &d);
        /* Before 2020 the exports used the old stadsdelsnämnd names. */
        if (y < 2020 && strcmp(f->bestallare, "Hägersten-Älvsjö") == 0)
            field(o, f->id[11] % 2 ? "Hägersten-Liljeholmen" : "Älvsjö");
        else
            field(o, f->bestallare);
        field(o, f->hyresvard);
        field(o, f->omrade);
        fieldf(o, "%d", f->rum);
        fieldf(o, "%d,%d", f->yta10 / 10, f->yta10 % 10);
        if (f->hyra100 >= 100000)
            fieldf(o, "%d %03d,%02d", f->hyra100 / 100000, f->hyra100 / 100 % 1000, f->hyra100 % 100);
        else
            fieldf(o, "%d,%02d", f->hyra100 / 100, f->hyra100 % 100);
        field(o, !answered ? "Inväntar" : f->svar ? "Nej" : "Ja");
        field(o, answered ? date_str(f->answered, b) : NULL);
        field(o, answered && f->svar ? nej_orsak[f->nej] : NULL);
        field(o, contracted ? date_str(f->contract, b) : NULL);
        field(o, contracted ? hushall[f->hushall] : NULL);
        if (contracted)
            fieldf(o, "%d", f->barn);
        else
            field(o, NULL);
        field(o, contracted && f->kontroll && f->kontroll <= asof ? date_str(f->kontroll, b) : NULL);
        int ended = contracted && f->avslut && f->avslut <= asof;
        field(o, ended ? date_str(f->avslut, b) : NULL);
        field(o, ended ? avslutsorsak[f->avslutsorsak] : NULL);
        endrow(o);
    }
}

static long D(int y, int m, int d)
{
    return days_from_civil(y, m, d);
}

static void gen_bf(const char *dir)
{
    /* Contracts per year and form: 2020 and 2021 as in the seed documents. */
    contracts(FORSOK, 210, D(2019, 1, 7), D(2019, 12, 20));
    contracts(TRANING, 110, D(2019, 1, 7), D(2019, 12, 20));
    contracts(JOUR, 10, D(2019, 1, 7), D(2019, 12, 20));
    contracts(BOFORST, 40, D(2019, 1, 7), D(2019, 12, 20));
    contracts(GENOMGANG, 60, D(2019, 1, 7), D(2019, 12, 20));
    contracts(FORSOK, 227, D(2020, 1, 7), D(2020, 12, 20));
    contracts(TRANING, 118, D(2020, 1, 7), D(2020, 12, 20));
    contracts(JOUR, 10, D(2020, 1, 7), D(2020, 12, 20));
    contracts(BOFORST, 53, D(2020, 1, 7), D(2020, 12, 20));
    contracts(GENOMGANG, 47, D(2020, 1, 7), D(2020, 12, 20));
    contracts(FORSOK, 160, D(2021, 1, 7), D(2021, 10, 29));
    contracts(TRANING, 95, D(2021, 1, 7), D(2021, 10, 29));
    contracts(JOUR, 12, D(2021, 1, 7), D(2021, 10, 29));
    contracts(BOFORST, 46, D(2021, 1, 7), D(2021, 10, 29));
    contracts(GENOMGANG, 9, D(2021, 1, 7), D(2021, 9, 28));
    contracts(GENOMGANG, 1, D(2021, 10, 12), D(2021, 10, 12));
    contracts(FORSOK, 35, D(2021, 11, 3), D(2021, 12, 20));
    contracts(TRANING, 20, D(2021, 11, 3), D(2021, 12, 20));
    contracts(JOUR, 2, D(2021, 11, 3), D(2021, 12, 20));
    contracts(BOFORST, 3, D(2021, 11, 3), D(2021, 12, 20));
    contracts(GENOMGANG, 3, D(2021, 11, 3), D(2021, 12, 20));
    contracts(FORSOK, 230, D(2022, 1, 7), D(2022, 12, 20));
    contracts(TRANING, 120, D(2022, 1, 7), D(2022, 12, 20));
    contracts(JOUR, 10, D(2022, 1, 7), D(2022, 12, 20));
    contracts(BOFORST, 50, D(2022, 1, 7), D(2022, 12, 20));
    contracts(GENOMGANG, 40, D(2022, 1, 7), D(2022, 12, 20));
    for (int y = 2019; y <= 2022; y++) {
        refusals(FORSOK, 45, D(y, 1, 2), D(y, 12, 10));
        refusals(TRANING, 20, D(y, 1, 2), D(y, 12, 10));
        refusals(GENOMGANG, y == 2021 ? 60 : 25, D(y, 1, 2), D(y, 12, 10));
        refusals(BOFORST, 4, D(y, 1, 2), D(y, 12, 10));
    }
    /* Offers still unanswered at the end of 2022. */
    for (int i = 0; i < 12; i++) {
        struct offer *o = new_offer(i % 3 == 0 ? GENOMGANG : FORSOK, D(2022, 12, 12) + i);
        o->answered = D(2023, 1, 20);
    }

    struct out o = open_out(dir, "bf-formedlingar-2019.csv", ';', 0, 1, 1);
    write_bf(&o, D(2018, 12, 1), D(2019, 12, 31), D(2020, 1, 10), 0);
    close_out(&o);
    o = open_out(dir, "bf-formedlingar-2020.csv", ';', 1, 1, 0);
    write_bf(&o, D(2019, 12, 1), D(2020, 12, 31), D(2021, 1, 10), 0);
    close_out(&o);
    o = open_out(dir, "bf-formedlingar-2021-09.csv", ';', 0, 0, 0);
    write_bf(&o, D(2020, 12, 1), D(2021, 9, 30), D(2021, 9, 30), 0);
    close_out(&o);
    o = open_out(dir, "bf-formedlingar-2021.csv", ',', 0, 0, 0);
    write_bf(&o, D(2020, 12, 1), D(2021, 12, 31), D(2022, 1, 10), 0);
    close_out(&o);
    o = open_out(dir, "bf-formedlingar-2022.csv", '\t', 0, 0, 0);
    write_bf(&o, D(2021, 12, 1), D(2022, 12, 31), D(2023, 1, 10), 0);
    /* Three bad rows, as real exports have them. */
    fputs("BF-2022-90001\t2022-02-14\tFörsökslägenhet\tFarsta\tAB Stockholmshem\tFarsta\t1\t"
          "31,0\t5 210,00\tJa\t2022-02-20\t\t2022-02-30\tEnsamstående man\t0\t\t\t\n", o.f);
    fputs("BF-2022-90002\t2022-03-01\tGenomgångsbostad\tSHIS\tAB Svenska Bostäder\tBromma\t3\t"
          "71,5\t9 870,00\tNej\t2022-03-09\t\t\t\t\t\t\t\n", o.f);
    fputs("BF-2022-90003\t2022-04-11\tTräningslägenhet\tVasastan\tAB Familjebostäder\tNorrmalm\t1\t"
          "28,0\t4 990,00\tInväntar\t\t\t\t\t\t\t\t\n", o.f);
    close_out(&o);
    /*
     * The follow-up export: every contract so far, as known in January 2023,
     * with the Kontrollstation and Avslut that the yearly files were made
     * too early to carry.  Ingested last (name order), its rows replace the
     * earlier ones of the same Ärendenummer.
     */
    o = open_out(dir, "bf-formedlingar-uppfoljning-2023-01.csv", ';', 0, 0, 0);
    write_bf(&o, D(2018, 12, 1), D(2022, 12, 31), D(2023, 1, 10), 1);
    close_out(&o);
}

/* ---- SHIS ------------------------------------------------------------------- */

static const char *const shis_form[] = { "Barnfamilj", "Nyanlända", "Vuxen", "Ung vuxen" };

/*
 * Personnummer for the placements, from a stream of their own so that the
 * other files do not change with them.  Each household has a number
 * (birth date + serial + Luhn digit); some households come back to SHIS
 * after moving out, which the returns table finds by pseudonym.
 */
static uint64_t pnr_state = 0x2545F4914F6CDD1DULL;

static int pnr_uni(int lo, int hi)
{
    uint64_t z = (pnr_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return lo + (int)(z % (uint64_t)(hi - lo + 1));
}

/*
 * The number YYYYMMDD-NNNC of a birth date (day + 60 for a samordningsnummer)
 * and a three-digit serial, C the Luhn digit over YYMMDDNNN.
 */
static void pnr_format(int y, int m, int d, int nnn, char out[48])
{
    char ten[48];
    snprintf(ten, sizeof ten, "%02d%02d%02d%03d", y % 100, m, d, nnn);
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int v = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v / 10 + v % 10;
    }
    snprintf(out, 48, "%04d%02d%02d-%.3s%d", y, m, d, ten + 6, (10 - sum % 10) % 10);
}

/*
 * Household h's number, YYYYMMDD-NNNC, valid by the Luhn rule: a
 * samordningsnummer (day + 60), so that no sample row carries what looks
 * like an ordinary personnummer.
 */
static void pnr_of(int h, char out[48])
{
    long born = D(1960, 1, 1) + (long)(h * 7919L % 14000L);
    int y, m, d;
    civil_from_days(born, &y, &m, &d);
    pnr_format(y, m, d + 60, 100 + h % 900, out);
}

/* Households that moved out, for returns: household and day of moving out. */
#define MAXGONE 2048
static int gone_h[MAXGONE];
static long gone_day[MAXGONE];
static int ngone, nhouseholds;

/* The household of a placement moving in on day `in`: now and then one that moved out before. */
static int placement_household(long in)
{
    if (pnr_uni(1, 100) <= 12)
        for (int i = 0; i < ngone; i++)
            if (gone_day[i] < in && in - gone_day[i] <= 330) {
                int h = gone_h[i];
                gone_h[i] = gone_h[--ngone];
                gone_day[i] = gone_day[ngone];
                return h;
            }
    return ++nhouseholds;
}

static void placement_pnr(struct out *o, int h, long out)
{
    char pnr[48];
    if (out && ngone < MAXGONE) {
        gone_h[ngone] = h;
        gone_day[ngone++] = out;
    }
    if (pnr_uni(1, 100) <= 4) {
        field(o, NULL);    /* the export lacks it: the household cannot be followed */
        return;
    }
    pnr_of(h, pnr);
    field(o, pnr);
}

static void gen_shis(const char *dir)
{
    struct out o = open_out(dir, "shis-placeringar.csv", ';', 0, 0, 0);
    static const char *const cols[] = {
        "Placeringsid", "Inflyttningsdatum", "Utflyttningsdatum", "Boendeform", "Bestånd",
        "Remitterande stadsdel", "Hushållstyp", "Antal barn", "BF-ärendenummer", "Personnummer",
        NULL,
    };
    header(&o, cols);
    char b[16];
    int n = 0;
    /*
     * Own stock: 2020 had 156 families; the rest by Stockholm's proportions.
     * In 2021, 72 families moved into SHIS's own stock from January to
     * September; with the 9 genomgångsbostäder from Bostadsförmedlingen
     * that is the seed's 81 families with children.
     */
    static const int per_year[4][4] = {
        { 149, 70, 58, 31 }, { 156, 55, 61, 29 }, { 100, 48, 57, 33 }, { 152, 52, 60, 30 },
    };
    for (int y = 2019; y <= 2022; y++) {
        for (int form = 0; form < 4; form++) {
            for (int i = 0; i < per_year[y - 2019][form]; i++) {
                long in = D(y, 1, 1) + uni(0, 363);
                if (y == 2021 && form == 0)    /* 72 by the end of September, then the rest */
                    in = i < 72 ? D(2021, 1, 1) + (in - D(2021, 1, 1)) % 273
                                : D(2021, 10, 1) + (in - D(2021, 1, 1)) % 92;
                long out = chance(35) && in + 400 < D(2022, 12, 31) ? in + uni(120, 700) : 0;
                fieldf(&o, "SHIS-%d-%04d", y, ++n);
                field(&o, date_str(in, b));
                field(&o, out ? date_str(out, b) : NULL);
                field(&o, shis_form[form]);
                field(&o, "Eget");
                field(&o, chance(6) ? "Socialförvaltningen" : sdn[pick(sdn_w, NSDN)]);
                if (form == 0 || form == 1) {
                    static const int w[] = { 0, 0, 60, 8, 0, 30, 2 };
                    field(&o, hushall[pick(w, 7)]);
                    fieldf(&o, "%d", uni(1, 4));
                } else {
                    static const int w[] = { 40, 52, 0, 0, 4, 0, 4 };
                    field(&o, hushall[pick(w, 7)]);
                    field(&o, "0");
                }
                field(&o, NULL);
                placement_pnr(&o, placement_household(in), out);
                endrow(&o);
            }
        }
    }
    /*
     * Genomgångsbostäder from Bostadsförmedlingen: one placement per
     * contract, bar two, moving in the same month as the contract (so that
     * the nine contracts to September 2021 are the nine placements).
     */
    int skipped = 0;
    for (int i = 0; i < noffers; i++) {
        const struct offer *f = &offers[i];
        if (f->form != GENOMGANG || !f->contract)
            continue;
        if (skipped < 2 && f->contract > D(2022, 1, 1)) {
            skipped++;     /* not yet moved in: the reconciliation shows these */
            continue;
        }
        int y, m, d;
        civil_from_days(f->contract, &y, &m, &d);
        long in = f->contract + uni(3, 25), month_end = (m == 12 ? D(y + 1, 1, 1) : D(y, m + 1, 1)) - 1;
        if (in > month_end)
            in = month_end;
        civil_from_days(in, &y, &m, &d);
        fieldf(&o, "SHIS-%d-%04d", y, ++n);
        field(&o, date_str(in, b));
        field(&o, NULL);
        field(&o, "Barnfamilj");
        field(&o, "Bostadsförmedlingen");
        field(&o, sdn[pick(sdn_w, NSDN)]);
        field(&o, hushall[f->hushall]);
        fieldf(&o, "%d", f->barn);
        field(&o, f->id);
        placement_pnr(&o, placement_household(in), 0);
        endrow(&o);
    }
    /* A bad row: an unknown boendeform. */
    fputs("SHIS-2022-9001;2022-05-02;;Familj;Eget;Farsta;Par med barn;2;;\n", o.f);
    close_out(&o);

    o = open_out(dir, "shis-bestand.csv", ';', 0, 0, 0);
    static const char *const bcols[] = {
        "Månad", "Boendeform", "Lägenheter", "Belagda", "Tomställda", "Väntande hushåll", NULL,
    };
    header(&o, bcols);
    static const int base[4] = { 1180, 640, 520, 260 };
    for (int y = 2019; y <= 2022; y++) {
        for (int m = 1; m <= 12; m++) {
            for (int form = 0; form < 4; form++) {
                int lgh = base[form] + (y - 2019) * (form == 1 ? -25 : 8) + uni(-4, 4);
                int bel = lgh * uni(900, 985) / 1000;
                fieldf(&o, "%04d-%02d", y, m);
                field(&o, shis_form[form]);
                if (lgh >= 1000)
                    fieldf(&o, "%d %03d", lgh / 1000, lgh % 1000);
                else
                    fieldf(&o, "%d", lgh);
                fieldf(&o, "%d", bel);
                fieldf(&o, "%d", lgh - bel);
                fieldf(&o, "%d", uni(5, form == 0 ? 90 : 40));
                endrow(&o);
            }
        }
    }
    close_out(&o);
}

/* ---- kartläggningen ------------------------------------------------------- */

static const char *const situation[] = {
    "SHIS boende för barnfamiljer", "SHIS boende för nyanlända", "Hotellrum",
    "Tillfälligt inneboende/andrahandsboende, max tre månader", "Försökslägenhet",
    "Jourlägenhet", "Träningslägenhet", "Vandrarhem", "Lägenhetshotell", "Skyddat boende",
    "Behandlingshem/familjehem/stödboende", "Vet ej",
};
static const char *const orsak[] = {
    "Strukturell", "Social problematik", "Våld i nära relation", "Annan", "Vet ej",
};

/*
 * One survey round with exact margins: the households not newly arrived by
 * Boendesituation (sit[], in the order of `situation`) and by Hushållstyp
 * (typ[], in the order of `hushall`), and the newly arrived likewise.  The
 * labels are dealt from shuffled decks, so each margin is exact and the
 * two are independent.
 */
struct round {
    int year;
    const char *label;          /* the Kartläggning column: '2021-04' or '2017' */
    int sit[12], typ[7];        /* not newly arrived */
    int ny_sit[12], ny_typ[7];  /* newly arrived */
};

/* Fills deck[] with counts[i] copies of i and shuffles it; returns its length. */
static int deal(int *deck, const int *counts, int n)
{
    int len = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < counts[i]; k++)
            deck[len++] = i;
    for (int i = len - 1; i > 0; i--) {
        int j = uni(0, i), t = deck[i];
        deck[i] = deck[j];
        deck[j] = t;
    }
    return len;
}

static void gen_survey(const char *dir, const struct round *rd)
{
    char name[64];
    snprintf(name, sizeof name, "kartlaggning-%d.csv", rd->year);
    struct out o = open_out(dir, name, ';', 0, 0, 0);
    static const char *const cols[] = {
        "Kartläggning", "Hushållsid", "Stadsdel", "Hushållstyp", "Antal barn", "Nyanländ",
        "Boendesituation", "Orsak", NULL,
    };
    header(&o, cols);
    static const int ors_w[5] = { 48, 22, 18, 7, 5 };
    static int sits[2000], typs[2000];
    int id = 0;
    for (int ny = 0; ny <= 1; ny++) {
        int n = deal(sits, ny ? rd->ny_sit : rd->sit, 12);
        int m = deal(typs, ny ? rd->ny_typ : rd->typ, 7);
        if (n != m) {
            fprintf(stderr, "gensample: omgång %d: marginalerna stämmer inte (%d och %d)\n",
                    rd->year, n, m);
            exit(1);
        }
        for (int i = 0; i < n; i++) {
            field(&o, rd->label);
            fieldf(&o, "K%d-%04d", rd->year, ++id);
            const char *sd = chance(5) ? "Socialförvaltningen" : sdn[pick(sdn_w, NSDN)];
            if (rd->year < 2020 && strcmp(sd, "Hägersten-Älvsjö") == 0)
                sd = chance(50) ? "Hägersten-Liljeholmen" : "Älvsjö";
            field(&o, sd);
            field(&o, hushall[typs[i]]);
            fieldf(&o, "%d", uni(1, 3) + (chance(20) ? uni(1, 3) : 0));
            field(&o, ny ? "Ja" : "Nej");
            field(&o, situation[sits[i]]);
            field(&o, chance(90) ? orsak[pick(ors_w, 5)] : NULL);
            endrow(&o);
        }
    }
    if (rd->year == 2021)   /* a bad row: a family in the survey has at least one child */
        fputs("2021-04;K2021-9001;Farsta;Par med barn;0;Nej;Hotellrum;Strukturell\n", o.f);
    close_out(&o);
}

/*
 * The rounds of the seed (001_*.txt): April 2021 had 433 households, 133 of
 * them newly arrived, and the 300 others are Tabell 2 exactly, 71 % of
 * them in relatively stable housing and 65 % single women with children;
 * 89 % of the newly arrived lived in SHIS's housing.  The 2019 round did
 * not include the newly arrived: 364 households, 60 % stable.  2017: 43 %
 * stable (the seed gives no count; 400 households here), and the export
 * gave only the year.
 */
static const struct round rounds[] = {
    { 2017, "2017",
      { 100, 12, 60, 55, 35, 30, 25, 20, 25, 20, 10, 8 }, { 0, 0, 250, 35, 0, 105, 10 },
      { 0 }, { 0 } },
    { 2019, "2019-04",
      { 140, 20, 25, 40, 30, 20, 28, 12, 14, 20, 6, 9 }, { 0, 0, 230, 30, 0, 96, 8 },
      { 0 }, { 0 } },
    { 2021, "2021-04",
      { 146, 27, 10, 19, 15, 14, 25, 7, 6, 17, 4, 10 }, { 0, 0, 195, 27, 0, 72, 6 },
      { 18, 100, 4, 5, 0, 0, 0, 3, 3, 0, 0, 0 }, { 0, 0, 50, 10, 0, 70, 3 } },
};

/* ---- large exports for the benchmark -------------------------------------- */

/*
 * `gensample --bench KIND ROWS FIRST_YEAR LAST_YEAR FILE` writes one export of
 * ROWS data rows spread over the years, streamed (memory does not grow with
 * ROWS), with what real exports carry: about 5 % of the rows with a quoted
 * field (a Hyresvärd with a quote, a delimiter or a line break), Hyra with a
 * blank as thousands separator, dates as YYYY-MM-DD, YYYYMMDD and with a
 * time of day, answers pending at the end, a Personnummer on most rows.
 * Its own seed: the sample files do not change with it.
 */

/* A date in one of the forms the exports mix: mostly ISO, some compact, some with a time. */
static const char *bench_date(long day, char buf[32])
{
    int y, m, d, r = uni(1, 100);
    civil_from_days(day, &y, &m, &d);
    if (r <= 85)
        snprintf(buf, 32, "%04d-%02d-%02d", y, m, d);
    else if (r <= 95)
        snprintf(buf, 32, "%04d%02d%02d", y, m, d);
    else
        snprintf(buf, 32, "%04d-%02d-%02d %02d:%02d", y, m, d, uni(7, 17), uni(0, 59));
    return buf;
}

/*
 * The Personnummer field: on pct percent of rows a valid number of someone
 * born 1940-2002 with serial s, else empty.
 */
static void bench_pnr_field(struct out *o, long s, int pct)
{
    if (!chance(pct)) {
        field(o, NULL);
        return;
    }
    char pnr[48];
    int y, m, d;
    civil_from_days(D(1940, 1, 1) + (long)(rnd() % 23000), &y, &m, &d);
    pnr_format(y, m, d, (int)(s % 1000), pnr);
    field(o, pnr);
}

/* The quoted Hyresvärd of about one row in twenty. */
static const char *const bench_quoted[] = {
    "Fastighets AB \"Förvaltaren\"", "Stockholmshem; Söderort", "AB Svenska Bostäder\nAvdelning Järva",
};

/*
 * How a bf-formedlingar file is shaped.  --bench writes the offers in date
 * order, six in ten with a contract, with the sample's few landlords.
 * --bench-shaped (issue 30) writes what a report must cope with as well:
 * every row a contract (more contracts per year), the rows in no date
 * order (a year's contracts scattered over the whole table), and long
 * Hyresvärd names, sixty of them, of about 80 to 200 characters.
 */
struct bf_shape {
    int every_contract, shuffled, long_names;
};

/* A long landlord's name, one of sixty, into buf. */
static const char *long_hyresvard(char buf[256])
{
    static const char *const firm[] = {
        "Fastighetsaktiebolaget", "Bostadsrättsföreningen", "Kommanditbolaget",
        "Stiftelsen för bostäder", "Allmännyttiga bostadsbolaget",
    };
    static const char *const place[] = {
        "Järvafältet", "Hässelby strand", "Skärholmen centrum", "Enskededalen",
        "Farsta strand", "Vällingby parkstad", "Årsta partihallar", "Tensta allé",
    };
    int n = uni(0, 59), rep = n % 3;
    int len = snprintf(buf, 256, "%s %s %d i Stockholms län, förvaltningsområde %s",
                       firm[n % 5], place[n / 5 % 8], n, place[(n / 7) % 8]);
    for (int i = 0; i < rep && len < 200; i++)
        len += snprintf(buf + len, (size_t)(256 - len), ", avdelning för uthyrning %d", n + i);
    return buf;
}

static void bench_bf(struct out *o, long rows, int y0, int y1, const struct bf_shape *sh)
{
    static const char *const cols[] = {
        "Ärendenummer", "Erbjudandedatum", "Boendeform", "Beställare", "Hyresvärd",
        "Stadsdelsområde", "Antal rum", "Yta", "Hyra", "Svar", "Svarsdatum", "Nej-orsak",
        "Kontraktsdatum", "Hushållstyp", "Antal barn", "Kontrollstation", "Avslutsdatum",
        "Avslutsorsak", "Personnummer", NULL,
    };
    static const int form_w[] = { 45, 25, 4, 10, 16 };
    header(o, cols);
    long first = D(y0, 1, 2), span = D(y1, 12, 20) - first, end = D(y1, 12, 31);
    char b[32];
    for (long i = 0; i < rows; i++) {
        long offered = sh->shuffled ? first + (long)(rnd() % (uint64_t)span)
                                    : first + (long)((double)span * (double)i / (double)rows);
        int y, m, d;
        civil_from_days(offered, &y, &m, &d);
        int form = pick(form_w, NFORM);
        int r = uni(1, 100);
        long answered = offered + uni(1, 20), contract = 0;
        int svar = answered > end ? 2 : r <= 62 ? 0 : 1;     /* Ja, Nej, Inväntar */
        if (sh->every_contract) {
            answered = offered + uni(0, 3);
            svar = 0;
        }
        if (svar == 0 && (sh->every_contract || chance(90)))
            contract = answered + (sh->every_contract ? 0 : uni(0, 15));
        if (contract > end)
            contract = 0;
        fieldf(o, "BF-%04d-%07ld", y, i + 1);
        field(o, bench_date(offered, b));
        field(o, bf_form[form]);
        field(o, form == BOFORST ? "Socialförvaltningen" : form == GENOMGANG ? "SHIS"
                 : sdn[pick(sdn_w, NSDN)]);
        char hv[256];
        field(o, chance(5) ? bench_quoted[uni(0, 2)]
                 : sh->long_names ? long_hyresvard(hv) : hyresvard[pick(hyresvard_w, 5)]);
        field(o, sdn[pick(sdn_w, NSDN)]);
        int rum = uni(1, 4), yta10 = rum * 220 + uni(40, 200), hyra100 = yta10 * uni(110, 150) * 10;
        fieldf(o, "%d", rum);
        fieldf(o, "%d,%d", yta10 / 10, yta10 % 10);
        fieldf(o, "%d %03d,%02d", hyra100 / 100000, hyra100 / 100 % 1000, hyra100 % 100);
        field(o, svar == 0 ? "Ja" : svar == 1 ? "Nej" : "Inväntar");
        field(o, svar == 2 ? NULL : bench_date(answered, b));
        field(o, svar == 1 ? nej_orsak[uni(0, 5)] : NULL);
        field(o, contract ? bench_date(contract, b) : NULL);
        field(o, contract ? hushall[uni(0, 6)] : NULL);
        if (contract)
            fieldf(o, "%d", uni(0, 3));
        else
            field(o, NULL);
        long kontroll = contract && chance(80) ? contract + 365 + uni(-20, 40) : 0;
        /* Most arrangements end within five years: the tenant takes over the contract, or it ends. */
        long avslut = contract && chance(85) ? contract + uni(90, 5 * 365) : 0;
        field(o, kontroll && kontroll <= end ? bench_date(kontroll, b) : NULL);
        field(o, avslut && avslut <= end ? bench_date(avslut, b) : NULL);
        field(o, avslut && avslut <= end ? avslutsorsak[uni(0, 6)] : NULL);
        bench_pnr_field(o, i, 95);
        endrow(o);
    }
}

static void bench_shis(struct out *o, long rows, int y0, int y1)
{
    static const char *const cols[] = {
        "Placeringsid", "Inflyttningsdatum", "Utflyttningsdatum", "Boendeform", "Bestånd",
        "Remitterande stadsdel", "Hushållstyp", "Antal barn", "BF-ärendenummer", "Personnummer",
        NULL,
    };
    header(o, cols);
    long first = D(y0, 1, 1), span = D(y1, 12, 31) - first, end = D(y1, 12, 31);
    char b[32];
    for (long i = 0; i < rows; i++) {
        long in = first + (long)((double)span * (double)i / (double)rows);
        int y, m, d;
        civil_from_days(in, &y, &m, &d);
        long out = chance(35) ? in + uni(60, 900) : 0;
        int bf = chance(8);
        fieldf(o, "SHIS-%04d-%07ld", y, i + 1);
        field(o, bench_date(in, b));
        field(o, out && out <= end ? bench_date(out, b) : NULL);
        field(o, bf ? "Barnfamilj" : shis_form[uni(0, 3)]);
        field(o, bf ? "Bostadsförmedlingen" : "Eget");
        field(o, chance(6) ? "Socialförvaltningen" : sdn[pick(sdn_w, NSDN)]);
        field(o, hushall[uni(0, 6)]);
        fieldf(o, "%d", uni(0, 4));
        if (bf)
            fieldf(o, "BF-%04d-%07ld", y, i + 1);
        else
            field(o, NULL);
        bench_pnr_field(o, i, 96);
        endrow(o);
    }
}

static void bench_survey(struct out *o, long rows, int y0, int y1)
{
    static const char *const cols[] = {
        "Kartläggning", "Hushållsid", "Stadsdel", "Hushållstyp", "Antal barn", "Nyanländ",
        "Boendesituation", "Orsak", "Personnummer", NULL,
    };
    header(o, cols);
    int nyears = y1 - y0 + 1;
    for (long i = 0; i < rows; i++) {
        int y = y0 + (int)(i * nyears / rows);
        fieldf(o, "%04d-04", y);
        fieldf(o, "K%04d-%07ld", y, i + 1);
        field(o, chance(5) ? "Socialförvaltningen" : sdn[pick(sdn_w, NSDN)]);
        field(o, hushall[uni(2, 6)]);
        fieldf(o, "%d", uni(1, 5));
        field(o, chance(30) ? "Ja" : "Nej");
        field(o, situation[uni(0, 11)]);
        field(o, chance(90) ? orsak[uni(0, 4)] : NULL);
        bench_pnr_field(o, i, 95);
        endrow(o);
    }
}

static int bench_main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "användning: gensample --bench SORT RADER FÖRSTA_ÅR SISTA_ÅR FIL\n"
                        "           gensample --bench-shaped bf-formedlingar RADER FÖRSTA_ÅR SISTA_ÅR FIL\n");
        return 2;
    }
    struct bf_shape shape = { 0, 0, 0 };
    if (strcmp(argv[1], "--bench-shaped") == 0) {
        shape = (struct bf_shape){ 1, 1, 1 };
        if (strcmp(argv[2], "bf-formedlingar") != 0) {
            fprintf(stderr, "gensample: --bench-shaped skriver bara bf-formedlingar\n");
            return 2;
        }
    }
    long rows = atol(argv[3]);
    int y0 = atoi(argv[4]), y1 = atoi(argv[5]);
    if (rows < 1 || y0 < 1900 || y1 < y0 || y1 > 2100) {
        fprintf(stderr, "gensample: ogiltiga rader eller år\n");
        return 2;
    }
    rng_state = 0x5851F42D4C957F2DULL;
    struct out o = { fopen(argv[6], "wb"), ';', 0, 0, 0 };
    if (!o.f) {
        perror(argv[6]);
        return 1;
    }
    static char buf[1 << 16];
    setvbuf(o.f, buf, _IOFBF, sizeof buf);
    if (strcmp(argv[2], "bf-formedlingar") == 0)
        bench_bf(&o, rows, y0, y1, &shape);
    else if (strcmp(argv[2], "shis-placeringar") == 0)
        bench_shis(&o, rows, y0, y1);
    else if (strcmp(argv[2], "kartlaggning") == 0)
        bench_survey(&o, rows, y0, y1);
    else {
        fprintf(stderr, "gensample: okänd sort %s (bf-formedlingar, shis-placeringar, kartlaggning)\n",
                argv[2]);
        return 2;
    }
    if (fclose(o.f) != 0) {
        perror(argv[6]);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--bench") == 0 || strcmp(argv[1], "--bench-shaped") == 0))
        return bench_main(argc, argv);
    if (argc != 2) {
        fprintf(stderr, "användning: gensample MAPP\n");
        return 2;
    }
    gen_bf(argv[1]);
    gen_shis(argv[1]);
    for (size_t i = 0; i < sizeof rounds / sizeof rounds[0]; i++)
        gen_survey(argv[1], &rounds[i]);
    return 0;
}
