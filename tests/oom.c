/*
 * oom.c: fotstat under an allocator that fails the Nth allocation, for
 * every N up to the run's last allocation.
 *
 *   build/oom ROOT [SCENARIO...]
 *
 * OOM_STRIDE=K fails only every Kth allocation (make check's quick sweep;
 * make oom runs them all); OOM_AT=N fails just the Nth and shows its stderr.
 *
 * This program's own malloc, calloc and realloc (below, over glibc's
 * __libc_malloc, so every library fotstat loads calls them too) fail the
 * allocation struct alloc_fault names.  For
 * each scenario it counts the allocations of a clean run, then for every
 * N forks a child whose Nth allocation fails and which runs the scenario
 * through cli_main, as the fotstat binary does.  The parent checks that
 * each child
 *   - ends by exit, never by a signal (no crash, no abort);
 *   - either does what the clean run did (a library may recover), or
 *     exits 2 saying "slut på minne" on stderr;
 *   - leaves the database whole (integrity_check) and either as before
 *     the run or as after the clean run, never in between;
 *   - leaves --out with all of the clean run's files or none, and no
 *     temporary file.
 * Each scenario loads one file: files are loaded one by one, so a run of
 * several may rightly end with some loaded and some not.
 * One PASS or FAIL line per scenario, then "N passed, M failed".
 * Built without sanitizers: they bring their own allocator.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <dirent.h>
#include <fcntl.h>
#include <execinfo.h>
#include <signal.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Which allocation fails, and how many there were; in memory shared with the children. */
struct alloc_fault {
    long fail_at;       /* the allocation to fail, from 1; 0: none */
    long count;         /* allocations so far */
};
static struct alloc_fault *ctr;
static struct alloc_fault *counting;     /* ctr in a child running fotstat; NULL in this process */

/*
 * The allocator of this program: glibc's, counting every allocation in
 * ctr and failing the one it names.  Workbooks are written by a child
 * process of fotstat's (xlsx.c), which shares ctr too.
 */
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);

static int injected(void)
{
    return counting && __atomic_add_fetch(&counting->count, 1, __ATOMIC_SEQ_CST) == counting->fail_at;
}

