# fotstat: the build.
#
#   make            build ./fotstat (installs missing Debian packages as root)
#   make demo       the whole pipeline on the shipped sample exports
#   make check      every test, plain and under ASan+UBSan
#   make bench      ingest speed and memory
#   make fuzz       the libFuzzer harnesses, FUZZ_SECONDS each (default 60)
#   make oom        fail each allocation in turn, every one (make check: every 9th)
#   make valgrind   the end-to-end tests under valgrind's memcheck
#   make analyze    cppcheck, gcc's -fanalyzer and clang's analyser over the C, shellcheck over the scripts
#   make sample     regenerate data/sample/ from tools/gensample.c
#   make install    PREFIX (/usr/local) and DESTDIR; make uninstall
#   make clean

CC      ?= gcc
VERSION := 0.1.0

# Where make install puts it (DESTDIR in front of each, for packaging).
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/fotstat
MANDIR  ?= $(PREFIX)/share/man
COMPDIR ?= $(PREFIX)/share/bash-completion/completions
PKGS    := sqlite3 xlsxwriter libsodium

WARN    := -std=c17 -Wall -Wextra -Wpedantic -Wstrict-prototypes \
           -Wmissing-prototypes -Wwrite-strings -Wvla -Wshadow -Wformat=2 \
           -Wundef -fno-common -Werror
CPPFLAGS += -pthread -D_POSIX_C_SOURCE=200809L -DFOTSTAT_VERSION='"$(VERSION)"' \
            -DFOTSTAT_DATADIR='"$(DATADIR)"' -I.
CFLAGS  ?= -O2 -g
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

DEPS_OK := build/.deps-ok

