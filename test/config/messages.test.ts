// Messages a new user can act on (issue 33): one error for a tab, a notice for an account in no environment, cron
// checked field by field as AWS reads it, no zod wording in any schema message, and a BAA service list that lacks
// a service the landing zone itself needs.
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { loadConfig } from "../../src/config/load";
import { cronProblem } from "../../src/config/checks/cron";
import { schemaMessage } from "../../src/config/errors";
import { unplacedAccountNotices } from "../../src/config/semantic";
import {
  configIssues,
  exampleCopy,
  fixture,
  ORGANIZATION_YAML as ORG,
  PROD_YAML,
  validConfig,
} from "../helpers/config-fixture";

const AWS_CRON = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html";

describe("a tab in YAML", () => {
  it("is one error at the tab's line and column, listing every tabbed line", () => {
    const org = ORG.replace("  - name: phi-prod\n    email", "\t- name: phi-prod\n\t  email");
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      "cfg/organization.yaml:36:1 (top level): invalid YAML: lines 36, 37 indent with tabs; YAML indents with spaces only: replace each tab with spaces",
    ]);
  });

  it("names the column of a tab after spaces; other YAML errors keep the library's message", () => {
    const prod = "name: prod\nphi: true\naccounts:\n  \t- phi-prod\ncidr: 10.10.0.0/16\n";
    expect(configIssues(fixture({ "prod.yaml": prod }))).toEqual([
      "cfg/prod.yaml:4:3 (top level): invalid YAML: this line indents with a tab; YAML indents with spaces only: replace each tab with spaces",
    ]);
    expect(configIssues(fixture({ "prod.yaml": "name: prod\nphi: [true\n" }))[0]).not.toContain("tab");
  });

  it("is no error after a key, where YAML allows it", () => {
    expect(
      validConfig({ "prod.yaml": PROD_YAML.replace("phi: true", "phi:\ttrue") }).environments[0].phi,
    ).toBe(true);
  });
});

describe("an account in no environment", () => {
  it("is a notice naming the account and what it leaves out; core accounts are not named", () => {
    const org = `${ORG}  - name: sandbox\n    email: sandbox@example.org\n    ou: Workloads\n`;
    expect(unplacedAccountNotices(validConfig({ "organization.yaml": org }), "cfg")).toEqual([
      'cfg/organization.yaml accounts[5]: account "sandbox" is in no environment, so it gets no VPC, no restore tests and the non-phi classification; if it belongs to one, add it to that file\'s accounts (prod.yaml), else nothing to do.',
    ]);
  });

  it("is no notice once an environment lists it", () => {
    expect(unplacedAccountNotices(validConfig(), "cfg")).toEqual([]);
  });
});

