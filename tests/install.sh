#!/bin/sh
# install.sh: fotstat installed like a Unix tool.  One PASS or FAIL line per
# test, then "N passed, M failed".
#
#   sh tests/install.sh        (make check runs it)
#
# Installs into a temporary DESTDIR, runs the installed binary from outside
# the source tree with nothing pointing at it (demo and a report), checks
# the manual page with groff -ww, compares the options and environment it
# lists with --help, tries the bash completion, and uninstalls.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck disable=SC2034   # read by tests/harness.sh
HARNESS=install
# shellcheck source=tests/harness.sh
. "$ROOT/tests/harness.sh"
D=$WORK/dest
P=/usr/local
BIN=$D$P/bin/fotstat
# The installed program, run from an empty folder, with no variable of ours set.
fot() { (cd "$WORK/elsewhere" && env -u FOTSTAT_DATADIR -u FOTSTAT_DATA -u FOTSTAT_DB -u FOTSTAT_KEY_FILE "$BIN" "$@"); }

t_install_puts_every_file_in_place() {
    make -s -C "$ROOT" install DESTDIR="$D" PREFIX="$P" >"$WORK/log" 2>&1 || { fail "make install: $(tail -3 "$WORK/log")"; return; }
    for f in bin/fotstat share/fotstat/arsmal.csv share/fotstat/reference.sql share/man/man1/fotstat.1 \
             share/bash-completion/completions/fotstat; do
        [ -f "$D$P/$f" ] || fail "missing $P/$f"
    done
    [ "$(ls "$D$P/share/fotstat/sample" | wc -l)" = "$(ls "$ROOT/data/sample" | wc -l)" ] || fail "the sample exports"
    [ -x "$BIN" ] || fail "not executable"
}

t_installed_binary_uses_installed_data() {
    mkdir -p "$WORK/elsewhere"
    # The build tree is out of reach: the program finds its data beside itself.
    fot --version >"$WORK/v" 2>&1 || fail "--version"
    grep -q "^data: $D$P/bin/../share/fotstat$" "$WORK/v" || fail "data from $(grep '^data' "$WORK/v")"
    fot demo --out ut >"$WORK/out" 2>&1 || fail "demo: $(tail -3 "$WORK/out")"
    [ -f "$WORK/elsewhere/ut/arsmal-2021-10.xlsx" ] || fail "demo wrote $(ls "$WORK/elsewhere/ut" | head -3)"
    fot --db ut/fotstat-demo.db report arsmal --year 2021 --format csv >"$WORK/out" 2>&1 || fail "report"
    grep -q "^arsmal,Totalt,Förmedlade,386" "$WORK/out" || fail "report figures: $(head -3 "$WORK/out")"
    # And $FOTSTAT_DATADIR comes first.
    (cd "$WORK/elsewhere" && FOTSTAT_DATADIR=/nonexistent "$BIN" demo --out ut2 >"$WORK/out" 2>&1) && fail "FOTSTAT_DATADIR ignored"
}

t_version_names_every_library() {
    for lib in "^fotstat [0-9]" "^SQLite [0-9]" "^libxlsxwriter [0-9]" "^libcsv [0-9]" "^libsodium [0-9]" "^GLPK [0-9]" "^gnuplot "; do
        grep -q "$lib" "$WORK/v" || fail "--version lacks $lib"
    done
}

t_manual_page_formats_without_warnings() {
    groff -k -ww -man -Tutf8 -P-cbou "$D$P/share/man/man1/fotstat.1" >"$WORK/man.txt" 2>"$WORK/man.err" || fail "groff failed"
    [ -s "$WORK/man.err" ] && fail "groff: $(head -3 "$WORK/man.err")"
    for s in NAMN SYNOPSIS BESKRIVNING KOMMANDON RAPPORTER FLAGGOR MILJÖ FILER SLUTSTATUS EXEMPEL; do
        grep -q "^$s" "$WORK/man.txt" || fail "no section $s"
    done
    MANPATH=$D$P/share/man man -w fotstat >/dev/null 2>&1 || fail "man does not find it under MANPATH"
}

# The options and variables the manual lists are those --help lists.
t_manual_in_step_with_help() {
    { fot --help; for c in ingest status report demo; do fot "$c" --help; done; } >"$WORK/help.txt" 2>&1
    opts() { grep -o -- '--[a-z][a-z-]*' "$1" | sort -u; }
    vars() { grep -o 'FOTSTAT_[A-Z_]*\|SOURCE_DATE_EPOCH' "$1" | sort -u; }
    sed 's/\\-/-/g' "$D$P/share/man/man1/fotstat.1" >"$WORK/man.src"
    [ "$(opts "$WORK/help.txt")" = "$(opts "$WORK/man.src")" ] ||
        fail "options differ: $(opts "$WORK/help.txt" >"$WORK/a"; opts "$WORK/man.src" >"$WORK/b"; diff "$WORK/a" "$WORK/b" | grep '^[<>]' | tr '\n' ' ')"
    # The manual may say more (FOTSTAT_PROFILE is for developers), never less.
    for v in $(vars "$WORK/help.txt"); do grep -q "$v" "$WORK/man.src" || fail "the manual lacks $v"; done
}

t_bash_completion() {
    got=$(bash -c '. "$1"; t() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _fotstat; echo "${COMPREPLY[*]}"; }
        t fotstat ""; t fotstat report ""; t fotstat report tertial --ter; t fotstat report tertial --tertial "";
        t fotstat --db x.db report arsmal --format ""; t fotstat ingest --s; t fotstat report arsmal --as' _ \
        "$D$P/share/bash-completion/completions/fotstat" 2>&1)
    want="ingest status report demo --db --help --version
arsmal tertial kartlaggning jamstalldhet shis-manad uppfoljning --help
--tertial
1 2 3
text csv
--strict
--as-of"
    [ "$got" = "$want" ] || fail "completion: got [$(echo "$got" | tr '\n' '|')]"
    # Every report of the program is offered.
    for r in $(fot report --help | sed -n 's/^  \([a-z-]*\) .*/\1/p; s/^  \([a-z-]*\)$/\1/p' | grep -v '^-'); do
        echo "$got" | grep -qw -- "$r" || fail "completion lacks report $r"
    done
    # A file or folder name with blanks, as exports saved from Windows have, is one
    # candidate, not one a word; a glob character in a name is not expanded.
    mkdir -p "$WORK/names/ut mapp" && : >"$WORK/names/Bf export 2021.csv" && : >"$WORK/names/bf*.csv"
    got=$(cd "$WORK/names" && bash -c '. "$1"; t() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _fotstat; printf "[%s]" "${COMPREPLY[@]}"; echo; }
        t fotstat ingest Bf; t fotstat ingest bf; t fotstat report arsmal --out ut' _ \
        "$D$P/share/bash-completion/completions/fotstat" 2>&1)
    want="[Bf export 2021.csv]
[bf*.csv]
[ut mapp]"
    [ "$got" = "$want" ] || fail "names with blanks: got [$(echo "$got" | tr '\n' '|')]"
}

t_uninstall_removes_it_all() {
    make -s -C "$ROOT" uninstall DESTDIR="$D" PREFIX="$P" >"$WORK/log" 2>&1 || fail "make uninstall"
    left=$(find "$D" -type f | sed "s|^$D||")
    [ -z "$left" ] || fail "left: $left"
}

for t in t_install_puts_every_file_in_place t_installed_binary_uses_installed_data t_version_names_every_library \
         t_manual_page_formats_without_warnings t_manual_in_step_with_help t_bash_completion t_uninstall_removes_it_all; do
    run_test "$t"
done
harness_end
