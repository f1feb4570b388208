/*
 * registry.c: the table of reports (registry.h).
 */
#include "transform/registry.h"
#include "common/util.h"
#include "transform/arsmal.h"
#include "transform/jamstalldhet.h"
#include "transform/kartlaggning.h"
#include "transform/shis.h"
#include "transform/tertial.h"
#include "transform/uppfoljning.h"

#include <string.h>

const struct opt report_options[] = {
    { "--year", "ÅÅÅÅ", "året", OPT_YEAR },
    { "--tertial", "1|2|3", "tertialet (januari–april, –augusti, –december)", OPT_TERTIAL },
    { "--month", "ÅÅÅÅ-MM", "månaden", OPT_MONTH },
    { "--through", "ÅÅÅÅ-MM-DD",
      "räkna till och med detta datum (standard: årets slut, eller det senaste datumet i "
      "exporterna om det är tidigare)", OPT_THROUGH },
};
const size_t report_noptions = ARRAY_LEN(report_options);

/* The seed's Tabell 1 (January–October 2021) and the full years around it. */
static const struct report_args arsmal_demo[] = {
    { .year = 2021, .through = "2021-10-31" }, { .year = 2020 }, { .year = 2021 },
    { .year = 2022 }, DEMO_END,
};
static const struct report_args tertial_demo[] = {
    { .year = 2021, .tertial = 1 }, { .year = 2021, .tertial = 2 }, { .year = 2021, .tertial = 3 }, DEMO_END,
};
/* The seed's survey round (Tabell 2) and the one before it. */
static const struct report_args survey_demo[] = {
    { .year = 2021 }, { .year = 2019 }, DEMO_END,
};
static const struct report_args gender_demo[] = { { .year = 2021 }, DEMO_END };
/* The seed's SHIS figure (January–September 2021), and the default: the last month loaded. */
static const struct report_args shis_demo[] = {
    { .month = "2021-09" }, { 0 }, DEMO_END,
};
static const struct report_args followup_demo[] = {
    { .year = 2021 }, { .year = 2022, .through = "2022-08-31" }, DEMO_END,
};

const struct report_def report_defs[] = {
    { .name = "arsmal",
      .description = "förmedlade lägenheter mot årsmålet (Tabell 1), per månad med jämn takt och prognos, "
                     "per beställare och hyresvärd, mot samma period året före, erbjudanden och svar med "
                     "nej-orsaker, och underlaget (bara i den interna arbetsboken)",
      .takes = OPT_YEAR | OPT_THROUGH, .requires = OPT_YEAR,
      .build = arsmal_report, .demo = arsmal_demo },
    { .name = "tertial",
      .description = "tertialrapporten: årsmålstabellerna till och med april, augusti eller december, jämfört "
                     "med samma tertial året före, SHIS bestånd, beläggning och inflyttade (som shis-manad för "
                     "tertialets sista månad) och uppföljningen till tertialets slut",
      .takes = OPT_YEAR | OPT_TERTIAL, .requires = OPT_YEAR | OPT_TERTIAL,
      .build = tertial_report, .demo = tertial_demo },
    { .name = "kartlaggning",
      .description = "kartläggningen av barnfamiljer i osäkert boende: boendesituation (Tabell 2), andelen i "
                     "stadigvarande boende över omgångarna, nyanlända och andelen inom SHIS, per stadsdel och "
                     "per orsak",
      .takes = OPT_YEAR, .requires = OPT_YEAR,
      .build = kartlaggning_report, .demo = survey_demo },
    { .name = "jamstalldhet",
      .description = "jämställdhetsanalysen: hushållstyp i kartläggningen (årets och alla omgångar, per "
                     "boendesituation), förmedlade lägenheter och hur de avslutades per hushållstyp, SHIS "
                     "inflyttade per hushållstyp, kvinnor och män sida vid sida, och en sammanfattning att citera",
      .takes = OPT_YEAR, .requires = OPT_YEAR,
      .build = jamstalldhet_report, .demo = gender_demo },
    { .name = "shis-manad",
      .description = "SHIS månadsrapport till chefsnätverken: bestånd och beläggning med förändringen från "
                     "månaden före, beläggningen de senaste tolv månaderna, inflyttade i månaden och hittills i "
                     "år (totalt, via Bostadsförmedlingen och per remitterande stadsdel), avstämning mot "
                     "Bostadsförmedlingens genomgångsbostäder och återkomster inom tolv månader; utan --month "
                     "den senaste månaden i SHIS bestånd-export",
      .takes = OPT_MONTH, .requires = 0,
      .build = shis_manad_report, .demo = shis_demo },
    { .name = "uppfoljning",
      .description = "uppföljning: nyckeltal, pågående boenden per beställare och boendeform, avslutade per "
                     "avslutsorsak med andelen som hyresgästen tog över, tid till övertagande per kontraktsår, "
                     "och handläggarnas listor (försökslägenheter över tre år, boenden över ett år utan "
                     "kontrollstation); --year eller --through",
      .takes = OPT_YEAR | OPT_THROUGH, .requires = 0,
      .build = uppfoljning_report, .demo = followup_demo },
};
const size_t report_ndefs = ARRAY_LEN(report_defs);

const struct report_def *report_find(const char *name)
{
    for (size_t i = 0; i < report_ndefs; i++)
        if (strcmp(report_defs[i].name, name) == 0)
            return &report_defs[i];
    return NULL;
}

void report_synopsis(const struct report_def *d, struct strbuf *sb)
{
    const char *sep = "";
    for (size_t i = 0; i < report_noptions; i++) {
        const struct opt *o = &report_options[i];
        if (!(d->takes & (unsigned)o->id))
            continue;
        if (d->requires & (unsigned)o->id)
            sb_printf(sb, "%s%s %s", sep, o->name, o->arg);
        else
            sb_printf(sb, "%s[%s %s]", sep, o->name, o->arg);
        sep = " ";
    }
}

void report_args_options(struct strbuf *sb, const struct report_args *a)
{
    if (a->year)
        sb_printf(sb, " --year %d", a->year);
    if (a->tertial)
        sb_printf(sb, " --tertial %d", a->tertial);
    if (a->month)
        sb_printf(sb, " --month %s", a->month);
    if (a->through)
        sb_printf(sb, " --through %s", a->through);
}
