// Validation of identityCenter: groups, permission sets and targets that exist, no duplicate assignment, no
// inline administrator access, short sessions where PHI is reachable, and each set only where it belongs.
import { expandAssignments, MANAGEMENT_ACCOUNT_NAME, permissionSets } from "../../src/config/model";
import { configIssues, fixture, ORGANIZATION_YAML, validConfig } from "../helpers/config-fixture";

const GROUPS = `identityCenter:
  groups: [admins, auditors, developers, responders, analysts]
`;

describe("identityCenter", () => {
  it("expands OU assignments to every account in and below the OU, and Root to every account", () => {
    const org = validConfig({
      "organization.yaml": `${ORGANIZATION_YAML}${GROUPS}  assignments:
    - { group: admins, permissionSet: PlatformAdmin, ous: [Root] }
    - { group: auditors, permissionSet: SecurityAudit, ous: [Workloads], accounts: [log-archive] }
`,
    }).organization;
    expect(
      expandAssignments(org).map((a) => `${a.index} ${a.group} ${a.permissionSet} ${a.account}`),
    ).toEqual([
      "0 admins PlatformAdmin log-archive",
      "0 admins PlatformAdmin security-tooling",
      "0 admins PlatformAdmin network",
      "0 admins PlatformAdmin phi-prod",
      "0 admins PlatformAdmin backup",
      "1 auditors SecurityAudit log-archive",
      "1 auditors SecurityAudit network",
      "1 auditors SecurityAudit phi-prod",
    ]);
  });

  it("gives BreakGlass on Root the management account too, and no other set or target", () => {
    const org = validConfig({
      "organization.yaml": `${ORGANIZATION_YAML}${GROUPS}  assignments:
    - { group: admins, permissionSet: BreakGlass, ous: [Root] }
    - { group: admins, permissionSet: PlatformAdmin, ous: [Root] }
    - { group: auditors, permissionSet: BreakGlass, ous: [Workloads], accounts: [network] }
`,
    }).organization;
    const reached = (index: number) =>
      expandAssignments(org)
        .filter((a) => a.index === index)
        .map((a) => a.account);
    expect(reached(0)).toEqual([
      MANAGEMENT_ACCOUNT_NAME,
      "log-archive",
      "security-tooling",
      "network",
      "phi-prod",
      "backup",
    ]);
    // Root means the member accounts for every other set, and only Root reaches the management account.
    expect(reached(1)).not.toContain(MANAGEMENT_ACCOUNT_NAME);
    expect(reached(2)).toEqual(["network", "phi-prod"]);
  });

  it("adds configured permission sets to the catalogue with their defaults", () => {
    const org = validConfig({
      "organization.yaml": `${ORGANIZATION_YAML}${GROUPS}  permissionSets:
    - name: DataAnalyst
      managedPolicies: [arn:aws:iam::aws:policy/AmazonAthenaFullAccess]
      customerManagedPolicies: [{ name: lz-analyst }]
      permissionsBoundary: { managedPolicyArn: arn:aws:iam::aws:policy/PowerUserAccess }
`,
    }).organization;
    const sets = permissionSets(org, { phiAccountIds: [] });
    expect(sets.map((s) => s.name)).toEqual([
      "PlatformAdmin",
      "SecurityAudit",
      "SecurityResponder",
      "Developer",
      "PHIReadOnly",
      "Billing",
      "BreakGlass",
      "DataAnalyst",
    ]);
    expect(sets[7]).toMatchObject({
      sessionHours: 1,
      scope: "any",
      customerManagedPolicies: [{ name: "lz-analyst", path: "/" }],
      permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
    });
  });

  it("names every unknown group, set, account and OU, and every duplicate, at once", () => {
    const yaml = `${ORGANIZATION_YAML}${GROUPS}  assignments:
    - { group: admins, permissionSet: PlatformAdmin, accounts: [phi-prod] }
    - { group: operators, permissionSet: Operator, accounts: [phi-test], ous: [Workloads/Dev] }
    - { group: admins, permissionSet: PlatformAdmin, ous: [Workloads] }
    - { group: admins, permissionSet: PlatformAdmin }
`;
    expect(configIssues(fixture({ "organization.yaml": yaml }))).toEqual([
      'cfg/organization.yaml:48 identityCenter.assignments[3]: received {"group":"admins","permissionSet":"PlatformAdmin"}; expected at least one target in accounts or ous',
    ]);
    const fixed = yaml.replace("    - { group: admins, permissionSet: PlatformAdmin }\n", "");
    expect(configIssues(fixture({ "organization.yaml": fixed }))).toEqual([
      'cfg/organization.yaml:46 identityCenter.assignments[1].group: received "operators"; expected one of the groups: admins, auditors, developers, responders, analysts',
      'cfg/organization.yaml:46 identityCenter.assignments[1].permissionSet: received "Operator"; expected one of the permission sets: PlatformAdmin, SecurityAudit, SecurityResponder, Developer, PHIReadOnly, Billing, BreakGlass',
      'cfg/organization.yaml:46 identityCenter.assignments[1].accounts[0]: received "phi-test"; expected one of the accounts: log-archive, security-tooling, network, phi-prod, backup',
      'cfg/organization.yaml:46 identityCenter.assignments[1].ous[0]: received "Workloads/Dev"; expected Root or one of the OU paths: Root, Security, Workloads, Workloads/Prod, Suspended',
      'cfg/organization.yaml:47 identityCenter.assignments[2]: received {"group":"admins","permissionSet":"PlatformAdmin"}; expected each group, permission set and account once: assignments[0] already gives "admins" PlatformAdmin in account "phi-prod"',
    ]);
  });

  it("refuses a group or a configured set listed twice, in the one uniqueness wording, naming the first", () => {
    const yaml = `${ORGANIZATION_YAML}identityCenter:
  groups: [admins, auditors, admins]
  permissionSets:
    - { name: Operator, managedPolicies: [arn:aws:iam::aws:policy/ReadOnlyAccess] }
    - { name: Operator, managedPolicies: [arn:aws:iam::aws:policy/ReadOnlyAccess] }
`;
    expect(configIssues(fixture({ "organization.yaml": yaml }))).toEqual([
      'cfg/organization.yaml:43 identityCenter.groups[2]: received "admins"; expected a unique group (identityCenter.groups[0] already uses it)',
      'cfg/organization.yaml:46 identityCenter.permissionSets[1].name: received "Operator"; expected a unique permission set name (identityCenter.permissionSets[0] already uses it)',
    ]);
  });

  it("refuses a non-PHI set in security-tooling while it reads the PHI accounts' logs (which cannot be switched off while PHI is)", () => {
    const assignment = `${ORGANIZATION_YAML}${GROUPS}  assignments:
    - { group: developers, permissionSet: Developer, accounts: [security-tooling] }
`;
    expect(configIssues(fixture({ "organization.yaml": assignment }))).toEqual([
      `cfg/organization.yaml:45 identityCenter.assignments[0].permissionSet: received "Developer"; expected a permission set allowed in PHI accounts: Developer is for non-PHI environments only, and account "security-tooling" reads the PHI accounts' log groups through the central application logs (detectiveControls.centralLogs) (164.312(a)(1))`,
    ]);
    const off = assignment.replace(
      "identityCenter:",
      "detectiveControls:\n  centralLogs:\n    enabled: false\nidentityCenter:",
    );
    // Central logs may be off only without PHI; the fixture's prod holds PHI, so that is refused instead.
    expect(configIssues(fixture({ "organization.yaml": off }))).toEqual([
      expect.stringContaining("detectiveControls.centralLogs.enabled: received false; expected true"),
    ]);
  });

  it("refuses a non-PHI set in a PHI account and a security-tooling set anywhere else", () => {
    const yaml = `${ORGANIZATION_YAML}${GROUPS}  assignments:
    - { group: developers, permissionSet: Developer, ous: [Workloads] }
    - { group: responders, permissionSet: SecurityResponder, accounts: [security-tooling, network] }
`;
    expect(configIssues(fixture({ "organization.yaml": yaml }))).toEqual([
      'cfg/organization.yaml:45 identityCenter.assignments[0].permissionSet: received "Developer"; expected a permission set allowed in PHI accounts: Developer is for non-PHI environments only, and account "phi-prod" is in a PHI environment (164.312(a)(1))',
      'cfg/organization.yaml:46 identityCenter.assignments[1].permissionSet: received "SecurityResponder"; expected only the security-tooling account ("security-tooling"): SecurityResponder is scoped to it, and this assignment reaches "network"',
    ]);
  });

  it('refuses inline "*" on "*", a catalogue name, and a long session that reaches PHI, naming the set', () => {
    const yaml = `${ORGANIZATION_YAML}${GROUPS}  permissionSets:
    - name: Analyst
      sessionHours: 8
      inlinePolicy:
        Version: "2012-10-17"
        Statement:
          - { Sid: ReadLogs, Effect: Allow, Action: logs:GetLogEvents, Resource: "*" }
          - { Sid: Everything, Effect: Allow, Action: ["*"], Resource: "*" }
    - name: BreakGlass
  assignments:
    - { group: analysts, permissionSet: Analyst, accounts: [network, phi-prod] }
`;
    expect(configIssues(fixture({ "organization.yaml": yaml }))).toEqual([
      'cfg/organization.yaml:51 identityCenter.permissionSets[0].inlinePolicy.Statement[1]: received {"Sid":"Everything","Effect":"Allow","Action":["*"],"Resource":"*"}; expected specific actions or resources: permission set "Analyst" would allow "*" on "*" inline (least privilege, 164.308(a)(4)); name the actions it needs, or use a reviewed catalogue set',
      "cfg/organization.yaml:52 identityCenter.permissionSets[1].name: received \"BreakGlass\"; expected a name other than the catalogue's (PlatformAdmin, SecurityAudit, SecurityResponder, Developer, PHIReadOnly, Billing, BreakGlass); the catalogue's sets always exist",
      'cfg/organization.yaml:46 identityCenter.permissionSets[0].sessionHours: received 8; expected at most 4 hours: permission set "Analyst" is assigned to PHI account "phi-prod" (assignments[0]), and sessions that reach PHI end within 4 hours (automatic logoff, 164.312(a)(2)(iii))',
    ]);
    // The same set is fine in non-PHI accounts only.
    const nonPhi = yaml
      .replace("[network, phi-prod]", "[network]")
      .replace(/          - \{ Sid: Everything.*\n/, "")
      .replace("    - name: BreakGlass\n", "");
    expect(
      validConfig({ "organization.yaml": nonPhi }).organization.identityCenter?.permissionSets[0],
    ).toMatchObject({
      name: "Analyst",
      sessionHours: 8,
    });
  });
});
