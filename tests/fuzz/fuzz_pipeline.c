/*
 * fuzz_pipeline.c: libFuzzer harness for the whole path: bytes in, through
 * a database, to every report's text, CSV, workbook and HTML.
 *
 * The input is up to four export files separated by a line "#-#-#"; each
 * is ingested as fotstat ingest does it, into a fresh database, and then
 * every report is run for 2021 (the seeds' year) with --out, charts left
 * out (no gnuplot on PATH: an external program is not fuzzed here).  Run
 * with -close_fd_mask=3: fotstat's own messages are not the fuzzer's.
 * Never a crash; every exit status is 0, 1 or 2; the database stays whole.
 */
#define _GNU_SOURCE     /* memmem */
#include "cli.h"
#include "common/strbuf.h"
#include "transform/registry.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], db[96], out[96];

static void setup(void)
{
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/fotstat-fuzz-XXXXXX", base);
    if (!mkdtemp(dir))
        abort();
    snprintf(db, sizeof db, "%s/f.db", dir);
    snprintf(out, sizeof out, "%s/ut", dir);
    char key[96];
    snprintf(key, sizeof key, "%s/nyckel", dir);
    setenv("FOTSTAT_KEY_FILE", key, 1);
    setenv("PATH", "/nonexistent", 1);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    setenv("FOTSTAT_BUSY_TIMEOUT", "0", 1);
}

static void remove_outputs(void)
{
    DIR *d = opendir(out);
    struct dirent *e;
    char p[512];
    if (!d)
        return;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') {
            snprintf(p, sizeof p, "%s/%s", out, e->d_name);
            unlink(p);
        }
    closedir(d);
}

/* cli_main on a NULL-terminated list (it does not write to the strings). */
static int run(const char **args)
{
    char *argv[16];
    int argc = 0;
    while (argc < 15 && args[argc]) {
        argv[argc] = (char *)args[argc];
        argc++;
    }
    argv[argc] = NULL;
    int rc = cli_main(argc, argv);
    if (rc < 0 || rc > 2)
        abort();
    return rc;
}

static void check_whole(void)
{
    sqlite3 *h;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        abort();
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
        abort();
    sqlite3_finalize(st);
    sqlite3_close(h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char sep[] = "\n#-#-#\n";
    if (!dir[0])
        setup();
    unlink(db);
    char files[4][96];
    const char *argv[16] = { "fotstat", "--db", db, "ingest" };
    int argc = 4, nfiles = 0;
    const uint8_t *p = data, *end = data + size;
    while (nfiles < 4) {
        const uint8_t *next = memmem(p, (size_t)(end - p), sep, sizeof sep - 1);
        const uint8_t *stop = next && nfiles < 3 ? next + 1 : end;   /* the file keeps its '\n' */
        snprintf(files[nfiles], sizeof files[nfiles], "%s/%d.csv", dir, nfiles);
        FILE *f = fopen(files[nfiles], "wb");
        if (!f)
            abort();
        fwrite(p, 1, (size_t)(stop - p), f);
        fclose(f);
        argv[argc++] = files[nfiles++];
        if (stop == end)
            break;
        p = next + sizeof sep - 1;
    }
    argv[argc] = NULL;
    run(argv);
    if (access(db, F_OK) != 0)
        return 0;
    check_whole();
    /* Every report of the registry, in its first demo run (the sample's 2021 or a month of it). */
    for (size_t r = 0; r < report_ndefs; r++) {
        struct strbuf words = STRBUF_INIT;
        sb_adds(&words, report_defs[r].name);
        report_args_options(&words, &report_defs[r].demo[0]);
        const char *a[16] = { "fotstat", "--db", db, "report" };
        int n = 4;
        for (char *w = strtok(words.buf, " "); w && n < 12; w = strtok(NULL, " "))
            a[n++] = w;
        a[n++] = "--out";
        a[n++] = out;
        a[n] = NULL;
        run(a);                 /* text on stdout, and the files under --out */
        remove_outputs();
        a[n - 2] = "--format";
        a[n - 1] = "csv";
        run(a);
        sb_free(&words);
    }
    const char *st[] = { "fotstat", "--db", db, "status", NULL };
    run(st);
    return 0;
}
