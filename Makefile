# bulletin: the monthly bulletin of 乐清市's emerging-industry programme.
#
#   make run     install missing Debian packages (as root), build, make the sample bulletin
#   make check   install missing Debian packages (as root), build, run every test twice:
#                once plainly, once under AddressSanitizer + UBSan
#   make check-oom [OOM_STRIDE=1]   fail every allocation of a sample run in turn
#   make bench   every figure of docs/performance.md (stage times, MB/s, peak RSS, pages,
#                100 bulletins on two cores, ReportLab beside it) in one run, under 5 minutes
#   make fuzz [FUZZ_SECONDS=60]   build the libFuzzer harnesses of tests/fuzz with clang
#                into build/fuzz/ and run each for FUZZ_SECONDS (not part of check)
#   make install [PREFIX=/usr/local] [DESTDIR=]   the program, its data and man page
#   make uninstall [PREFIX=/usr/local] [DESTDIR=]
#
# Plain GNU make, C11.  Sources are found by wildcard: a new .c under src/ is built
# without touching this file; a new tests/check_*.c becomes its own test program.

PERIOD   ?= 2015-09
# The sample bulletin is dated as if made on the 2nd of the following month.
NOW      ?= 2015-10-02
CC       ?= cc
OPTFLAGS ?= -O2 -g
PKGS     := libxml-2.0 harfbuzz harfbuzz-subset nettle libzip xlsxwriter jansson
CHECK_PKG := check

# Evaluated lazily, so that `make run` on a fresh machine installs pkg-config first.
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 -DBULLETIN_DATADIR='"$(DATADIR)"' $(WARN) $(OPTFLAGS) $(SANITIZE) \
             -Isrc $(shell pkg-config --cflags $(PKGS)) $(CFLAGS)
ALL_LIBS = -lhpdf -lcsv $(shell pkg-config --libs $(PKGS)) -lm $(LDLIBS)
# src/render/hpdfutil.c replaces libharu's byte-loop HPDF_MemSet/MemCpy/StrLen; nothing
# of ours calls them, so the linker is told to take that member from the archive.
ALL_LIBS += -Wl,--undefined=HPDF_MemSet
TEST_LIBS = $(shell pkg-config --libs $(CHECK_PKG))

