// Validation of the configuration: every error names file, line, path, the value received and what is allowed,
// and all errors come back at once.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import {
  baaServicePrefixes,
  guardrailAttachments,
  imageProviders,
  replicationRegion,
} from "../../src/config/model";
import { baaWarnings } from "../../src/config/semantic";
import {
  configIssues,
  fixture,
  ORGANIZATION_YAML,
  PROD_YAML,
  validConfig,
  writeConfig,
} from "../helpers/config-fixture";

const ORG = ORGANIZATION_YAML;

describe("the shipped example configuration", () => {
  const config = loadConfig(path.join(__dirname, "..", "..", "environments"));

  it("has the OUs, accounts and regions the README describes", () => {
    expect(config.organization.regions).toEqual(["us-east-1", "us-west-2"]);
    expect(config.organization.accounts.map((a) => a.name)).toEqual([
      "log-archive",
      "security-tooling",
      "backup",
      "shared-services",
      "phi-prod",
      "phi-staging",
      "phi-dev",
      "sandbox",
    ]);
    expect(config.environments.map((e) => [e.name, e.cidr, e.phi])).toEqual([
      ["dev", "10.30.0.0/16", false],
      ["prod", "10.10.0.0/16", true],
      ["staging", "10.20.0.0/16", true],
    ]);
  });
});

describe("defaults", () => {
  it("applies role names, limits and the state key prefix when the file omits them", () => {
    const { organization } = validConfig();
    expect(organization.roles).toEqual({
      deploy: "OrganizationAccountAccessRole",
      breakGlass: "lz-break-glass",
      managementDeploy: "lz-deploy",
      managementPlan: "lz-plan",
      plan: "lz-plan-reader",
    });
    expect(organization.pipeline.github).toBeUndefined();
    expect(organization.limits).toEqual({
      scpMaxCharacters: 10240,
      scpMaxPerTarget: 10,
      rcpMaxCharacters: 5120,
      rcpMaxPerTarget: 5,
      aiOptOutMaxCharacters: 2500,
      tagPolicyMaxCharacters: 10000,
      backupPolicyMaxCharacters: 10000,
      declarativePolicyMaxCharacters: 10000,
    });
    expect(organization.ec2DeclarativePolicy).toEqual({
      vpcBlockPublicAccess: "block_ingress",
      vpcExclusionsAllowed: true,
      allowedImages: { state: "enabled" },
    });
    expect(organization.state.keyPrefix).toBe("landing-zone");
    expect(organization.serviceControlPolicies).toBeUndefined();
  });
});

describe("file and syntax errors", () => {
  it("reports a missing organization file", () => {
    expect(configIssues(writeConfig({ "prod.yaml": PROD_YAML }))).toEqual([
      "cfg/organization.yaml (top level): file not found or not readable",
    ]);
  });

  it("reports invalid YAML with its line", () => {
    expect(
      configIssues(
        fixture({ "prod.yaml": "name: prod\nphi: true\naccounts: [phi-prod\ncidr: 10.10.0.0/16\n" }),
      ),
    ).toEqual([expect.stringMatching(/^cfg\/prod\.yaml:\d+ \(top level\): invalid YAML: /)]);
  });

  it("refuses an alias bomb (billion laughs) at the line of its first alias, without a stack trace", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (const [i, name] of [..."bcdefg"].entries()) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${"abcdefg"[i]}`).join(", ")}]`);
    }
    const prod = `name: prod\nphi: true\naccounts: [phi-prod]\ncidr: 10.10.0.0/16\n${levels.join("\n")}\n`;
    expect(configIssues(fixture({ "prod.yaml": prod }))).toEqual([
      "cfg/prod.yaml:6 (top level): invalid YAML: Excessive alias count indicates a resource exhaustion attack; expected at most 100 alias expansions",
    ]);
  });

  it("reports a missing configuration directory", () => {
    expect(() => loadConfig("/nonexistent/lz-config")).toThrow(
      "Configuration has 1 problem:\n  - /nonexistent/lz-config (top level): configuration directory not found (set LZ_CONFIG_DIR or create it)",
    );
  });
});

