# The two commands of the README, plus the developers' extras.
#   make demo   install what is missing, build, typeset the sample into output/
#   make test   install what is missing, build (also with ASan+UBSan), run every test
SAMPLE  ?= examples/sample
JOBS    ?= $(shell nproc)
FOLIO_BIN ?= build/folio

.PHONY: all deps deps-test build build-asan demo test test-asan bench fuzz format clean

all: build

deps:
	.ci/install-deps demo

deps-test:
	.ci/install-deps test

build/Makefile: CMakeLists.txt
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: build/Makefile
	cmake --build build -j $(JOBS)

build-asan/Makefile: CMakeLists.txt
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DFOLIO_SANITIZE=ON >/dev/null

build-asan: build-asan/Makefile
	cmake --build build-asan -j $(JOBS)

demo: deps
	$(MAKE) build
	./build/folio build $(SAMPLE) -o output/$(notdir $(SAMPLE))
	@ls -l output/$(notdir $(SAMPLE))

# The sanitizer run comes first; the plain run's ctest summary closes the output.
test: deps-test
	$(MAKE) build build-asan
	cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)
	cd build && ctest --output-on-failure -j $(JOBS)

# FOLIO_BIN=path measures another binary (e.g. a build-perf/folio of your own).
bench: deps-test
	$(MAKE) build
	FOLIO_BIN=$(FOLIO_BIN) bench/run
	FOLIO_BIN=$(FOLIO_BIN) /usr/bin/python3 bench/serve_bench.py
	FOLIO_BIN=$(FOLIO_BIN) bench/import_docx.py
	FOLIO_BIN=$(FOLIO_BIN) bench/import_issue.py
	FOLIO_BIN=$(FOLIO_BIN) bench/standards_cost.py
	FOLIO_BIN=$(FOLIO_BIN) bench/catalogue_bench.sh

fuzz: deps-test
	tests/fuzz/run

format:
	clang-format -i src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/fuzz/*.h

clean:
	rm -rf build build-asan build-fuzz
