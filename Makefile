# Factdesk: `make run` and `make test` are all a new machine needs (Debian/Ubuntu).
# Both install whatever is missing first (scripts/deps.sh), so repeated runs stay fast.

SHELL := /bin/bash
.DEFAULT_GOAL := help

CARGO ?= cargo
APP_FEATURES := --features custom-protocol
# Every cargo command of the test run uses one package set and one feature set, so the test builds
# and the binaries the end-to-end suite drives share one compile of the dependency tree. (A plain
# `cargo build` leaves out the dev-dependencies, whose features change ~30 crates, typst among
# them: building that way too compiled the tree three times in a cold CI run, ~19 of its 21 min.)
TEST_SET := --workspace --features factdesk/custom-protocol
APP_BIN := target/debug/factdesk
CLI_BIN := target/debug/factdesk-cli
# The workspace `make run` opens. The demo lives in its own file so it never mixes with real work;
# `make run WORKSPACE=~/desk.factdesk` opens another file (created if missing, no demo added).
DATA_DIR := $(or $(XDG_DATA_HOME),$(HOME)/.local/share)/factdesk
DEMO_WORKSPACE := $(DATA_DIR)/demo.factdesk
WORKSPACE ?= $(DEMO_WORKSPACE)

.PHONY: help run test desk-demo desk-load deps deps-run model test-model ui build release bindings test-rust test-ui test-e2e bench bench-scale bench-1m bench-window fuzz clean icons package package-binary package-appimage test-package deps-package

help:
	@echo "make run    build and open Factdesk on the demo workspace (installs what is missing)"
	@echo "make test   run every test: Rust, UI unit tests, end-to-end in the real window"
	@echo "make desk-demo  a throwaway PostgreSQL desk and two checkers' windows: watch a change travel"
	@echo "make model  install only the sentence-embedding model (both commands above do it too)"
	@echo "make release  optimised build: target/release/factdesk and factdesk-cli"
	@echo "make package  installable .deb and .rpm in target/release/bundle/ (make test-package installs the .deb and checks it)"
	@echo "make bindings regenerate ui/src/lib/api/types.ts and commands.ts from the Rust model and commands"
	@echo "make fuzz   fuzz every importer for FUZZ_SECONDS (default 60) each, twice: cargo-fuzz, then our own fuzzer"

deps:
	@scripts/deps.sh test

deps-run:
	@scripts/deps.sh run

# The sentence-embedding model for the semantic matching being built (issue 13), into
# $(DATA_DIR)/models/ (FACTDESK_MODEL=DIR: a folder of your own, nothing installed).
model:
	@scripts/deps.sh model

test-model:
	scripts/check-model.sh

# The UI is built before the app because the app binary embeds ui/dist.
ui:
	cd ui && npm run build

build: ui
	$(CARGO) build -p factdesk $(APP_FEATURES)
	$(CARGO) build -p factdesk-cli

run: deps-run build
	@if [ "$(WORKSPACE)" = "$(DEMO_WORKSPACE)" ]; then $(CLI_BIN) --db "$(WORKSPACE)" demo; fi
	@echo "Opening Factdesk on $(WORKSPACE)"
	$(APP_BIN) --db "$(WORKSPACE)"

desk-demo:
	@scripts/deps.sh desk-demo
	$(MAKE) build
	scripts/desk-demo.sh

# Ten checkers (CLI replicas) pushing and pulling at once against a throwaway PostgreSQL for
# DESK_SECONDS (default 60): changes made, present everywhere, duplicates, latency. Opt-in.
desk-load:
	$(CARGO) build --release -p factdesk-core --example desk_load
	scripts/desk-load.sh

release: deps-run ui
	$(CARGO) build --release -p factdesk $(APP_FEATURES)
	$(CARGO) build --release -p factdesk-cli