void *malloc(size_t n)
{
    if (injected()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    if (injected()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    if (p && n == 0)
        return __libc_realloc(p, n);     /* frees p: nothing to fail */
    if (injected()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, n);
}

static const char *root;
static char work[64];

/* Runs one shell command ($W is the work folder, the cwd the source tree); exits if it fails. */
static void sh(const char *cmd)
{
    if (system(cmd) != 0) {
        fprintf(stderr, "oom: setup failed: %s\n", cmd);
        exit(2);
    }
}

/*
 * A digest of what the database holds: its files and its rows.  Opened for
 * writing, as the next run would: an interrupted transaction's journal is
 * rolled back first.  A file without tables is no database yet: "(none)".
 */
static void db_state(const char *path, char *out, size_t cap)
{
    sqlite3 *db;
    snprintf(out, cap, "(none)");
    if (access(path, F_OK) != 0 || sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return;
    if (sqlite3_exec(db, "SELECT 1 FROM source_file LIMIT 1", NULL, NULL, NULL) != SQLITE_OK &&
        sqlite3_exec(db, "SELECT 1 FROM sqlite_schema WHERE name = 'source_file'", NULL, NULL, NULL) == SQLITE_OK) {
        sqlite3_stmt *n;
        long tables = -1;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &n, NULL) == SQLITE_OK &&
            sqlite3_step(n) == SQLITE_ROW)
            tables = sqlite3_column_int64(n, 0);
        sqlite3_finalize(n);
        if (tables == 0) {
            sqlite3_close(db);
            return;
        }
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
            "SELECT ifnull((SELECT group_concat(name || ':' || rows_loaded, ',') FROM source_file), '') || '|' ||"
            " (SELECT count(*) FROM bf_formedling) || '|' || (SELECT count(*) FROM shis_placering) || '|' ||"
            " (SELECT count(*) FROM rejected_row) || '|' || (SELECT total(yta) FROM bf_formedling)",
            -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    else
        snprintf(out, cap, "(unreadable: %s)", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (strcmp(out, "|0|0|0|0.0") == 0)
        snprintf(out, cap, "(none)");     /* a schema without data: as good as no file */
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
        snprintf(out, cap, "(damaged)");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* Removes the files of dir and the folders in it (internt/), then dir. */
static void rm_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[512];
    if (!d)
        return;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            if (unlink(p) != 0)
                rm_dir(p);      /* internt/ */
        }
    closedir(d);
    rmdir(dir);
}

/* Copies from to to (or removes to if from does not exist); 0 or -1. */
static int copy_file(const char *from, const char *to)
{
    char buf[65536];
    size_t n;
    unlink(to);
    FILE *in = fopen(from, "rb");
    if (!in)
        return 0;
    FILE *out = fopen(to, "wb");
    int rc = out ? 0 : -1;
    while (out && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    if (out && fclose(out) != 0)
        rc = -1;
    fclose(in);
    return rc;
}

/* The names in dir, sorted, joined by spaces. */
static void dir_state(const char *dir, char *out, size_t cap)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (list[i]->d_name[0] != '.') {
            strncat(out, list[i]->d_name, cap - strlen(out) - 2);
            strncat(out, " ", cap - strlen(out) - 1);
        }
        free(list[i]);
    }
    if (n >= 0)
        free(list);
}

static int slurp_has(const char *path, const char *needle)
{
    char buf[8192];
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return strstr(buf, needle) != NULL;
}

/* In a child that crashes: where, on its stderr, for the failure's message. */
static void show_crash(int sig)
{
    void *frames[32];
    int n = backtrace(frames, 32);
    backtrace_symbols_fd(frames, n, STDERR_FILENO);
    int fd = open("/tmp/oom-crash.txt", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) { backtrace_symbols_fd(frames, n, fd); close(fd); }
    signal(sig, SIG_DFL);
    raise(sig);
}

struct scenario {
    const char *name;
    const char *setup;      /* shell: prepares $W/db */
    const char *args[16];   /* after "fotstat --db DB" */
    int out;                /* uses --out $W/ut */
};

/* Runs the scenario once in a child with the Nth allocation failing (0: none). */
static int child(const struct scenario *s, long n, const char *db, const char *ut, int *status)
{
    char *argv[24];
    int argc = 0;
    argv[argc++] = (char *)"fotstat";
    argv[argc++] = (char *)"--db";
    argv[argc++] = (char *)db;
    for (int i = 0; s->args[i]; i++)
        argv[argc++] = (char *)s->args[i];
    if (s->out) {
        argv[argc++] = (char *)"--out";
        argv[argc++] = (char *)ut;
    }
    argv[argc] = NULL;
    ctr->fail_at = n;
    ctr->count = 0;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        char path[128];
        snprintf(path, sizeof path, "%s/stdout", work);
        if (!freopen(path, "w", stdout))
            _exit(99);
        snprintf(path, sizeof path, "%s/stderr", work);
        if (!freopen(path, "w", stderr))
            _exit(99);
        setenv("PATH", "/nonexistent", 1);      /* charts: gnuplot is another process */
        signal(SIGABRT, show_crash);
        signal(SIGSEGV, show_crash);
        signal(SIGBUS, show_crash);
        ctr->count = 0;         /* from here: setting up the child is not fotstat's to count */
        counting = ctr;
        int rc = cli_main(argc, argv);
        fflush(NULL);
        _exit(rc);
    }
    int waited = pid > 0 && waitpid(pid, status, 0) == pid;
    ctr->fail_at = 0;       /* the parent's own allocations (checking the result) never fail */
    return waited ? 0 : -1;
}