describe("schema errors", () => {
  it("rejects a malformed email, naming line, path, value and what is allowed", () => {
    const org = ORG.replace("phi-prod@example.org", "not-an-email");
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:37 accounts[3].email: received "not-an-email"; expected an email address (name@domain) that no other AWS account uses',
    ]);
  });

  it("rejects an unknown key and suggests checking its spelling", () => {
    const org = ORG.replace(
      "    ou: Security\n  - name: security-tooling",
      "    ou: Security\n    emial: x@example.org\n  - name: security-tooling",
    );
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:30 accounts[0].emial: unknown key "emial"; expected one of name, email, ou, owner, costCenter, dataClassification, tags (schema/ or docs/configuration.md)',
    ]);
  });

  it("rejects a region code that does not exist", () => {
    const org = ORG.replace("regions: [us-east-1, us-west-2]", "regions: [us-east-1, us-west-9]");
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:3 regions[1]: received "us-west-9"; expected an AWS region code such as us-east-1 (the list is in src/config/regions.ts)',
    ]);
  });

  it("rejects an account name AWS or the stack naming would not accept", () => {
    const org = ORG.replace("  - name: phi-prod\n", "  - name: PHI_Prod\n");
    expect(
      configIssues(
        fixture({ "organization.yaml": org, "prod.yaml": PROD_YAML.replace("phi-prod", "network") }),
      ),
    ).toEqual([
      'cfg/organization.yaml:36 accounts[3].name: received "PHI_Prod"; expected an account name: 2-50 characters: lowercase letters, digits and hyphens, starting with a letter',
    ]);
  });

  it("rejects an environment whose phi flag is not a boolean", () => {
    expect(configIssues(fixture({ "prod.yaml": PROD_YAML.replace("phi: true", "phi: yes please") }))).toEqual(
      ['cfg/prod.yaml:2 phi: received "yes please"; expected true or false: does this environment hold PHI?'],
    );
  });

  it("rejects an SCP name that is not in the library", () => {
    const org = `${ORG}serviceControlPolicies:\n  - policy: lz-deny-everything\n    targets: [Root]\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:43 serviceControlPolicies[0].policy: received "lz-deny-everything"; expected one of the guardrail policies: lz-core-guardrails, lz-protect-security-services, lz-protect-kms-keys, lz-protect-network, lz-deny-unapproved-regions, lz-deny-iam-users, lz-deny-all, lz-phi-workloads, lz-phi-creation',
    ]);
  });

  it("rejects an SCP limit below two", () => {
    const org = `${ORG}limits:\n  scpMaxPerTarget: 1\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      "cfg/organization.yaml:43 limits.scpMaxPerTarget: received 1; expected a whole number of at least 2 policies (FullAWSAccess plus one guardrail)",
    ]);
  });
});