# Where the program finds schemas/, templates/ and fonts/ (overridden by $$BULLETIN_DATADIR).
DATADIR  ?= .
# Installation: the binary is built again (in build/install) with its data folder
# compiled in as $(PREFIX)/share/bulletin; DESTDIR only prefixes where files are copied.
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
SHAREDIR  = $(PREFIX)/share/bulletin
MANDIR    = $(PREFIX)/share/man/man1
BUILD    ?= build
LIB_SRC  := $(shell find src -name '*.c' ! -path src/main.c | LC_ALL=C sort)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
TESTS_SRC := $(sort $(wildcard tests/check_*.c))
TESTS    := $(TESTS_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_SUPPORT := $(filter-out $(TESTS_SRC),$(wildcard tests/*.c))



.PHONY: check-oom
.PHONY: all run check test deps bench clean sample docs install uninstall fuzz fuzz-build FORCE
.DEFAULT_GOAL := all

all: $(BUILD)/bulletin

deps:
	@sh tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	@status=0; $(BUILD)/bulletin run --period $(PERIOD) --now $(NOW) || status=$$?; \
	 if [ $$status -ne 0 ] && [ $$status -ne 3 ]; then exit $$status; fi; \
	 echo "output/$(PERIOD)/:"; ls -l output/$(PERIOD)/

check: deps
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory test BUILD=build/sanitize \
	    SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"

# Runs every test program of $(BUILD); each exits non-zero on failure.
test: $(BUILD)/bulletin $(TESTS) $(BUILD)/inject.so
	@set -e; for t in $(TESTS); do \
	    BULLETIN_BIN=$(BUILD)/bulletin BULLETIN_INJECT_LIBRARY=$(BUILD)/inject.so \
	    CK_VERBOSITY=minimal $$t; done

# Fails every allocation of a sample run in turn, each in its own run (hours: see README).
check-oom: $(BUILD)/bulletin $(BUILD)/tests/check_faults $(BUILD)/inject.so
	BULLETIN_OOM_STRIDE=$(OOM_STRIDE) BULLETIN_BIN=$(BUILD)/bulletin CK_FORK=no \
	    BULLETIN_INJECT_LIBRARY=$(BUILD)/inject.so $(BUILD)/tests/check_faults
OOM_STRIDE ?= 1

# The fault injector of tests/check_faults.c, preloaded into the program; it replaces
# the allocator only in the plain build (ASan brings its own).
$(BUILD)/inject.so: tests/inject/inject.c
	@mkdir -p $(BUILD)
	@echo "  CC  $<"
	@$(CC) -std=c11 -O1 $(WARN) -shared -fPIC $(if $(SANITIZE),,-DINJECT_ALLOC) -o $@ $< -ldl

# The packages first (a fresh machine has no compiler yet), then the build, then the bench.
bench:
	@sh tools/deps.sh bench
	@$(MAKE) --no-print-directory all
	@sh tools/bench.sh $(BUILD)/bulletin

# Fuzzing needs clang with libFuzzer, which tools/deps.sh does not install.
FUZZ_SECONDS ?= 60
FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZERS  := csv xml xls xlsx xlsxparts values plan folder
FUZZ_PROBE := int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }

fuzz:
	@echo '$(FUZZ_PROBE)' | clang -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null || \
	 if [ "$$(id -u)" = 0 ]; then apt-get install -y clang libclang-rt-14-dev; \
	 else echo "make fuzz needs clang and libFuzzer: apt-get install -y clang libclang-rt-14-dev" >&2; exit 1; fi
	@$(MAKE) --no-print-directory fuzz-build BUILD=build/fuzz CC=clang OPTFLAGS="-O1 -g" \
	    SANITIZE="$(FUZZ_SANITIZE) -fsanitize=fuzzer-no-link"
	@sh tools/fuzz.sh build/fuzz $(FUZZ_SECONDS)

fuzz-build: $(FUZZERS:%=$(BUILD)/fuzz_%)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_ingest.c tests/fuzz/fuzz_ingest.h $(BUILD)/libbulletin.a
	@echo "  LD  $@"
	@$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< tests/fuzz/fuzz_ingest.c $(BUILD)/libbulletin.a $(ALL_LIBS)

$(BUILD)/libbulletin.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/bulletin: $(BUILD)/obj/src/main.o $(BUILD)/libbulletin.a
	@echo "  LD  $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LIBS)

# options.c compiles DATADIR in: rebuilt when DATADIR changes.
$(BUILD)/datadir: FORCE
	@mkdir -p $(BUILD)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
$(BUILD)/obj/src/cmd/options.o: $(BUILD)/datadir

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(TEST_SUPPORT) $(BUILD)/libbulletin.a
	@mkdir -p $(dir $@)
	@echo "  CC  $<"
	@$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(TEST_SUPPORT) $(BUILD)/libbulletin.a $(TEST_LIBS) $(ALL_LIBS)

# Regenerates the page images of docs/ from the sample bulletin.
docs: all
	@sh tools/docs.sh $(BUILD)/bulletin

# Regenerates the sample data of input/ (deterministic: the same files every time); two
# of September's reports are sent as workbooks, which LibreOffice made from the CSV files
# gensample writes (tests/data/workbooks/converted/make.py): those replace them.
SAMPLE_WORKBOOKS := tests/data/workbooks/converted/xlsx/生命健康-项目.xlsx \
                    tests/data/workbooks/converted/xls/高端装备-项目.xls
sample:
	@mkdir -p $(BUILD)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $(BUILD)/gensample tools/gensample.c
	$(BUILD)/gensample input
	for w in $(SAMPLE_WORKBOOKS); do b=$${w##*/}; rm -f "input/2015-09/$${b%.*}.csv"; \
	    cp "$$w" input/2015-09/; done

install:
	@$(MAKE) --no-print-directory BUILD=build/install DATADIR=$(SHAREDIR) build/install/bulletin
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(SHAREDIR)/templates \
	    $(DESTDIR)$(SHAREDIR)/schemas $(DESTDIR)$(SHAREDIR)/fonts
	install -m 755 build/install/bulletin $(DESTDIR)$(BINDIR)/bulletin
	install -m 644 templates/*.xml templates/*.xsd $(DESTDIR)$(SHAREDIR)/templates/
	install -m 644 schemas/*.xsd $(DESTDIR)$(SHAREDIR)/schemas/
	install -m 644 fonts/fonts.conf $(DESTDIR)$(SHAREDIR)/fonts/
	install -m 644 input/plan.xml $(DESTDIR)$(SHAREDIR)/plan.xml
	install -m 644 docs/bulletin.1 $(DESTDIR)$(MANDIR)/bulletin.1

INSTALLED_DATA = $(wildcard templates/*.xml templates/*.xsd schemas/*.xsd) fonts/fonts.conf plan.xml

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bulletin $(DESTDIR)$(MANDIR)/bulletin.1
	rm -f $(addprefix $(DESTDIR)$(SHAREDIR)/,$(INSTALLED_DATA))
	-rmdir $(DESTDIR)$(SHAREDIR)/templates $(DESTDIR)$(SHAREDIR)/schemas \
	    $(DESTDIR)$(SHAREDIR)/fonts $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