static int run_scenario(const struct scenario *s)
{
    char db[128], ut[128];
    snprintf(db, sizeof db, "%s/db", work);
    snprintf(ut, sizeof ut, "%s/ut", work);
    sh("rm -rf \"$W/db\" \"$W/db-journal\" \"$W/ut\" \"$W/base.db\"");
    if (s->setup)
        sh(s->setup);
    sh("if [ -f \"$W/db\" ]; then cp \"$W/db\" \"$W/base.db\"; fi");

    /* The clean run: its result and how many allocations it makes. */
    int status;
    char before[512], after[512], files[1024], got[512], gotfiles[1024];
    db_state(db, before, sizeof before);
    if (child(s, 0, db, ut, &status) || !WIFEXITED(status)) {
        printf("FAIL oom_%s: the clean run did not finish\n", s->name);
        return 1;
    }
    int clean_rc = WEXITSTATUS(status);
    long total = ctr->count;
    db_state(db, after, sizeof after);
    dir_state(ut, files, sizeof files);

    long bad = 0, failed_runs = 0, recovered = 0;
    char first[2600] = "";
    const char *at = getenv("OOM_AT"), *every = getenv("OOM_STRIDE");
    long only = at ? atol(at) : 0;              /* one N, to look at it */
    long stride = every ? atol(every) : 1;
    if (stride < 1)
        stride = 1;
    long tried = 0;
    for (long n = only ? only : 1; n <= (only ? only : total); n += stride) {
        tried++;
        char journal[160], base[160];
        snprintf(journal, sizeof journal, "%s-journal", db);
        snprintf(base, sizeof base, "%s/base.db", work);
        unlink(journal);
        rm_dir(ut);
        if (copy_file(base, db))
            return 1;
        if (child(s, n, db, ut, &status))
            return 1;
        char why[1600] = "";
        char errpath[128];
        snprintf(errpath, sizeof errpath, "%s/stderr", work);
        db_state(db, got, sizeof got);
        dir_state(ut, gotfiles, sizeof gotfiles);
        if (only) {
            char show[256];
            snprintf(show, sizeof show, "cat \"%s\"", errpath);
            sh(show);
        }
        if (!WIFEXITED(status)) {
            snprintf(why, sizeof why, "killed by signal %d", WTERMSIG(status));
        } else if (WEXITSTATUS(status) == clean_rc && strcmp(got, after) == 0 &&
                   strcmp(gotfiles, files) == 0) {
            recovered++;        /* the failure was absorbed: the same result */
        } else if (WEXITSTATUS(status) != 2) {
            snprintf(why, sizeof why, "exit %d (clean run %d), database [%.200s], files [%.300s]",
                     WEXITSTATUS(status), clean_rc, got, gotfiles);
        } else if (!slurp_has(errpath, "slut på minne") && !slurp_has(errpath, "minnesbrist")) {
            snprintf(why, sizeof why, "exit 2 without saying it ran out of memory");
        } else if (strcmp(got, before) != 0 && strcmp(got, after) != 0) {
            snprintf(why, sizeof why, "database neither before nor after: [%s]", got);
        } else if (gotfiles[0] && strcmp(gotfiles, files) != 0) {
            snprintf(why, sizeof why, "--out holds [%s]", gotfiles);
        } else {
            failed_runs++;
        }
        if (why[0]) {
            if (!bad++) {
                char err[600] = "";
                FILE *f = fopen(errpath, "r");
                if (f) {
                    size_t k = fread(err, 1, sizeof err - 1, f);
                    err[k] = '\0';
                    fclose(f);
                }
                snprintf(first, sizeof first, "allocation %ld of %ld: %s; stderr: %.300s", n, total, why, err);
            }
        }
    }
    if (bad) {
        printf("FAIL oom_%s: %ld of %ld failing allocations went wrong; first: %s\n", s->name, bad, tried, first);
        return 1;
    }
    if (stride == 1)
        printf("PASS oom_%s: each of %ld allocations failed in turn: %ld runs said \"slut på minne\" and "
               "changed nothing, %ld recovered\n", s->name, total, failed_runs, recovered);
    else
        printf("PASS oom_%s: every %ld. of %ld allocations failed in turn (%ld runs): %ld said \"slut på "
               "minne\" and changed nothing, %ld recovered\n", s->name, stride, total, tried, failed_runs,
               recovered);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s ROOT [SCENARIO...]\n", argv[0]);
        return 2;
    }
    root = argv[1];
    void *warm[1];
    backtrace(warm, 1);         /* loads what backtrace needs before any allocation fails */
    ctr = mmap(NULL, sizeof *ctr, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (ctr == MAP_FAILED)
        return 2;
    snprintf(work, sizeof work, "/tmp/fotstat-oom-XXXXXX");
    if (!mkdtemp(work))
        return 2;
    char key[128];
    snprintf(key, sizeof key, "%s/nyckel", work);
    setenv("FOTSTAT_KEY_FILE", key, 1);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    setenv("W", work, 1);

    static const struct scenario scenarios[] = {
        { "ingest_new_database", NULL,
          { "ingest", "tests/oom/pl.csv", NULL }, 0 },     /* migrations, the key, pseudonyms */
        { "ingest_replacing_rows", "./fotstat --db \"$W/db\" ingest tests/oom/bf.csv >/dev/null 2>&1; [ $? -le 1 ]",
          { "ingest", "tests/oom/bf-later.csv", NULL }, 0 },
        { "report_arsmal_out", "./fotstat --db \"$W/db\" ingest data/arsmal.csv tests/oom/bf.csv >/dev/null 2>&1; [ $? -le 1 ]",
          { "report", "arsmal", "--year", "2021", NULL }, 1 },
        { "report_uppfoljning_csv", "./fotstat --db \"$W/db\" ingest tests/oom/bf.csv tests/oom/pl.csv >/dev/null 2>&1; [ $? -le 1 ]",
          { "report", "uppfoljning", "--year", "2021", "--format", "csv", NULL }, 0 },
    };
    if (chdir(root) != 0)
        return 2;
    int passed = 0, failed = 0;
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        int want = argc == 2;
        for (int a = 2; a < argc; a++)
            want |= strcmp(argv[a], scenarios[i].name) == 0;
        if (!want)
            continue;
        if (run_scenario(&scenarios[i]))
            failed++;
        else
            passed++;
    }
    sh("rm -rf \"$W\"");
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