describe("every other schema rule, with its exact message", () => {
  const org = (from: string, to: string) => ({ "organization.yaml": ORG.replace(from, to) });
  const orgPlus = (extra: string) => ({ "organization.yaml": `${ORG}${extra}` });
  it.each([
    [
      "landing-zone name",
      org("name: test-health", "name: Test_Health"),
      'cfg/organization.yaml:1 name: received "Test_Health"; expected a landing-zone name: 2-31 characters, lowercase letters, digits and hyphens',
    ],
    [
      "OU name",
      org("  - name: Security\n", "  - name: Sec/urity\n"),
      `cfg/organization.yaml:21 organizationalUnits[0].name: received "Sec/urity"; expected an OU name: 1-128 characters: letters, digits, spaces, '_', '.', '-' (no '/')`,
    ],
    [
      "role name",
      orgPlus("roles:\n  deploy: deploy role\n"),
      'cfg/organization.yaml:43 roles.deploy: received "deploy role"; expected an IAM role name: 1-64 characters of letters, digits and +=,.@_-',
    ],
    [
      "state bucket",
      org("bucket: test-health-tfstate", "bucket: TF_State"),
      'cfg/organization.yaml:5 state.bucket: received "TF_State"; expected an S3 bucket name (3-63 characters)',
    ],
    [
      "state key",
      org("kmsKeyId: alias/test-health-tfstate", "kmsKeyId: my-key"),
      'cfg/organization.yaml:7 state.kmsKeyId: received "my-key"; expected a KMS key ARN or alias (alias/name) for state encryption',
    ],
    [
      "state key prefix",
      org("kmsKeyId: alias/test-health-tfstate", "kmsKeyId: alias/test-health-tfstate\n  keyPrefix: a b"),
      `cfg/organization.yaml:8 state.keyPrefix: received "a b"; expected a key prefix of letters, digits, '.', '_', '-', '/'`,
    ],
    [
      "email length",
      org("phi-prod@example.org", `${"a".repeat(60)}@example.org`),
      `cfg/organization.yaml:37 accounts[3].email: received "${"a".repeat(60)}@example.org"; expected an email address of at most 64 characters (an AWS limit)`,
    ],
    [
      "tag value",
      org(
        "    ou: Security\n  - name: security-tooling",
        "    ou: Security\n    tags:\n      Team: 7\n  - name: security-tooling",
      ),
      "cfg/organization.yaml:31 accounts[0].tags.Team: received 7; expected a tag value (a string of at most 256 characters)",
    ],
    [
      "SCP targets",
      orgPlus("serviceControlPolicies:\n  - policy: lz-deny-all\n    targets: []\n"),
      "cfg/organization.yaml:44 serviceControlPolicies[0].targets: received []; expected at least one target: Root or an OU path",
    ],
    [
      "retention bounds",
      orgPlus("logArchive:\n  retentionDays: 40000\n"),
      "cfg/organization.yaml:43 logArchive.retentionDays: received 40000; expected a whole number from 1 to 36500 days (36500 is the Object Lock maximum)",
    ],
    [
      "Glacier minimum",
      orgPlus("logArchive:\n  glacierInstantRetrievalAfterDays: 10\n"),
      "cfg/organization.yaml:43 logArchive.glacierInstantRetrievalAfterDays: received 10; expected a whole number of at least 30 days (S3's minimum before a Glacier transition)",
    ],
    [
      "alarm email",
      org("  email: alerts@example.org", "  email: security team"),
      `cfg/organization.yaml:9 alarms.email: received "security team"; expected the email address of the security team's alert inbox`,
    ],
    [
      "GitHub repository",
      orgPlus("pipeline:\n  github:\n    repository: example-health\n"),
      'cfg/organization.yaml:44 pipeline.github.repository: received "example-health"; expected a GitHub repository as owner/name, e.g. example-health/landing-zone',
    ],
    [
      "release branch",
      orgPlus("pipeline:\n  github:\n    repository: a/b\n    branch: 'my branch'\n"),
      'cfg/organization.yaml:45 pipeline.github.branch: received "my branch"; expected a branch name such as main',
    ],
    [
      "adoption record",
      {
        "adopted.json": JSON.stringify({
          readFrom: "aws",
          organization: { id: "o-bad", managementAccountId: "999999999999", rootId: "r-ab12" },
          organizationalUnits: {},
          accounts: {},
          policies: {},
          policyAttachments: [],
          delegatedAdministrators: [],
        }),
      },
      'cfg/adopted.json organization.id: received "o-bad"; expected an organization ID (o-...); this file is written by make adopt (run it again rather than editing)',
    ],
    [
      "environment name",
      { "prod.yaml": PROD_YAML.replace("name: prod", "name: Prod") },
      'cfg/prod.yaml:1 name: received "Prod"; expected an environment name: 1-20 characters: lowercase letters, digits and hyphens, starting with a letter',
    ],
    [
      "environment accounts",
      { "prod.yaml": PROD_YAML.replace("accounts: [phi-prod]", "accounts: []") },
      "cfg/prod.yaml:3 accounts: received []; expected at least one account name",
    ],
  ])("%s", (_rule, files, message) => {
    expect(configIssues(fixture(files as Record<string, string>))).toEqual([message]);
  });
});

