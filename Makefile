# Relance: build, run and test. `make help` lists the targets.

GO        ?= go
NPM       ?= npm
VERSION   ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)
BIN       := bin/relance

# Tools installed into .bin/ (the Go tests look there first, then on PATH).
MAILPIT_VERSION     := v1.27.11
STRIPE_MOCK_VERSION := v0.203.0
TOOLS_BIN           := .bin

GO_TEST_TIMEOUT ?= 12m
# The packages whose code runs concurrently (HTTP handlers, River workers, the planner and sender,
# webhooks, rate limits, the job and mail plumbing) are tested under the race detector, instead of
# a plain run rather than as well: each package is built and run once. The others run plainly.
RACE_PKGS  := ./api/... ./internal/dunning/... ./internal/portal/... ./internal/payments/... \
              ./internal/imports/... ./internal/platform/...
PLAIN_PKGS  = $(filter-out $(shell $(GO) list $(RACE_PKGS)),$(shell $(GO) list ./...))

# The SPA is rebuilt only when one of its sources changed.
SPA_SRC   := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
             $(wildcard frontend/index.html frontend/*.json frontend/*.ts frontend/*.js frontend/*.mjs)
SPA_OUT   := frontend/dist/index.html
NPM_STAMP := node_modules/.package-lock.json

.DEFAULT_GOAL := help
.PHONY: help run build spa test vet test-go test-frontend test-e2e bench docs tools system-postgresql system-deps-go clean clean-data distclean $(BIN)

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: build $(TOOLS_BIN)/mailpit ## Start Postgres, Mailpit and Relance with demo data on http://localhost:8080 (Ctrl-C stops all)
	@RELANCE_SKIP_BUILD=1 bash scripts/run.sh

build: spa $(BIN) ## Build the SPA (frontend/dist) then the binary (bin/relance)

spa: $(SPA_OUT)

$(SPA_OUT): $(NPM_STAMP) $(SPA_SRC)
	$(NPM) run build
	@touch $@

# Always handed to `go build`: its cache makes an unchanged build take a second.
$(BIN): $(SPA_OUT)
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/relance

test: vet test-go test-frontend test-e2e ## Everything CI runs: vet, Go tests, frontend checks and tests, end-to-end tests

vet: $(SPA_OUT) ## go vet and gofmt
	$(GO) vet ./...
	@unformatted=$$(git ls-files -co --exclude-standard '*.go' | xargs -r gofmt -l); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi

test-go: $(SPA_OUT) $(TOOLS_BIN)/mailpit $(TOOLS_BIN)/stripe-mock system-deps-go ## Go tests (private Postgres, Mailpit, stripe-mock); the concurrent packages under the race detector
	$(GO) test -race -timeout $(GO_TEST_TIMEOUT) $(RACE_PKGS)
	$(GO) test -timeout $(GO_TEST_TIMEOUT) $(PLAIN_PKGS)

test-frontend: $(NPM_STAMP) ## TypeScript type check and Vitest
	$(NPM) run typecheck
	CI=true $(NPM) test

test-e2e: build $(TOOLS_BIN)/mailpit $(TOOLS_BIN)/stripe-mock ## Playwright against the real binary, on a throwaway database
	@RELANCE_SKIP_BUILD=1 bash scripts/e2e.sh

bench: $(SPA_OUT) $(TOOLS_BIN)/mailpit $(TOOLS_BIN)/stripe-mock system-postgresql ## Go benchmarks, the 100,000-invoice import against a plain COPY and the peak memory of the largest allowed import, the debtor page at 300 requests/s, the dunning planner on 1,000,000 invoices, the cockpit's summary and customers on 1,000,000 invoices, the back-test of 100,000 invoices, 10,000 reminders over SMTP and 1,000 reminders with the worker killed three times
	$(GO) test -run '^$$' -bench . -benchmem ./...
	RELANCE_BENCH=1 $(GO) test -count=1 -timeout 10m -run '^TestStatementPageAtFixedRate$$' -v ./internal/portal/bench/
	RELANCE_BENCH=1 $(GO) test -count=1 -timeout 20m -run '^(TestImportThroughput|TestImportPeakRSS)$$' -v ./internal/imports/bench/
	RELANCE_BENCH=1 $(GO) test -count=1 -timeout 30m -run '^(TestPlannerAgainstScan|TestReminderThroughput)$$' -v ./internal/dunning/bench/
	RELANCE_BENCH=1 $(GO) test -count=1 -timeout 20m -run '^TestSummaryAgainstScan$$' -v ./internal/analytics/bench/
	RELANCE_BENCH=1 $(GO) test -count=1 -timeout 10m -run '^TestBacktestAt100k$$' -v ./internal/analytics/predict/bench/
	RELANCE_BENCH=1 $(GO) test -count=1 -timeout 10m -run '^TestKilledWhileSendingSendsNothingTwice$$' -v ./internal/dunning/crash/

docs: $(NPM_STAMP) ## Regenerate docs/swagger.* from the handlers' annotations, then the SPA's API types
	$(GO) tool swag init -g cmd/relance/main.go -o docs --parseInternal --pdl 1 --requiredByDefault
	$(NPM) run gen:api

# Debian packages, installed only when missing and only as root (otherwise the command to run is printed).
system-postgresql:
	@bash scripts/system-deps.sh postgresql

system-deps-go: # Postgres for the tests, a C compiler for -race
	@bash scripts/system-deps.sh postgresql gcc

tools: $(TOOLS_BIN)/mailpit $(TOOLS_BIN)/stripe-mock $(NPM_STAMP) ## Install Mailpit and stripe-mock into .bin/, and the npm packages

$(TOOLS_BIN)/mailpit:
	GOBIN=$(CURDIR)/$(TOOLS_BIN) $(GO) install github.com/axllent/mailpit@$(MAILPIT_VERSION)

$(TOOLS_BIN)/stripe-mock:
	GOBIN=$(CURDIR)/$(TOOLS_BIN) $(GO) install github.com/stripe/stripe-mock@$(STRIPE_MOCK_VERSION)

$(NPM_STAMP): package.json $(wildcard package-lock.json frontend/package.json)
	@if [ -f package-lock.json ]; then \
		echo "$(NPM) ci"; $(NPM) ci --no-audit --no-fund; \
	else \
		echo "$(NPM) install"; $(NPM) install --no-audit --no-fund; \
	fi
	@touch $@

clean: ## Remove build outputs (bin/, frontend/dist/ but its tracked .gitkeep)
	rm -rf bin
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete 2>/dev/null || true

clean-data: ## Stop the `make run` database and delete .data/ (database, secret key, stored files)
	bash scripts/pg.sh stop .data/postgres
	rm -rf .data

distclean: clean ## Also remove installed tools (.bin/) and node_modules
	rm -rf .bin node_modules frontend/node_modules