# Installable packages (issue 16): a .deb and an .rpm in target/release/bundle/, made by the Tauri
# bundler (ui's dev dependency @tauri-apps/cli) from one release binary, which is the app and, run
# as /usr/bin/factdesk-cli (a three-line wrapper: `factdesk cli ARGS`), the command line: the core
# and the PDF fonts ship once. They hold the icons (`make icons`), the desktop entry and the
# .factdesk file type (src-tauri/packaging/), the shell completions, and the version from
# Cargo.toml; not the matching model (see the README's "Install").
# No AppImage: for it the bundler downloads linuxdeploy, AppRun and linuxdeploy's GTK plugin from
# GitHub (into ~/.cache/tauri), which a machine offline or behind a mirror-only firewall cannot
# reach; `make package-appimage` tries, where GitHub can be reached.
BUNDLE := target/release/bundle
COMPLETIONS := target/release/completions
# Run in src-tauri/ (where tauri.conf.json is). `bundle.active` stays false in tauri.conf.json so
# that no other build bundles by surprise; no binary patching (it only serves Tauri's updater).
TAURI_BUNDLE := cd src-tauri && ../ui/node_modules/.bin/tauri bundle --no-sign --no-binary-patching --config '{"bundle":{"active":true}}'

deps-package:
	@scripts/deps.sh package