describe("cross-field errors", () => {
  it("rejects a guardrail listed twice", () => {
    const org = `${ORG}serviceControlPolicies:\n  - policy: lz-deny-all\n    targets: [Suspended]\n  - policy: lz-deny-all\n    targets: [Workloads]\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:45 serviceControlPolicies[1].policy: received "lz-deny-all"; expected a unique policy (serviceControlPolicies[0] already uses it); list all its targets in one entry',
    ]);
  });

  it("rejects two files that define the same environment", () => {
    expect(
      configIssues(
        fixture({
          "prod.yml": PROD_YAML.replace("phi-prod", "network").replace("10.10.0.0/16", "10.50.0.0/16"),
        }),
      ),
    ).toEqual([
      'cfg/prod.yml:1 name: received "prod"; expected a unique environment name (cfg/prod.yaml already uses it)',
    ]);
  });

  it("rejects duplicate account names and emails, pointing at the first use", () => {
    const org = `${ORG}  - name: phi-prod\n    email: PHI-PROD@example.org\n    ou: Workloads/Prod\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:42 accounts[5].name: received "phi-prod"; expected a unique account name (accounts[3] already uses it)',
      'cfg/organization.yaml:43 accounts[5].email: received "PHI-PROD@example.org"; expected a unique account email (accounts[3] already uses it)',
    ]);
  });

  it("rejects an account in an OU that does not exist, listing the OU paths", () => {
    const org = ORG.replace("ou: Workloads/Prod", "ou: Workload/Prod");
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:38 accounts[3].ou: received "Workload/Prod"; expected one of the OU paths: Security, Workloads, Workloads/Prod, Suspended',
    ]);
  });

  it("rejects sibling OUs with the same name and an OU named Root", () => {
    const org = ORG.replace(
      "  - name: Suspended\n",
      "  - name: Suspended\n  - name: Security\n  - name: Root\n",
    );
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:26 organizationalUnits[3].name: received "Security"; expected a unique name among sibling OUs (organizationalUnits[0] already uses it)',
      'cfg/organization.yaml:27 organizationalUnits[4].name: received "Root"; expected an OU name other than "Root", which names the organization root',
    ]);
  });

  it("rejects OUs nested deeper than AWS allows", () => {
    const deep =
      "  - name: A\n    children:\n      - name: B\n        children:\n          - name: C\n            children:\n              - name: D\n                children:\n                  - name: E\n                    children:\n                      - name: F\n";
    const org = ORG.replace("  - name: Suspended\n", `  - name: Suspended\n${deep}`);
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:36 organizationalUnits[3].children[0].children[0].children[0].children[0].children[0].name: received "F"; expected OUs at most 5 levels below the root (AWS limit); "A/B/C/D/E/F" is 6 deep',
    ]);
  });

  it("rejects core accounts that are not defined, and a log archive shared with security tooling", () => {
    const org = ORG.replace(
      "  securityTooling: security-tooling\n  network: network",
      "  securityTooling: log-archive\n  network: netwrk",
    );
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:19 coreAccounts.network: received "netwrk"; expected the name of an account in accounts: log-archive, security-tooling, network, phi-prod, backup',
      'cfg/organization.yaml:18 coreAccounts.securityTooling: received "log-archive"; expected an account other than coreAccounts.logArchive: the log archive is kept apart from the tools that read it',
    ]);
  });

  it("rejects a role name used for two roles: a plan role named like the deploy role would be an administrator", () => {
    const org = ORG.replace(
      /^name: .*\n/m,
      (line) => `${line}roles:\n  plan: OrganizationAccountAccessRole\n`,
    );
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:3 roles.plan: received "OrganizationAccountAccessRole"; expected a unique role name (roles.deploy already uses it)',
    ]);
  });

  it("rejects a home region that is not governed, and a region listed twice", () => {
    const org = ORG.replace("homeRegion: us-east-1", "homeRegion: eu-west-1").replace(
      "regions: [us-east-1, us-west-2]",
      "regions: [us-east-1, us-west-2, us-east-1]",
    );
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:3 regions[2]: received "us-east-1"; expected a unique region (regions[0] already uses it)',
      'cfg/organization.yaml:2 homeRegion: received "eu-west-1"; expected one of the governed regions: us-east-1, us-west-2',
    ]);
  });

  it("rejects an SCP attached to an unknown target", () => {
    const org = `${ORG}serviceControlPolicies:\n  - policy: lz-deny-all\n    targets: [Suspend]\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:44 serviceControlPolicies[0].targets[0]: received "Suspend"; expected Root or one of the OU paths: Security, Workloads, Workloads/Prod, Suspended',
    ]);
  });

  it("rejects more SCPs on one target than the limit, counting FullAWSAccess, until the limit is raised", () => {
    const policies = [
      "lz-core-guardrails",
      "lz-protect-security-services",
      "lz-protect-kms-keys",
      "lz-deny-unapproved-regions",
      "lz-deny-iam-users",
    ];
    const scps = `serviceControlPolicies:\n${policies.map((p) => `  - policy: ${p}\n    targets: [Root]\n`).join("")}`;
    // AWS's quota is ten since May 2026; an organization held to five says so under limits.
    const five = "limits:\n  scpMaxPerTarget: 5\n";
    expect(configIssues(fixture({ "organization.yaml": `${ORG}${scps}${five}` }))).toEqual([
      'cfg/organization.yaml:43 serviceControlPolicies: received ["lz-core-guardrails","lz-protect-security-services","lz-protect-kms-keys","l...; expected at most 5 SCPs on "Root" including FullAWSAccess (limits.scpMaxPerTarget); it would have 6',
    ]);
    expect(validConfig({ "organization.yaml": `${ORG}${scps}` }).organization.limits.scpMaxPerTarget).toBe(
      10,
    );
  });

  it("rejects an RCP that is not in the library, or attached to an unknown target", () => {
    const org = `${ORG}resourceControlPolicies:\n  - policy: lz-perimeter\n    targets: [Root]\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:43 resourceControlPolicies[0].policy: received "lz-perimeter"; expected one of the resource control policies: lz-data-perimeter',
    ]);
    const unknown = `${ORG}resourceControlPolicies:\n  - policy: lz-data-perimeter\n    targets: [Root, Workload]\n`;
    expect(configIssues(fixture({ "organization.yaml": unknown }))).toEqual([
      'cfg/organization.yaml:44 resourceControlPolicies[0].targets[1]: received "Workload"; expected Root or one of the OU paths: Security, Workloads, Workloads/Prod, Suspended',
    ]);
  });

  it("rejects an RCP listed twice, and more RCPs on one target than the limit, counting RCPFullAWSAccess", () => {
    const twice = `${ORG}resourceControlPolicies:\n  - policy: lz-data-perimeter\n    targets: [Root]\n  - policy: lz-data-perimeter\n    targets: [Workloads]\n`;
    expect(configIssues(fixture({ "organization.yaml": twice }))).toEqual([
      'cfg/organization.yaml:45 resourceControlPolicies[1].policy: received "lz-data-perimeter"; expected a unique policy (resourceControlPolicies[0] already uses it); list all its targets in one entry',
    ]);
    const limited = `${ORG}limits:\n  rcpMaxPerTarget: 2\n`;
    expect(validConfig({ "organization.yaml": limited }).organization.limits.rcpMaxPerTarget).toBe(2);
    expect(configIssues(fixture({ "organization.yaml": `${ORG}limits:\n  rcpMaxPerTarget: 1\n` }))).toEqual([
      "cfg/organization.yaml:43 limits.rcpMaxPerTarget: received 1; expected a whole number of at least 2 policies (RCPFullAWSAccess plus one policy)",
    ]);
  });

  it("rejects a required tag the tag policy cannot require", () => {
    const org = `${ORG}tagPolicy:\n  requiredTags: [Owner, Team]\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:43 tagPolicy.requiredTags[1]: received "Team"; expected one of Owner, CostCenter',
    ]);
  });

  it("requires a security contact while an environment holds PHI, and none without PHI", () => {
    const org = ORG.replace(/contacts:\n(  .*\n)+/, "");
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      "cfg/organization.yaml:1 contacts.security: expected a security contact (name, title, email, phone) while accounts hold PHI (phi-prod): AWS sends security notices there (164.308(a)(6)(ii))",
    ]);
    expect(
      validConfig({ "organization.yaml": org, "prod.yaml": PROD_YAML.replace("phi: true", "phi: false") })
        .organization.contacts,
    ).toEqual({});
  });

  it("rejects a BAA service list whose entries IAM does not know, repeat, are always allowed or are dated ahead", () => {
    const org = `${ORG}hipaaEligibleServices:
  - prefix: s3
    checked: 2026-11-30
  - prefix: dynamo
    checked: 2026-11-30
  - prefix: s3
    checked: 2026-11-30
  - prefix: kms
    checked: 2026-11-30
  - prefix: dynamodb
    checked: 2999-01-01
`;
    const today = new Date().toISOString().slice(0, 10);
    // Only KMS's endpoint (always allowed), so the list's own rules are what this test sees.
    const prod = `${PROD_YAML}network:\n  interfaceEndpoints: [kms]\n`;
    expect(configIssues(fixture({ "organization.yaml": org, "prod.yaml": prod }))).toEqual([
      "cfg/organization.yaml:45 hipaaEligibleServices[1].prefix: received \"dynamo\"; expected an IAM service prefix (the part before ':' in the service's actions, e.g. s3, dynamodb); IAM knows no such service",
      'cfg/organization.yaml:49 hipaaEligibleServices[3].prefix: received "kms"; expected a service the landing zone does not already allow; kms is always allowed (encryption: a service that stores PHI under SSE-KMS calls KMS with the caller\'s identity, so a denied KMS breaks every eligible service)',
      `cfg/organization.yaml:52 hipaaEligibleServices[4].checked: received "2999-01-01"; expected the date the service was checked against AWS's list, ${today} or earlier`,
      'cfg/organization.yaml:47 hipaaEligibleServices[2].prefix: received "s3"; expected each service once; it is already hipaaEligibleServices[0]',
    ]);
  });

  it("rejects an added service already on the list it adds to, and checks added entries like listed ones", () => {
    const org = `${ORG}additionalHipaaEligibleServices:\n  - prefix: s3\n    checked: 2026-11-30\n  - prefix: pi\n    checked: 2026-11-30\n  - prefix: sts\n    checked: 2026-11-30\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:47 additionalHipaaEligibleServices[2].prefix: received "sts"; expected a service the landing zone does not already allow; sts is always allowed (role sessions: every Identity Center sign-in and role assumption is an STS call)',
      'cfg/organization.yaml:43 additionalHipaaEligibleServices[0].prefix: received "s3"; expected each service once; it is already on AWS\'s list as shipped (2025-06-17)',
    ]);
    const added = validConfig({
      "organization.yaml": `${ORG}additionalHipaaEligibleServices:\n  - prefix: pi\n    checked: 2026-11-30\n`,
    });
    expect(baaServicePrefixes(added.organization)).toContain("pi");
    expect(baaServicePrefixes(added.organization)).toContain("s3");
  });

  it("refuses an empty BAA service list, which would otherwise switch the deny off", () => {
    expect(configIssues(fixture({ "organization.yaml": `${ORG}hipaaEligibleServices: []\n` }))).toEqual([
      "cfg/organization.yaml:42 hipaaEligibleServices: received []; expected at least one service; omit hipaaEligibleServices for AWS's list as the landing zone ships it",
    ]);
  });

  it("warns, while an environment holds PHI, once the BAA service list is more than 180 days old, and not before", () => {
    const shipped = validConfig();
    expect(baaWarnings(shipped, "cfg", new Date("2025-12-14T12:00:00Z"))).toEqual([]);
    expect(baaWarnings(shipped, "cfg", new Date("2026-12-06T12:00:00Z"))).toEqual([
      "cfg/organization.yaml hipaaEligibleServices: it is AWS's list of 2025-06-17 as this landing zone ships it, 537 days ago (review at least every 180 days). lz-phi-workloads allows only the listed services where PHI may be (164.312(a)(1)). Compare the list with https://aws.amazon.com/compliance/hipaa-eligible-services-reference/ and your BAA: add a newly eligible service under additionalHipaaEligibleServices, or set hipaaEligibleServices to the services your review cleared, each with the date you checked it; then set baaListReviewed to the review's date (docs/controls.md#services-outside-the-baa).",
    ]);
    const listed = validConfig({
      "organization.yaml": `${ORG}hipaaEligibleServices:\n  - prefix: s3\n    checked: 2026-11-30\n  - prefix: ec2\n    checked: 2026-05-01\n`,
      "prod.yaml": `${PROD_YAML}network:\n  interfaceEndpoints: [kms]\n`,
    });
    expect(baaWarnings(listed, "cfg", new Date("2026-10-28T00:00:00Z"))).toEqual([]);
    expect(baaWarnings(listed, "cfg", new Date("2026-10-29T00:00:00Z"))[0]).toMatch(
      /^cfg\/organization\.yaml hipaaEligibleServices: its oldest entry was checked on 2026-05-01, 181 days ago /,
    );
    const noPhi = validConfig({ "prod.yaml": PROD_YAML.replace("phi: true", "phi: false") });
    expect(baaWarnings(noPhi, "cfg", new Date("2026-12-06T12:00:00Z"))).toEqual([]);
    // A review of the shipped list silences it for 180 days, and says so once they have passed.
    const reviewed = validConfig({ "organization.yaml": `${ORG}baaListReviewed: 2026-11-01\n` });
    expect(baaWarnings(reviewed, "cfg", new Date("2026-12-06T12:00:00Z"))).toEqual([]);
    expect(baaWarnings(reviewed, "cfg", new Date("2027-05-01T00:00:00Z"))[0]).toMatch(
      /^cfg\/organization\.yaml hipaaEligibleServices: it was last reviewed on 2026-11-01 \(baaListReviewed\), 181 days ago /,
    );
    expect(configIssues(fixture({ "organization.yaml": `${ORG}baaListReviewed: 2999-01-01\n` }))).toEqual([
      `cfg/organization.yaml:42 baaListReviewed: received "2999-01-01"; expected the date your review compared the list with AWS's, ${new Date().toISOString().slice(0, 10)} or earlier`,
    ]);
  });

  it("rejects a BAA service checked on a date the calendar does not have", () => {
    const org = `${ORG}hipaaEligibleServices:\n  - prefix: ec2\n    checked: 2026-02-30\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:44 hipaaEligibleServices[0].checked: received "2026-02-30"; expected the date it was checked as YYYY-MM-DD',
    ]);
  });

  it("rejects a contact AWS Account Management would refuse", () => {
    const org = ORG.replace('phone: "+1 555 0100"', "phone: call me").replace(
      "email: security@example.org",
      "email: security",
    );
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:14 contacts.security.email: received "security"; expected an email address (name@domain), at most 254 characters',
      'cfg/organization.yaml:15 contacts.security.phone: received "call me"; expected a phone number of digits, spaces and ()+-, at most 25 characters',
    ]);
  });

  it("rejects a tag enforcement target that is not <service>:<type> or <service>:ALL_SUPPORTED, or one AWS cannot enforce", () => {
    const org = `${ORG}tagPolicy:\n  enforcedFor: [s3:bucket, s3, rds:db]\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:43 tagPolicy.enforcedFor[1]: received "s3"; expected <service>:<resource type> or <service>:ALL_SUPPORTED, e.g. s3:bucket',
      'cfg/organization.yaml:43 tagPolicy.enforcedFor[2]: received "rds:db"; expected a resource type AWS can enforce a tag policy on; AWS\'s table marks rds:db, rds:cluster, rds:snapshot, rds:cluster-snapshot, dynamodb:globaltable, kinesis:stream, elasticache:replicationgroup, medical-imaging:datastore, kafka:cluster, iam:role, iam:user, ssm:parameter as reporting only (docs/controls.md)',
    ]);
  });

  it("takes image providers as AWS's aliases, account IDs or account names, refusing any other name", () => {
    const org = `${ORG}ec2DeclarativePolicy:\n  allowedImages:\n    providers: [amazon, aws_backup_vault, "123456789012", network, golden]\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:44 ec2DeclarativePolicy.allowedImages.providers[4]: received "golden"; expected amazon, aws_marketplace, aws_backup_vault, a 12-digit account ID or an account name in accounts: log-archive, security-tooling, network, phi-prod, backup',
    ]);
    const config = validConfig({
      "organization.yaml": `${ORG}ec2DeclarativePolicy:\n  allowedImages:\n    state: audit_mode\n    providers: [amazon, network]\n`,
    });
    expect(config.organization.ec2DeclarativePolicy.allowedImages.state).toBe("audit_mode");
    expect(imageProviders(config.organization, (name) => `id-of-${name}`)).toEqual([
      "amazon",
      "id-of-network",
    ]);
    expect(imageProviders(validConfig().organization, (name) => `id-of-${name}`)).toEqual([
      "amazon",
      "id-of-network",
    ]);
  });

  it("rejects a trusted account that is not a 12-digit account ID", () => {
    const org = `${ORG}dataPerimeter:\n  trustedAccounts: ["12345"]\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:43 dataPerimeter.trustedAccounts[0]: received "12345"; expected a 12-digit AWS account ID',
    ]);
  });

  it("attaches lz-phi-workloads by default to each topmost OU that allows PHI, never Suspended", () => {
    const org = ORG.replace(
      "  - name: Suspended\n",
      "  - name: Suspended\n  - name: Sandbox\n    allowPhi: false\n    children:\n      - name: Clinical\n        allowPhi: true\n",
    );
    const attachments = guardrailAttachments(validConfig({ "organization.yaml": org }).organization);
    expect(attachments.find((a) => a.policy === "lz-phi-workloads")!.targets).toEqual([
      "Security",
      "Workloads",
      "Sandbox/Clinical",
    ]);
  });

  it("rejects a default SCP attachment whose OU is missing", () => {
    const org = ORG.replace("  - name: Suspended\n", "");
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:21 organizationalUnits: received nothing; the default attachment of lz-deny-all targets "Suspended", which is not an OU; add that OU or set serviceControlPolicies',
    ]);
  });

  it("rejects an environment whose name differs from its file, and unknown or shared accounts", () => {
    const staging = "name: stage\nphi: true\naccounts: [phi-prod, phi-test]\ncidr: 10.20.0.0/16\n";
    expect(configIssues(fixture({ "staging.yaml": staging }))).toEqual([
      'cfg/staging.yaml:1 name: received "stage"; expected "staging", the file\'s name',
      'cfg/staging.yaml:3 accounts[0]: received "phi-prod"; expected an account that belongs to one environment only (it is already in prod)',
      'cfg/staging.yaml:3 accounts[1]: received "phi-test"; expected the name of an account in organization.yaml: log-archive, security-tooling, network, phi-prod, backup',
    ]);
  });

  it.each([
    ["10.10.0/16", "expected an IPv4 CIDR block such as 10.10.0.0/16"],
    ["10.10.1.0/16", "expected a network address with no host bits set for /16"],
    [
      "10.0.0.0/8",
      "expected a prefix from /16 to /22 (AWS allows /16 at most; below /22 (1024 addresses) leaves too little for subnets in two AZs and endpoints)",
    ],
    [
      "10.10.0.0/24",
      "expected a prefix from /16 to /22 (AWS allows /16 at most; below /22 (1024 addresses) leaves too little for subnets in two AZs and endpoints)",
    ],
    [
      "54.10.0.0/16",
      "expected a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10): PHI networks are never publicly addressed",
    ],
  ])("rejects the CIDR %s", (cidr, message) => {
    expect(configIssues(fixture({ "prod.yaml": PROD_YAML.replace("10.10.0.0/16", cidr) }))).toEqual([
      `cfg/prod.yaml:4 cidr: received "${cidr}"; ${message}`,
    ]);
  });

  it("rejects environments whose CIDRs overlap", () => {
    const org = `${ORG}  - name: phi-dev\n    email: phi-dev@example.org\n    ou: Workloads\n`;
    const dev = "name: dev\nphi: false\naccounts: [phi-dev]\ncidr: 10.10.128.0/20\n";
    expect(configIssues(fixture({ "organization.yaml": org, "dev.yaml": dev }))).toEqual([
      'cfg/prod.yaml:4 cidr: received "10.10.0.0/16"; expected a range that does not overlap 10.10.128.0/20 (cfg/dev.yaml)',
    ]);
  });
});

