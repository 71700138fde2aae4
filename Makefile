# disclosure: see README.md. `make demo` and `make test` are the two set-up commands.
GO      ?= go
BIN     := bin/disclosure
PKGS    := ./...
FUZZTIME ?= 30s

.PHONY: build test bench demo fuzz vet clean

# disclosure --version: the tag or commit, the commit and the build date.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
BI      := disclosure/internal/buildinfo
LDFLAGS := -X $(BI).version=$(VERSION) -X $(BI).commit=$(COMMIT) -X $(BI).date=$(DATE)

build:
	CGO_ENABLED=1 $(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/disclosure

# The fuzz targets' seed corpora run here as ordinary tests.
test:
	CGO_ENABLED=1 $(GO) vet $(PKGS)
	CGO_ENABLED=1 $(GO) test -count=1 $(PKGS)

# -p 1: one package's benchmarks at a time, so none competes for the cores
# with another's (the crawl benchmarks compare wall time with a bound).
bench:
	CGO_ENABLED=1 $(GO) test -p 1 -run '^$$' -bench . -benchmem $(PKGS)

demo: build
	./$(BIN) demo

fuzz:
	$(GO) test ./parse -run '^$$' -fuzz FuzzParseText -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./parse -run '^$$' -fuzz FuzzParseHTML -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./parse -run '^$$' -fuzz FuzzMangledRenderings -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./parse -run '^$$' -fuzz FuzzParseDOC -fuzztime $(FUZZTIME) -fuzzminimizetime 1s
	$(GO) test ./parse -run '^$$' -fuzz FuzzParseLayout -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./pdftext -run '^$$' -fuzz FuzzExtract -fuzztime $(FUZZTIME) -fuzzminimizetime 1s
	$(GO) test ./docform -run '^$$' -fuzz FuzzSniffDecode -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./crawler/platform -run '^$$' -fuzz FuzzList -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./crawler/platform -run '^$$' -fuzz FuzzResponses -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./crawler -run '^$$' -fuzz FuzzDiscover -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./crawler/rawstore -run '^$$' -fuzz FuzzPack -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./pipeline -run '^$$' -fuzz FuzzEmbeddedArticle -fuzztime $(FUZZTIME) -fuzzminimizetime 5s

clean:
	rm -rf bin
