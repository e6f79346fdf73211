// Validation of each environment's workloads: defaults, unique names, the VPC's account, an existing handler, and
// the schema's own refusals (a bad name, an unknown blueprint, a concurrency out of range). Proves the checks; the
// blueprint's constructs are test/modules/workload/.
import { BLUEPRINT_ENDPOINTS, codeSigningOf, interfaceEndpointsOf } from "../../src/config/model";
import { configIssues, DEV_YAML, fixture, PROD_YAML, validConfig } from "../helpers/config-fixture";

const HANDLER = "workloads/patient-intake/handler.ts";
const workload = (fields: string) =>
  `workloads:\n  - name: intake\n    blueprint: serverless-api\n    alarmEmail: oncall@example.org\n    handler: ${HANDLER}\n${fields}`;

describe("workloads", () => {
  it("default to none, and a workload's options to AWS's safe values", () => {
    expect(validConfig().environments[0].workloads).toEqual([]);
    const config = validConfig({ "dev.yaml": `${DEV_YAML}${workload("")}` });
    expect(config.environments[0].name).toBe("dev");
    expect(config.environments[0].workloads).toEqual([
      {
        name: "intake",
        blueprint: "serverless-api",
        alarmEmail: "oncall@example.org",
        handler: HANDLER,
        options: { reservedConcurrency: 5, timeoutSeconds: 10, memoryMb: 256, partitionKey: "id" },
      },
    ]);
  });

  it("refuses a repeated name, an account that does not hold the VPC and a handler that does not exist", () => {
    const prod = `name: prod\nphi: false\naccounts: [phi-prod, network]\ncidr: 10.10.0.0/16\n${workload("    account: network\n")}  - name: intake\n    blueprint: serverless-api\n    alarmEmail: oncall@example.org\n    handler: workloads/missing.ts\n`;
    expect(configIssues(fixture({ "prod.yaml": prod }))).toEqual([
      'cfg/prod.yaml:11 workloads[1].name: received "intake"; expected a unique workload name (workloads[0] already uses it)',
      'cfg/prod.yaml:10 workloads[0].account: received "network"; expected "phi-prod", the account that holds this environment\'s VPC (network.account): the function runs in its private subnets, which no other account reaches',
      'cfg/prod.yaml:14 workloads[1].handler: received "workloads/missing.ts"; expected the path of an existing TypeScript file, relative to the repository root (the folder with cdktf.json)',
    ]);
  });

  it("accepts a workload where code signing is required: the blueprint signs its code there", () => {
    const config = validConfig({ "prod.yaml": `${PROD_YAML}${workload("")}` });
    const prod = config.environments.find((e) => e.name === "prod")!;
    expect([codeSigningOf(prod), prod.workloads.map((w) => w.name)]).toEqual(["required", ["intake"]]);
  });

  it("adds the endpoints the blueprint calls to an environment's own list, and only where it has workloads", () => {
    const dev = `${DEV_YAML}network:\n  interfaceEndpoints: [kms, logs, sqs]\n${workload("")}`;
    const config = validConfig({ "dev.yaml": dev });
    const env = config.environments.find((e) => e.name === "dev")!;
    expect(interfaceEndpointsOf(env)).toEqual(["kms", "logs", "sqs", "execute-api", "secretsmanager"]);
    expect(interfaceEndpointsOf({ ...env, workloads: [] })).toEqual(["kms", "logs", "sqs"]);
    expect(BLUEPRINT_ENDPOINTS).toEqual(["sqs", "execute-api", "secretsmanager"]);
  });

  it("refuses a bad name, an unknown blueprint, no alarm inbox, a handler outside the repository and a concurrency out of range", () => {
    const dev = `${DEV_YAML}workloads:\n  - name: Intake_1\n    blueprint: containers\n    handler: ../elsewhere/handler.ts\n    options:\n      reservedConcurrency: 0\n`;
    expect(configIssues(fixture({ "dev.yaml": dev }))).toEqual([
      'cfg/dev.yaml:6 workloads[0].name: received "Intake_1"; expected a workload name: 2-24 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
      'cfg/dev.yaml:7 workloads[0].blueprint: received "containers"; expected one of serverless-api',
      "cfg/dev.yaml:6 workloads[0].alarmEmail: received nothing; expected an email address (name@domain), at most 254 characters",
      'cfg/dev.yaml:8 workloads[0].handler: received "../elsewhere/handler.ts"; expected the path of a TypeScript file such as workloads/patient-intake/handler.ts',
      "cfg/dev.yaml:10 workloads[0].options.reservedConcurrency: received 0; expected a whole number from 1 to 1000 concurrent executions (a function without a cap can take the account's whole concurrency)",
    ]);
  });
});