describe("log archive rules", () => {
  it("refuses retention under six years while an environment holds PHI, naming the section", () => {
    const org = `${ORG}logArchive:\n  retentionDays: 365\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      "cfg/organization.yaml:43 logArchive.retentionDays: received 365; expected at least 2192 days (six years, 45 CFR 164.316(b)(2)(i)) because these environments hold PHI: prod",
    ]);
    expect(
      validConfig({ "organization.yaml": org, "prod.yaml": PROD_YAML.replace("phi: true", "phi: false") })
        .organization.logArchive.retentionDays,
    ).toBe(365);
  });

  it("refuses a replica region that is not governed, or is the home region", () => {
    expect(
      configIssues(fixture({ "organization.yaml": `${ORG}logArchive:\n  replicationRegion: eu-west-1\n` })),
    ).toEqual([
      'cfg/organization.yaml:43 logArchive.replicationRegion: received "eu-west-1"; expected one of the governed regions: us-east-1, us-west-2',
    ]);
    expect(
      configIssues(fixture({ "organization.yaml": `${ORG}logArchive:\n  replicationRegion: us-east-1\n` })),
    ).toEqual([
      'cfg/organization.yaml:43 logArchive.replicationRegion: received "us-east-1"; expected a governed region other than homeRegion: a replica in the same region does not survive a regional outage',
    ]);
  });

  it("needs a second governed region for the replica", () => {
    const org = ORG.replace("regions: [us-east-1, us-west-2]", "regions: [us-east-1]");
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:3 regions: received ["us-east-1"]; expected a second governed region for the log archive\'s replica (or set logArchive.replicationRegion)',
    ]);
  });

  it("refuses transitions out of order", () => {
    const org = `${ORG}logArchive:\n  glacierInstantRetrievalAfterDays: 400\n  deepArchiveAfterDays: 365\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      "cfg/organization.yaml:44 logArchive.deepArchiveAfterDays: received 365; expected more days than glacierInstantRetrievalAfterDays (400)",
    ]);
  });

  it("defaults to six years, Glacier after 90 and 365 days, replica in the first other governed region", () => {
    const { organization } = validConfig();
    expect(organization.logArchive).toEqual({
      retentionDays: 2192,
      glacierInstantRetrievalAfterDays: 90,
      deepArchiveAfterDays: 365,
    });
    expect(replicationRegion(organization)).toBe("us-west-2");
  });
});

describe("reporting", () => {
  it("reports every problem across files in one pass", () => {
    const org = ORG.replace("log-archive@example.org", "bad").replace("ou: Workloads/Prod", "ou: Nowhere");
    const issues = configIssues(
      fixture({ "organization.yaml": org, "prod.yaml": PROD_YAML.replace("10.10.0.0/16", "300.1.1.1/16") }),
    );
    expect(issues).toEqual([
      'cfg/organization.yaml:28 accounts[0].email: received "bad"; expected an email address (name@domain) that no other AWS account uses',
      'cfg/prod.yaml:4 cidr: received "300.1.1.1/16"; expected an IPv4 CIDR block such as 10.10.0.0/16',
    ]);
  });
});