SRC := $(sort $(wildcard common/*.c ingest/*.c transform/*.c report/*.c run/*.c)) cli.c commands.c
SQL := data/schema.sql data/reference.sql $(sort $(wildcard data/migrations/*.sql)) \
       $(wildcard ingest/sql/*.sql) \
       $(wildcard transform/sql/*.sql)
HDR := $(wildcard common/*.h ingest/*.h transform/*.h report/*.h run/*.h) cli.h commands.h
UNIT := $(wildcard tests/unit_*.c) tests/unit.c

all: fotstat

$(DEPS_OK): tools/deps.sh
	@sh tools/deps.sh
	@mkdir -p build && touch $@

LIBS = $(shell pkg-config --libs $(PKGS)) -lcsv -lglpk -lm -pthread

build/embedded_sql.c: tools/embed.sh $(SQL) | $(DEPS_OK)
	@mkdir -p build
	sh tools/embed.sh $(SQL) > $@.tmp && mv $@.tmp $@

# Release objects and the tool.
build/rel/%.o: %.c $(HDR) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c $< -o $@

build/rel/embedded_sql.o: build/embedded_sql.c common/embedded.h
	$(CC) $(CPPFLAGS) $(WARN) -Wno-overlength-strings $(CFLAGS) -c $< -o $@

REL_OBJ := $(SRC:%.c=build/rel/%.o) build/rel/embedded_sql.o

fotstat: $(REL_OBJ) build/rel/main.o
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

# Test objects: -DTESTING opens the tests' hooks (sha256_force_portable); the san variant adds ASan+UBSan.
build/test/%.o: %.c $(HDR) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DTESTING $(WARN) -O1 -g -c $< -o $@
build/san/%.o: %.c $(HDR) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DTESTING $(WARN) -O1 -g $(SAN) -c $< -o $@
build/test/embedded_sql.o: build/embedded_sql.c
	$(CC) $(CPPFLAGS) $(WARN) -Wno-overlength-strings -O1 -g -c $< -o $@
build/san/embedded_sql.o: build/embedded_sql.c
	$(CC) $(CPPFLAGS) $(WARN) -Wno-overlength-strings -O1 -g $(SAN) -c $< -o $@

TEST_OBJ := $(SRC:%.c=build/test/%.o) build/test/embedded_sql.o
SAN_OBJ  := $(SRC:%.c=build/san/%.o) build/san/embedded_sql.o

build/unit: $(TEST_OBJ) $(UNIT:%.c=build/test/%.o)
	$(CC) -g -o $@ $^ $(LIBS)
build/unit-san: $(SAN_OBJ) $(UNIT:%.c=build/san/%.o)
	$(CC) -g $(SAN) -o $@ $^ $(LIBS)
build/fotstat-san: $(SAN_OBJ) build/san/main.o
	$(CC) -g $(SAN) -o $@ $^ $(LIBS)

# Allocation-failure injection: its own malloc, so no sanitizer.
build/oom: $(TEST_OBJ) build/test/tests/oom.o
	$(CC) -g -o $@ $^ $(LIBS)

oom: fotstat build/oom
	@build/oom .

valgrind: fotstat
	@sh tests/valgrind.sh

analyze: | $(DEPS_OK)
	@sh tests/analyze.sh

build/gensample: tools/gensample.c | $(DEPS_OK)
	$(CC) $(CPPFLAGS) $(WARN) -O2 -o $@ $<

# The libFuzzer harnesses: clang, with ASan and UBSan; every object but main.
FUZZ     := csv row pnr pipeline
FUZZ_CC  := clang
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_OBJ := $(SRC:%.c=build/fuzz/%.o) build/fuzz/embedded_sql.o
FUZZ_SECONDS ?= 60

build/fuzz/%.o: %.c $(HDR) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(WARN) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@
build/fuzz/embedded_sql.o: build/embedded_sql.c
	$(FUZZ_CC) $(CPPFLAGS) $(WARN) -Wno-overlength-strings -O1 -g $(FUZZ_SAN) -c $< -o $@
build/fuzz/fuzz_%: $(FUZZ_OBJ) build/fuzz/tests/fuzz/fuzz_%.o
	$(FUZZ_CC) -g $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LIBS)

# Kept between runs, not removed as make's intermediate files.
.SECONDARY: $(FUZZ_OBJ) $(FUZZ:%=build/fuzz/tests/fuzz/fuzz_%.o)

fuzz: $(FUZZ:%=build/fuzz/fuzz_%)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ)

# make check builds what the tests run (on every core), then runs them in
# two lanes (tests/run.sh), and says how long it all took.
CHECK_BUILD := fotstat build/unit build/unit-san build/fotstat-san build/gensample build/oom \
               $(FUZZ:%=build/fuzz/fuzz_%)
check: | $(DEPS_OK)
	@t0=$$(date +%s); $(MAKE) --no-print-directory -j$$(nproc) $(CHECK_BUILD) && \
	    FOTSTAT_CHECK_START=$$t0 sh tests/run.sh

demo: fotstat
	rm -rf demo-ut
	./fotstat demo --out demo-ut

sample: build/gensample
	./build/gensample data/sample

bench: fotstat build/gensample
	@sh tests/bench.sh

# The program finds its data beside it (BIN/../share/fotstat) wherever it
# is installed, then in DATADIR, then in $FOTSTAT_DATADIR first of all.
install: fotstat
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/sample $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPDIR)
	install -m 755 fotstat $(DESTDIR)$(BINDIR)/fotstat
	install -m 644 data/arsmal.csv data/reference.sql $(DESTDIR)$(DATADIR)/
	install -m 644 data/sample/*.csv $(DESTDIR)$(DATADIR)/sample/
	install -m 644 doc/fotstat.1 $(DESTDIR)$(MANDIR)/man1/fotstat.1
	install -m 644 completion/fotstat $(DESTDIR)$(COMPDIR)/fotstat

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/fotstat $(DESTDIR)$(MANDIR)/man1/fotstat.1 $(DESTDIR)$(COMPDIR)/fotstat
	rm -f $(DESTDIR)$(DATADIR)/arsmal.csv $(DESTDIR)$(DATADIR)/reference.sql $(DESTDIR)$(DATADIR)/sample/*.csv
	-rmdir $(DESTDIR)$(DATADIR)/sample $(DESTDIR)$(DATADIR)

clean:
	rm -rf build fotstat demo.db demo.db-wal demo.db-shm demo-ut

.PHONY: all check demo sample bench clean fuzz oom valgrind analyze install uninstall