package: package-binary
	rm -rf $(BUNDLE)/deb $(BUNDLE)/rpm
	$(TAURI_BUNDLE) --bundles deb,rpm
	@echo "Packages (the AppImage is not built: it needs tools from GitHub, see make package-appimage):"
	@ls -l $(BUNDLE)/deb/*.deb $(BUNDLE)/rpm/*.rpm | awk '{ printf "  %5.1f MB  %s\n", $$5 / 1e6, $$9 }'

package-binary: deps-package ui
	$(CARGO) build --release -p factdesk $(APP_FEATURES)
	@mkdir -p $(COMPLETIONS)
	target/release/factdesk cli completions bash > $(COMPLETIONS)/factdesk-cli.bash
	target/release/factdesk cli completions zsh > $(COMPLETIONS)/_factdesk-cli
	target/release/factdesk cli completions fish > $(COMPLETIONS)/factdesk-cli.fish

package-appimage: package-binary
	$(TAURI_BUNDLE) --bundles appimage

# Installs the .deb on this machine (dpkg -i, with sudo when not root), checks it (files, both
# commands, the window on a workspace given as a file, the file type, the sizes) and removes it
# (dpkg -r) whatever happens. Opt-in: it needs the release build of `make package`.
test-package:
	@scripts/deps.sh test-package
	@ls $(BUNDLE)/deb/*.deb >/dev/null 2>&1 || $(MAKE) package
	tests/package.sh

# Every icon in src-tauri/icons/ from the one source image, app-icon.svg (then commit them).
icons:
	cd ui && npx tauri icon ../src-tauri/icons/app-icon.svg -o ../src-tauri/icons $(foreach s,16 24 32 48 64 128 256 512,-p $(s))

test: deps
	$(MAKE) test-model
	$(MAKE) test-rust
	$(MAKE) test-ui
	$(MAKE) test-e2e

test-rust:
	@# The shell embeds the built UI, so it must exist before the shell compiles.
	@[ -f ui/dist/index.html ] || $(MAKE) ui
	$(CARGO) test $(TEST_SET)
	@# The scale benches once each, on a workspace of 2,000 claims (criterion's test mode, debug
	@# build): they build and run; `make bench-scale` / `make bench-1m` are the real runs.
	FACTDESK_BENCH_N=2000 $(CARGO) test $(TEST_SET) --bench store --bench matching

test-ui:
	cd ui && npm test
	cd ui && npm run build

# The binaries come from the test build (cargo builds a package's binaries for its integration
# tests): target/debug/factdesk with the UI just built, and target/debug/factdesk-cli.
test-e2e: ui
	$(CARGO) test $(TEST_SET) --no-run
	tests/single-instance.sh 2>&1 | grep -v '^dbus-daemon\|SpiRegistry'; exit $${PIPESTATUS[0]}
	tests/e2e/run.sh

# The model's types (core/src/bindings.rs) first: the commands' wrappers name them. The shell's
# test builds with the test run's feature set (so it shares its compile) and embeds the built UI.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p factdesk-core --lib bindings
	@[ -f ui/dist/index.html ] || $(MAKE) ui
	UPDATE_BINDINGS=1 $(CARGO) test $(TEST_SET) --test commands_ts

bench:
	$(CARGO) bench -p factdesk-core

# The store at scale (issue 15): list, keyset page, open, search and similar claims on a synthetic
# workspace of 100,000 claims, each beside a bare-SQLite baseline in the same run; `bench-1m` the
# same at a million (the workspace is built once, ~1 GB per 400k claims, and reused from
# target/tmp). Opt-in: `make test` runs every bench once on a small workspace instead.
bench-scale:
	$(CARGO) bench -p factdesk-core --bench store --bench matching
	$(CARGO) bench -p factdesk-core --bench interchange --bench report

bench-1m:
	FACTDESK_BENCH_N=1000000 $(CARGO) bench -p factdesk-core --bench store --bench matching

# The window at a million claims (issue 15): the end-to-end spec specs/scale.test.mjs with the
# release app on the benches' million-claim workspace (built first if missing, ~1 min): the time
# from starting the app to the first list drawn, from each keystroke in the search box to the list
# answering it, and the memory (PSS) of the app and its WebKit processes. `make test` runs the
# same spec on 20,000 claims with the debug app.
SCALE_1M := target/tmp/synthetic-1000000-seed1.factdesk
bench-window: release
	@[ -f $(SCALE_1M) ] || FACTDESK_BENCH_N=1000000 $(CARGO) bench -p factdesk-core --bench store -- 'nothing^'
	E2E_SCALE_DB=$(CURDIR)/$(SCALE_1M) FACTDESK_APP=$(CURDIR)/target/release/factdesk tests/e2e/run.sh --spec specs/scale.test.mjs

# Longer fuzzing of every importer (ClaimReview, JSON bundle, claims CSV, article files); opt-in,
# `make test` runs bounded fuzzers instead. First cargo-fuzz (libFuzzer, coverage-guided; on stable
# Rust in its reduced mode, --sanitizer none), from the same seeds as the test run; then our own
# seeded fuzzer, which changes values inside records that still parse. FUZZ_SECONDS per importer,
# each. An input that breaks an importer is kept in src-tauri/core/tests/fuzz-corpus/<importer>/,
# the regression corpus `make test` replays. Without cargo-fuzz (and no way to install it) only our
# own fuzzer runs.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := claimreview json csv article
FUZZ_CORPUS := src-tauri/core/tests/fuzz-corpus

fuzz:
	FUZZ_SEEDS_DIR=$(CURDIR)/fuzz/seeds $(CARGO) test $(TEST_SET) --test import_fuzz write_fuzz_seeds -- --ignored --quiet
	@if command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked; then \
	  [ -f fuzz/Cargo.lock ] || cp Cargo.lock fuzz/Cargo.lock; \
	  for t in $(FUZZ_TARGETS); do \
	    mkdir -p fuzz/corpus/$$t $(FUZZ_CORPUS)/$$t; \
	    (cd fuzz && $(CARGO) fuzz run --sanitizer none $$t corpus/$$t seeds/$$t ../$(FUZZ_CORPUS)/$$t -- -max_total_time=$(FUZZ_SECONDS)) \
	      || { cp fuzz/artifacts/$$t/* $(FUZZ_CORPUS)/$$t/; echo "The input that broke it is kept in $(FUZZ_CORPUS)/$$t/."; exit 1; }; \
	  done; \
	else \
	  echo "cargo-fuzz is not available: only Factdesk's own fuzzer runs."; \
	fi
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(CARGO) test $(TEST_SET) --test import_fuzz fuzz_longer -- --ignored --nocapture

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules tests/e2e/node_modules