describe("cron schedules, field by field as AWS reads them", () => {
  it.each([
    ["cron(61 12 1 * ? *)", "the minutes field has 61; it takes 0-59, wildcards , - * /"],
    ["cron(0 24 ? * * *)", "the hours field has 24; it takes 0-23, wildcards , - * /"],
    ["cron(0 5 32 * ? *)", "the day-of-month field has 32; it takes 1-31, wildcards , - * ? / L W"],
    ["cron(0 5 1 13 ? *)", "the month field has 13; it takes 1-12 or JAN-DEC, wildcards , - * /"],
    ["cron(0 5 ? * FUN *)", "the day-of-week field has FUN; it takes 1-7 or SUN-SAT, wildcards , - * ? L #"],
    ["cron(0 5 1 * ? 1969)", "the year field has 1969; it takes 1970-2199, wildcards , - * /"],
    [
      "cron(0 5 ? * 1/2 *)",
      'the day-of-week field has "1/2"; it takes 1-7 or SUN-SAT, wildcards , - * ? L #',
    ],
    [
      "cron(0 5 3#1 * ? *)",
      'the day-of-month field has "3#1" (# is not one of its wildcards); it takes 1-31, wildcards , - * ? / L W',
    ],
    [
      "cron(0 5 ? * 3#6 *)",
      'the day-of-week field has "3#6" (the week after # is 1-5); it takes 1-7 or SUN-SAT, wildcards , - * ? L #',
    ],
    [
      "cron(0 5 ? * 3#1,6#3 *)",
      'the day-of-week field has "3#1,6#3": # allows one expression in the field, not a list',
    ],
    [
      "cron(0 5 * * * *)",
      'day-of-month is "*" and day-of-week is "*": exactly one of them must be ? (AWS takes a day of the month or a day of the week, not both)',
    ],
    [
      "cron(0 5 ? * ? *)",
      'day-of-month is "?" and day-of-week is "?": exactly one of them must be ? (AWS takes a day of the month or a day of the week, not both)',
    ],
  ])("refuses %s", (expression, problem) => {
    expect(cronProblem(expression)).toBe(`expected a cron schedule AWS accepts: ${problem} (${AWS_CRON})`);
  });

  it.each([
    "cron(0 5 ? * * *)",
    "cron(0 12 1 * ? *)",
    "cron(0/15 * * * ? *)",
    "cron(0 18 ? * MON-FRI *)",
    "cron(0 8 1,15 JAN-MAR ? 2026-2030)",
    "cron(0 5 L * ? *)",
    "cron(0 5 15W * ? *)",
    "cron(0 5 ? * 6L *)",
    "cron(0 5 ? * 3#2 *)",
    "cron(*/5 * ? * * *)",
    "cron(0 5 1 JUL ? *)",
    "cron(0 5 ? * sun *)",
  ])("accepts %s", (expression) => {
    expect(cronProblem(expression)).toBeUndefined();
  });

  it("refuses cron(61 12 1 * ? *) in a backup rule, naming the file, the path, the field and the range", () => {
    const org = `${ORG}backup:\n  restoreTesting:\n    schedule: cron(61 12 1 * ? *)\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      `cfg/organization.yaml:44 backup.restoreTesting.schedule: received "cron(61 12 1 * ? *)"; expected a cron schedule AWS accepts: the minutes field has 61; it takes 0-59, wildcards , - * / (${AWS_CRON})`,
    ]);
    expect(
      validConfig({ "organization.yaml": org.replace("61 12", "59 12") }).organization.backup.restoreTesting
        .schedule,
    ).toBe("cron(59 12 1 * ? *)");
  });
});

/** zod's own wording (zod 4's en locale, and zod 3's "Required"/"Expected"): none of it may reach the operator. */
const ZOD_PHRASES = [
  "Invalid input",
  "Invalid option",
  "Invalid string",
  "Invalid number",
  "Invalid key in",
  "Invalid value in",
  "Invalid discriminator",
  "Invalid email",
  "Invalid ISO",
  "Too big",
  "Too small",
  "Unrecognized key",
  "Required",
  "Expected",
  ">=",
  "<=",
];

function expectOurWords(message: string) {
  for (const phrase of ZOD_PHRASES) expect(message).not.toContain(phrase);
}

describe("schema messages in our words, for every zod issue code", () => {
  const messageOf = (schema: z.ZodType, input: unknown) => {
    const result = schema.safeParse(input);
    if (result.success) throw new Error("expected a failure");
    return result.error.issues.map((i) => i.message);
  };

  it.each<[string, z.ZodType, unknown, string]>([
    ["invalid_type", z.string(), 5, "expected text"],
    [
      "invalid_type, missing",
      z.strictObject({ a: z.string() }),
      {},
      "expected text (this setting is required)",
    ],
    [
      "invalid_type, object",
      z.strictObject({ a: z.string(), b: z.number() }),
      5,
      "expected a mapping with the keys a, b",
    ],
    ["invalid_value", z.enum(["a", "b"]), "c", 'expected one of "a", "b"'],
    ["invalid_value, literal", z.literal("2012-10-17"), "x", 'expected "2012-10-17"'],
    ["too_small, text", z.string().min(1), "", "expected text that is not empty"],
    ["too_small, list", z.array(z.string()).min(2), [], "expected at least 2 items"],
    ["too_small, number", z.number().min(3), 1, "expected a number at least 3"],
    ["too_big, text", z.string().max(700), "a".repeat(701), "expected text of at most 700 characters"],
    ["too_big, number", z.number().lt(3), 4, "expected a number less than 3"],
    ["invalid_format, email", z.email(), "x", "expected an email address (name@domain)"],
    ["invalid_format, date", z.iso.date(), "x", "expected a date as YYYY-MM-DD"],
    [
      "invalid_format, regex",
      z.string().regex(/^a+$/),
      "b",
      "expected text of the form /^a+$/ (docs/configuration.md)",
    ],
    ["not_multiple_of", z.number().multipleOf(5), 7, "expected a multiple of 5"],
    [
      "unrecognized_keys",
      z.strictObject({}),
      { emial: 1 },
      'unknown key "emial"; check the spelling against schema/ or docs/configuration.md',
    ],
    ["invalid_union", z.union([z.string(), z.array(z.string())]), 5, "expected text, or a list of text"],
    [
      "invalid_key",
      z.record(z.string().regex(/^\w+$/, { error: "expected a tag key of letters" }), z.string()),
      { "a b": "x" },
      "expected every key to be a tag key of letters",
    ],
    [
      "custom",
      z.string().refine(() => false),
      "x",
      "expected a value this setting accepts (docs/configuration.md describes it)",
    ],
  ])("%s", (_code, schema, input, message) => {
    const messages = messageOf(schema, input);
    expect(messages).toEqual([message]);
    expectOurWords(messages[0]);
  });

  it("is zod's error map for every schema in the process (ledger, adoption record and vend requests too)", () => {
    expect(z.config().customError).toBe(schemaMessage);
  });

  it("keeps a rule's own message", () => {
    expect(messageOf(z.string({ error: "expected an OU path" }), 5)).toEqual(["expected an OU path"]);
  });

  it.each([
    [
      "a missing mapping",
      ORG.replace(/alarms:\n  email: .*\n/, ""),
      "cfg/organization.yaml:1 alarms: received nothing; expected a mapping with the key email (this setting is required)",
    ],
    [
      "a mapping given as a number",
      ORG.replace(/coreAccounts:\n(  .*\n)+/, "coreAccounts: 5\n"),
      "cfg/organization.yaml:16 coreAccounts: received 5; expected a mapping with the keys logArchive, securityTooling, network, backup",
    ],
    [
      "an empty group name",
      `${ORG}identityCenter:\n  groups: ['']\n`,
      'cfg/organization.yaml:43 identityCenter.groups[0]: received ""; expected text that is not empty',
    ],
    [
      "a tag key",
      `${ORG}tags:\n  'bad key!': x\n`,
      'cfg/organization.yaml:43 tags.bad key!: received "bad key!"; expected every key to be a tag key of 1-128 characters',
    ],
    [
      "an action that is neither text nor a list",
      `${ORG}identityCenter:\n  groups: [a]\n  permissionSets:\n    - name: X\n      inlinePolicy:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: 5\n`,
      "cfg/organization.yaml:50 identityCenter.permissionSets[0].inlinePolicy.Statement[0].Action: received 5; expected text, or a list of text",
    ],
  ])("loadConfig reports %s in our words", (_what, org, message) => {
    const issues = configIssues(fixture({ "organization.yaml": org }));
    expect(issues).toEqual([message]);
    expectOurWords(issues[0]);
  });
});

describe("a BAA service list that lacks what the landing zone itself needs", () => {
  const listed = (prefixes: string[]) =>
    `hipaaEligibleServices:\n${prefixes.map((p) => `  - { prefix: ${p}, checked: 2025-01-01 }`).join("\n")}\n`;
  const ENDPOINT_SERVICES = [
    "ssm",
    "ssmmessages",
    "ec2messages",
    "ecr",
    "sqs",
    "sns",
    "events",
    "lambda",
    "secretsmanager",
    "cloudwatch",
  ];

  it("names each missing entry and the setting that needs it", () => {
    const prod = `${PROD_YAML}network:\n  interfaceEndpoints: [kms, ssm, ecr.api, ecr.dkr, monitoring]\n`;
    const org = `${ORG}${listed(["s3"])}`;
    expect(configIssues(fixture({ "organization.yaml": org, "prod.yaml": prod }))).toEqual([
      'cfg/organization.yaml:43 hipaaEligibleServices: lacks "ssm", which cfg/prod.yaml network.interfaceEndpoints needs (the ssm endpoint); add { prefix: ssm, checked: <date> } once your BAA review clears it, or remove the endpoint',
      'cfg/organization.yaml:43 hipaaEligibleServices: lacks "ecr", which cfg/prod.yaml network.interfaceEndpoints needs (the ecr.api endpoint, the ecr.dkr endpoint); add { prefix: ecr, checked: <date> } once your BAA review clears it, or remove the endpoint',
      'cfg/organization.yaml:43 hipaaEligibleServices: lacks "cloudwatch", which cfg/prod.yaml network.interfaceEndpoints needs (the monitoring endpoint); add { prefix: cloudwatch, checked: <date> } once your BAA review clears it, or remove the endpoint',
    ]);
  });

  it("checks the default endpoints, and accepts a list that has them", () => {
    const missingSqs = ENDPOINT_SERVICES.filter((p) => p !== "sqs");
    expect(configIssues(fixture({ "organization.yaml": `${ORG}${listed(missingSqs)}` }))).toEqual([
      'cfg/organization.yaml:43 hipaaEligibleServices: lacks "sqs", which cfg/prod.yaml network.interfaceEndpoints (its default list) needs (the sqs endpoint); add { prefix: sqs, checked: <date> } once your BAA review clears it, or remove the endpoint',
    ]);
    expect(
      validConfig({ "organization.yaml": `${ORG}${listed(ENDPOINT_SERVICES)}` }).organization
        .hipaaEligibleServices,
    ).toHaveLength(10);
  });

  it("finds nothing missing in the example once its endpoints' services are listed: the catalogue's sets need none", () => {
    // dev's workload adds the execute-api endpoint its API is reached through (interfaceEndpointsOf).
    const services = [...ENDPOINT_SERVICES, "execute-api"];
    const dir = exampleCopy();
    fs.appendFileSync(path.join(dir, "organization.yaml"), `\n${listed(services)}`);
    expect(loadConfig(dir).organization.hipaaEligibleServices).toHaveLength(services.length);
  });

  it("names the execute-api endpoint each environment's workloads add when the list lacks it", () => {
    const dir = exampleCopy();
    fs.appendFileSync(path.join(dir, "organization.yaml"), `\n${listed(ENDPOINT_SERVICES)}`);
    expect(configIssues(dir).map((line) => line.split(dir).join("cfg").replace(/:\d+ /, " "))).toEqual([
      ...["dev", "staging"].map(
        (env) =>
          'cfg/organization.yaml hipaaEligibleServices: lacks "execute-api", which ' +
          `cfg/${env}.yaml workloads (their API's endpoint) needs (the execute-api endpoint); add { prefix: execute-api, checked: <date> } once your BAA review clears it, or move the workloads to an environment outside the OUs lz-phi-workloads covers`,
      ),
    ]);
  });

  it("ignores a VPC in an OU the deny does not cover", () => {
    const org = `${ORG.replace("  - name: Workloads\n", "  - name: Workloads\n    allowPhi: false\n")}${listed(["s3"])}`;
    const prod = PROD_YAML.replace("phi: true", "phi: false");
    expect(validConfig({ "organization.yaml": org, "prod.yaml": prod }).environments).toHaveLength(1);
  });

  it("names a permission set whose inline policy allows an unlisted service in an account the deny covers", () => {
    const org =
      `${ORG}${listed(ENDPOINT_SERVICES)}identityCenter:\n  groups: [builders]\n  permissionSets:\n    - name: Tables\n      inlinePolicy:\n` +
      "        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: [dynamodb:GetItem, kms:Decrypt]\n            Resource: '*'\n" +
      "  assignments:\n    - group: builders\n      permissionSet: Tables\n      accounts: [phi-prod]\n";
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:43 hipaaEligibleServices: lacks "dynamodb", which cfg/organization.yaml identityCenter.permissionSets[0].inlinePolicy needs (Tables in phi-prod (identityCenter.assignments[0])); add { prefix: dynamodb, checked: <date> } once your BAA review clears it, or assign the set only outside the OUs lz-phi-workloads covers',
    ]);
    expect(
      validConfig({
        "organization.yaml": org
          .replace("[s3]", "[s3]")
          .replace(`${listed(ENDPOINT_SERVICES)}`, listed([...ENDPOINT_SERVICES, "dynamodb"])),
      }).organization.identityCenter?.permissionSets,
    ).toHaveLength(1);
  });
});
