/*
 * xlsxwall.c: libxlsxwriter behind one wall (xlsx.h): everything fotstat
 * must do because of how libxlsxwriter behaves is here, with the reason;
 * xlsx.c fills the workbook as if none of it were so.
 */
#include "report/xlsx.h"
#include "common/util.h"
#include "report/xlsxwall.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * libxlsxwriter's failure in Swedish.  sys_errno is errno just after it,
 * which names the cause of a failed file operation (0 if none).
 */
static const char *lxw_error_sv(lxw_error e, int sys_errno)
{
    static char buf[160];
    const char *what;
    switch (e) {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
    /*
     * libxlsxwriter answers this when its table of shared strings could not
     * grow (lxw_get_sst_index returned NULL): fotstat writes no string it
     * would refuse otherwise.
     */
    case LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND:
        return "slut på minne";
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
        return "en text är längre än Excels gräns på 32 767 tecken";
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
        return "en tabell är större än ett Excel-blad";
    case LXW_ERROR_CREATING_XLSX_FILE:
        what = "kan inte skapa filen";
        break;
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
        what = "kan inte använda tillfälliga filer (i $TMPDIR eller /tmp)";
        break;
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
        what = "kan inte skriva filens innehåll";
        break;
    default:
        snprintf(buf, sizeof buf, "oväntat fel i libxlsxwriter (kod %d)", (int)e);
        return buf;
    }
    if (!sys_errno)
        return what;
    snprintf(buf, sizeof buf, "%s: %s", what, errno_sv(sys_errno));
    return buf;
}

/*
 * Why libxlsxwriter could not write path when it left no errno: it fails
 * the same way out of memory as for a file it cannot make.  If the file can
 * be made and written here, memory was the cause (ENOMEM); else the
 * system's reason.
 */
static int probe_cause(const char *path)
{
    static const char block[65536];
    errno = 0;
    FILE *f = fopen(path, "wb");
    if (!f)
        return errno ? errno : ENOMEM;
    int ok = fwrite(block, 1, sizeof block, f) == sizeof block;
    int e = errno;
    if (fclose(f) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    remove(path);
    FILE *t = ok ? tmpfile() : NULL;     /* libxlsxwriter's parts go through tmpfile() */
    if (ok && !t)
        return errno ? errno : ENOMEM;
    if (t)
        fclose(t);
    return ok ? ENOMEM : (e ? e : EIO);
}

/* What the child that wrote a workbook tells its parent. */
struct outcome {
    lxw_error closed;       /* workbook_close's answer */
    int sys_errno;          /* errno just after it, or probe_cause's */
    lxw_error cell;         /* the first cell refused (cell_err) */
};


/* Writes the workbook at path (in the child); what came of it in *o. */
static void write_workbook(const struct report *rep, enum xlsx_part part, const char *path,
                           long long created, struct outcome *o)
{
    /*
     * The internal workbook, with a row for every contract or arrangement
     * it lists, is written row by row and flushed as it goes (xlsx.c
     * writes every sheet in row order), its strings inline: no tree of
     * cells and no table of shared strings to build first.
     */
    lxw_workbook_options opt = { part == XLSX_INTERNAL, NULL, 0 };
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    if (!wb)
        die_oom();
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = rep->title;
    static char author[] = "fotstat";
    props.author = author;
    props.company = rep->organisation ? rep->organisation : author;
    props.created = (time_t)created;
    if (workbook_set_properties(wb, &props) == LXW_ERROR_MEMORY_MALLOC_FAILED)
        die_oom();      /* a property left unset would crash workbook_close */
    o->cell = xlsx_fill(wb, rep, part);
    errno = 0;
    o->closed = workbook_close(wb);
    o->sys_errno = errno;
    if (o->closed != LXW_NO_ERROR && o->sys_errno == 0)
        o->sys_errno = probe_cause(path);
}

/*
 * libxlsxwriter behind one wall: the workbook is written by a child
 * process, because of three things libxlsxwriter does.  It prints numbers
 * with sprintf, so the child's LC_NUMERIC is "C" whatever the user's is.
 * It prints its failures on stderr in English, so the child's stderr is
 * /dev/null: fotstat says what failed, in Swedish.  And it does not check
 * every allocation: out of memory, the child ends (xlsx.c's need, die_oom) or
 * crashes, and the run ends with "slut på minne" here, the file being a
 * temporary one of the output set that the parent removes.  The parent's
 * locale, stderr and memory are never touched.  The child tells what came
 * of it through a pipe and leaves by _exit: nothing of the parent's
 * (stdio buffers, database connections, scratch files) is flushed,
 * closed or removed twice.
 */
int xlsx_start(const struct report *rep, enum xlsx_part part, const char *path,
               const char *shown, long long created, struct xlsx_job *job, struct strbuf *err)
{
    int fd[2];
    job->pid = -1;
    job->fd = -1;
    job->shown = shown;
    if (pipe(fd) != 0) {
        sb_printf(err, "kan inte skriva arbetsboken \"%s\": %s", shown, errno_sv(errno));
        return -1;
    }
    /* Neither end to the programs the parent starts meanwhile (gnuplot). */
    fcntl(fd[0], F_SETFD, FD_CLOEXEC);
    fcntl(fd[1], F_SETFD, FD_CLOEXEC);
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        scratch_forget();       /* the parent's to remove */
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, STDERR_FILENO);
        setlocale(LC_NUMERIC, "C");
        struct outcome o;
        write_workbook(rep, part, path, created, &o);
        _exit(write(fd[1], &o, sizeof o) == (ssize_t)sizeof o ? 0 : 3);
    }
    close(fd[1]);
    if (pid < 0) {
        close(fd[0]);
        sb_printf(err, "kan inte skriva arbetsboken \"%s\": %s", shown, errno_sv(errno));
        return -1;
    }
    scratch_child_add(pid);
    job->pid = pid;
    job->fd = fd[0];
    return 0;
}

