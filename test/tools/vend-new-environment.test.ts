// `make vend ... ENV=<new> SEGMENT=<segment> DRY_RUN=1` as an operator runs it with an address plan: it says which
// range the new environment's VPC takes, shows the environment's file as a new one, plans its network stack, and
// writes nothing.
import * as fs from "fs";
import * as path from "path";
import { exampleCopyWithPools } from "../helpers/config-fixture";
import { runTool } from "../helpers/emulator";

const dir = exampleCopyWithPools();
const files = () =>
  Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
const before = files();
const result = runTool("vend", { LZ_CONFIG_DIR: dir }, 600_000, [
  "--name",
  "imaging-prod",
  "--email",
  "aws+imaging-prod@example-health.org",
  "--ou",
  "Workloads/Prod",
  "--env",
  "imaging",
  "--segment",
  "prod",
  "--dry-run",
]);
const lines = result.stdout.split("\n");

it("succeeds, says which range the new environment's VPC takes, and writes nothing", () => {
  expect(result).toMatchObject({ status: 0, stderr: "" });
  expect(lines).toContain(
    "vend: environment imaging is new: its VPC takes 10.11.0.0/16, the next free range of the prod pool of us-east-1 (10.10.0.0/15)",
  );
  expect(files()).toEqual(before);
});

it("shows the environment's file as a new one, its range and segment among its lines", () => {
  const start = lines.findIndex((l) => l.trim() === "--- /dev/null");
  expect(start).toBeGreaterThan(0);
  expect(lines[start + 1].trim()).toBe(
    `+++ ${path.join(dir, "imaging.yaml")}`.replace(`${process.cwd()}/`, ""),
  );
  expect(lines).toContain(
    "  +cidr: 10.11.0.0/16 # the next free /16 of the prod pool of us-east-1 (10.10.0.0/15)",
  );
  expect(lines).toContain(
    "  +  segment: prod # the hub segment this VPC joins (docs/network-and-baseline.md)",
  );
});

it("plans the new environment's network stack and its allocation in the pool", () => {
  expect(
    lines.some((l) => /^ {2}network-imaging \(new stack\): \d+ to add, 0 to change, 0 to destroy$/.test(l)),
  ).toBe(true);
  expect(
    lines.some((l) =>
      /^ {6}\+ aws_vpc_ipam_pool_cidr_allocation network-hub\/ipam\/allocation-environment-imaging/.test(l),
    ),
  ).toBe(true);
});
