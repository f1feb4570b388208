/*
 * opt.c: command-line options from a table (opt.h).
 */
#include "common/opt.h"
#include "common/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const struct opt *opt_find(const struct opt *opts, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(opts[i].name, name) == 0)
            return &opts[i];
    return NULL;
}

const struct opt *opt_next(struct opt_scan *s, const char **value, struct strbuf *err)
{
    *value = NULL;
    if (s->i >= s->argc || s->argv[s->i][0] != '-' || s->argv[s->i][1] == '\0')
        return NULL;
    const char *word = s->argv[s->i++];
    if (strcmp(word, "--") == 0)
        return NULL;
    const char *eq = strncmp(word, "--", 2) == 0 ? strchr(word, '=') : NULL;
    char *name = eq ? xstrndup(word, (size_t)(eq - word)) : NULL;
    const struct opt *o = opt_find(s->opts, s->nopts, name ? name : word);
    free(name);
    if (!o) {
        sb_printf(err, "okänd flagga \"%s\"", word);
        return NULL;
    }
    if (!o->arg && eq) {
        sb_printf(err, "%s tar inget värde", o->name);
        return NULL;
    }
    if (o->arg && eq) {
        *value = eq + 1;
    } else if (o->arg) {
        if (s->i >= s->argc) {
            sb_printf(err, "%s kräver ett värde", o->name);
            return NULL;
        }
        *value = s->argv[s->i++];
    }
    return o;
}

int opt_wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    }
    return 0;
}

void opt_wrap(struct strbuf *sb, const char *text, int indent)
{
    size_t col = 0;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *word = xstrndup(p, n);
        size_t w = utf8_width(word);
        free(word);
        if (col == 0 || col + 1 + w > 78) {
            if (col)
                sb_addc(sb, '\n');
            sb_printf(sb, "%*s", indent, "");
            col = (size_t)indent;
        } else {
            sb_addc(sb, ' ');
            col++;
        }
        sb_add(sb, p, n);
        col += w;
        p += n;
        while (*p == ' ')
            p++;
    }
    sb_addc(sb, '\n');
}

void opt_help(struct strbuf *sb, const struct opt *opts, size_t n, int col)
{
    for (size_t k = 0; k < n; k++) {
        struct strbuf head = STRBUF_INIT, rest = STRBUF_INIT;
        sb_printf(&head, "  %s%s%s", opts[k].name, opts[k].arg ? " " : "", opts[k].arg ? opts[k].arg : "");
        size_t w = utf8_width(head.buf);
        opt_wrap(&rest, opts[k].help, col);
        if (w + 1 > (size_t)col)   /* too long to share its first line: the help below it */
            sb_printf(sb, "%s\n%s", head.buf, rest.buf);
        else
            sb_printf(sb, "%s%*s%s", head.buf, (int)((size_t)col - w), "", rest.buf + col);
        sb_free(&rest);
        sb_free(&head);
    }
}

int opt_whole(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}