/* Waits for the child of job (and forgets it); its status into *status, what it said into *o. */
static ssize_t job_wait(struct xlsx_job *job, struct outcome *o, int *status)
{
    ssize_t got;
    while ((got = read(job->fd, o, sizeof *o)) < 0 && errno == EINTR)
        ;
    close(job->fd);
    while (waitpid(job->pid, status, 0) < 0 && errno == EINTR)
        ;
    scratch_child_remove(job->pid);
    job->pid = -1;
    job->fd = -1;
    return got;
}

int xlsx_finish(struct xlsx_job *job, struct strbuf *err)
{
    struct outcome o;
    int status;
    const char *shown = job->shown;
    ssize_t got = job_wait(job, &o, &status);
    if (got == (ssize_t)sizeof o && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        if (o.closed != LXW_NO_ERROR)
            sb_printf(err, "kan inte skriva arbetsboken \"%s\": %s", shown, lxw_error_sv(o.closed, o.sys_errno));
        else if (o.cell != LXW_NO_ERROR)
            sb_printf(err, "kan inte skriva arbetsboken \"%s\": %s", shown, lxw_error_sv(o.cell, 0));
        return err->len ? -1 : 0;
    }
    if (WIFSIGNALED(status))
        sb_printf(err, "kan inte skriva arbetsboken \"%s\": libxlsxwriter avbröts (signal %d), "
                       "troligen av slut på minne", shown, WTERMSIG(status));
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 2)     /* die_oom's */
        sb_printf(err, "kan inte skriva arbetsboken \"%s\": slut på minne", shown);
    else
        sb_printf(err, "kan inte skriva arbetsboken \"%s\": skrivningen avbröts (status %d)", shown,
                  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return -1;
}

void xlsx_cancel(struct xlsx_job *job)
{
    if (job->pid <= 0)
        return;
    kill(job->pid, SIGKILL);
    struct outcome o;
    int status;
    job_wait(job, &o, &status);
}

int xlsx_write_report(const struct report *rep, enum xlsx_part part, const char *path,
                      const char *shown, long long created, struct strbuf *err)
{
    struct xlsx_job job;
    return xlsx_start(rep, part, path, shown, created, &job, err) ? -1 : xlsx_finish(&job, err);
}
