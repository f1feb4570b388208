/*
 * output.c: report files written atomically (output.h).
 */
#include "report/output.h"
#include "report/csvout.h"
#include "report/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *output_path(const struct report *rep, const char *dir, const char *suffix)
{
    struct strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s/%s-%s%s", dir, rep->name, rep->period, suffix);
    return sb_detach(&sb);
}

int output_commit(const char *tmp, const char *final, struct strbuf *err)
{
    if (rename(tmp, final) == 0)
        return 0;
    sb_printf(err, "kan inte skriva \"%s\": %s", final, strerror(errno));
    unlink(tmp);
    return -1;
}

int output_csv(const struct report *rep, const char *dir, struct strbuf *err)
{
    char *final = output_path(rep, dir, ".csv");
    char *tmp = output_path(rep, dir, ".csv.tmp");
    int rc = -1;
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        sb_printf(err, "kan inte skriva \"%s\": %s", tmp, strerror(errno));
        goto done;
    }
    int bad = csv_write_report(f, rep);
    if (fclose(f) != 0 || bad) {
        sb_printf(err, "kan inte skriva \"%s\"", tmp);
        unlink(tmp);
        goto done;
    }
    rc = output_commit(tmp, final, err);
done:
    free(final);
    free(tmp);
    return rc;
}

int output_xlsx(const struct report *rep, const char *dir, long long created, struct strbuf *err)
{
    char *final = output_path(rep, dir, ".xlsx");
    char *tmp = output_path(rep, dir, ".xlsx.tmp");
    int rc = xlsx_write_report(rep, tmp, created, err);
    if (rc == 0)
        rc = output_commit(tmp, final, err);
    else
        unlink(tmp);
    free(final);
    free(tmp);
    return rc;
}
