# The landing zone's commands. Every target delegates to an npm script; dependencies install themselves on a
# fresh clone the first time a target needs them.
.DEFAULT_GOAL := help
SHELL := /bin/bash
export CHECKPOINT_DISABLE := 1
export TF_CLI_CONFIG_FILE := $(CURDIR)/terraform/cli.tfrc
STACK ?=

DEPS := node_modules/.package-lock.json

# `npm ci`: installs exactly the committed lock file and never rewrites it, so a fresh clone stays clean (checked
# on 2026-12-01 with npm 11: the lock file as committed is accepted).
$(DEPS): package.json package-lock.json
	@node src/deploy/toolchain-presence.js $(NEEDS)
	npm ci --no-audit --no-fund
	@touch $(DEPS)

.PHONY: help deps local local-down test validate verify synth plan drift deploy lint format schema vend bench \
	bootstrap preflight adopt compliance teardown cost prereqs
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

deps: $(DEPS) ## Install dependencies at the locked versions

# What a target needs besides Node 20: checked for presence before `npm ci` (src/deploy/toolchain-presence.js needs
# no node_modules, so a missing Terraform fails in the first second of a fresh clone), then resolved by the first
# line of its recipe (`npm run prereqs`: versions, the provider mirror, moto; .lz/toolchain.json).
local test bench prereqs: NEEDS := terraform python3
synth plan drift deploy bootstrap teardown: NEEDS := terraform

prereqs: $(DEPS) ## Check Node 20, Terraform 1.11, the AWS provider mirror and moto; fetch what is missing into .lz/
	npm run --silent prereqs -- $(NEEDS)

local: $(DEPS) ## Deploy the landing zone to the local emulator (127.0.0.1:4566, or LZ_LOCAL_PORT; STACK=a,b; REFRESH=1 plans unchanged stacks too)
	@npm run --silent prereqs -- $(NEEDS)
	npm run --silent local -- $(STACK) $(if $(REFRESH),--refresh)

vend: $(DEPS) ## Add an account: NAME= EMAIL= OU= ENV= [OWNER= COST_CENTER= DATA_CLASSIFICATION= TAGS=k=v,.. SEGMENT= DRY_RUN=1]
	npm run --silent vend -- --name="$(NAME)" --email="$(EMAIL)" --ou="$(OU)" --env="$(ENV)" \
		--owner="$(OWNER)" --cost-center="$(COST_CENTER)" --data-classification="$(DATA_CLASSIFICATION)" \
		--tags="$(TAGS)" --segment="$(SEGMENT)" $(if $(DRY_RUN),--dry-run)

local-down: $(DEPS) ## Stop the local emulator and remove local state
	npm run --silent local:down

test: $(DEPS) ## Lint, type check, unit and end-to-end tests; ends with "N passed, N failed"
	@npm run --silent prereqs -- $(NEEDS)
	npm run --silent test

validate: $(DEPS) ## Validate the configuration in environments/ (or LZ_CONFIG_DIR)
	npm run --silent validate

verify: $(DEPS) ## Prove every access path and AWS service rule on the synthesized stacks; writes verify/report.json (VERBOSE=1 lists all)
	npm run --silent verify -- $(if $(VERBOSE),--verbose)

synth: $(DEPS) ## Validate and verify, then synthesize every stack to cdktf.out
	@npm run --silent prereqs -- $(NEEDS)
	npm run --silent synth

plan: $(DEPS) ## Validate, then plan every stack against real AWS (cdktf diff)
	@npm run --silent prereqs -- $(NEEDS)
	npm run --silent plan -- $(STACK)

drift: $(DEPS) ## Plan every stack with a refresh and report drift to drift/ (STACK=a,b; LOCAL=1 for the emulator)
	@npm run --silent prereqs -- $(NEEDS)
	npm run --silent drift -- $(if $(LOCAL),--local) $(STACK)

deploy: $(DEPS) ## Validate, then deploy to real AWS (STACK=a,b or GROUP=organization|security|accounts|controls; AUTO_APPROVE=1)
	@npm run --silent prereqs -- $(NEEDS)
	npm run --silent deploy -- $(STACK) $(if $(GROUP),--group=$(GROUP)) $(if $(AUTO_APPROVE),--auto-approve)

bootstrap: $(DEPS) ## Create the state bucket and key and the GitHub OIDC roles in the management account (LOCAL=1; AUTO_APPROVE=1)
	@npm run --silent prereqs -- $(NEEDS)
	npm run --silent bootstrap -- $(if $(LOCAL),--local) $(if $(AUTO_APPROVE),--auto-approve)

preflight: $(DEPS) ## Read-only checks that AWS is ready for the configuration; writes preflight/report.json (LOCAL=1)
	npm run --silent preflight -- $(if $(LOCAL),--local)

adopt: $(DEPS) ## Match an existing organization to the configuration; writes environments/adopted.json (LOCAL=1)
	npm run --silent adopt -- $(if $(LOCAL),--local)

compliance: $(DEPS) ## Write the HIPAA evidence binder for the configuration: compliance/report.md and .json (no AWS access)
	npm run --silent compliance

teardown: $(DEPS) ## Destroy a trial landing zone (profile: evaluation only) in reverse order; says what remains (LOCAL=1; AUTO_APPROVE=1)
	@npm run --silent prereqs -- $(NEEDS)
	npm run --silent teardown -- $(if $(LOCAL),--local) $(if $(AUTO_APPROVE),--auto-approve)

cost: $(DEPS) ## Estimate the monthly AWS list price of the configuration; writes cost/report.json (ARGS=--<assumption>=<n>)
	npm run --silent cost -- $(ARGS)

lint: $(DEPS) ## eslint and prettier --check
	npm run --silent lint

format: $(DEPS) ## prettier --write
	npm run --silent format

schema: $(DEPS) ## Regenerate schema/*.json from the zod schema
	npm run --silent schema

bench: $(DEPS) ## Measure the speed targets (10/100/300 accounts, the emulator, the example); writes bench/results.json
	@npm run --silent prereqs -- $(NEEDS)
	npm run --silent bench
