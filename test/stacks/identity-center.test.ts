// The identity-center stack: every catalogue set with its session length and policies, group lookups by display
// name, and one assignment per group, set and account after OU expansion (BreakGlass on Root: the management
// account too).
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { expandAssignments } from "../../src/config/model";
import { AWS_MANAGED, LOG_DATA_READ_ACTIONS } from "../../src/policies/permission-sets";
import { synthApp } from "../helpers/synth";

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const app = synthApp(example);
const stack = app.stacks.get("identity-center")!;
const resources = (type: string) => Object.values(stack.resource[type] ?? {});

describe("identity-center stack", () => {
  it("creates the catalogue's seven sets with one-hour sessions", () => {
    expect(
      resources("aws_ssoadmin_permission_set").map((s) => `${String(s.name)} ${String(s.session_duration)}`),
    ).toEqual(
      [
        "PlatformAdmin PT1H",
        "SecurityAudit PT1H",
        "SecurityResponder PT1H",
        "Developer PT1H",
        "PHIReadOnly PT1H",
        "Billing PT1H",
        "BreakGlass PT1H",
      ].sort(),
    );
  });

  it("attaches the managed policies and the inline policies of the catalogue", () => {
    const attached = resources("aws_ssoadmin_managed_policy_attachment").map((a) => a.managed_policy_arn);
    expect(attached.sort()).toEqual(
      [
        AWS_MANAGED.administratorAccess,
        AWS_MANAGED.securityAudit,
        AWS_MANAGED.viewOnlyAccess,
        AWS_MANAGED.securityAudit,
        AWS_MANAGED.powerUserAccess,
        AWS_MANAGED.readOnlyAccess,
        AWS_MANAGED.billing,
        AWS_MANAGED.administratorAccess,
      ].sort(),
    );
    const inline = new Map(
      Object.entries(stack.resource.aws_ssoadmin_permission_set_inline_policy).map(([key, p]) => [
        /set-([A-Za-z]+)_inline/.exec(key)![1],
        JSON.parse(String(p.inline_policy)) as { Statement: Array<{ Sid: string; Resource: unknown }> },
      ]),
    );
    expect(Object.fromEntries([...inline].map(([set, p]) => [set, p.Statement.map((s) => s.Sid)]))).toEqual({
      SecurityResponder: ["TriageFindings", "InvestigateTrail"],
      Developer: ["DenyPhiKeyUse", "DenyPhiAccounts", "DenyLogDataTaggedPhi"],
      PHIReadOnly: ["DenyPhiKeyUse", "DenyLogData"],
    });
    // The Developer's deny names both PHI accounts (prod and staging) once, by their account IDs, for becoming a
    // role there and for reading log data there.
    const phiAccounts = inline.get("Developer")!.Statement[1] as unknown as {
      Action: string[];
      Resource: unknown;
      Condition: { StringEquals: Record<string, string[]> };
    };
    expect(phiAccounts.Resource).toBe("*");
    expect(phiAccounts.Action.slice(0, 3)).toEqual([
      "sts:AssumeRole",
      "sts:AssumeRoleWithSAML",
      "sts:AssumeRoleWithWebIdentity",
    ]);
    expect(phiAccounts.Action.slice(3)).toEqual([...LOG_DATA_READ_ACTIONS]);
    expect(phiAccounts.Condition.StringEquals["aws:ResourceAccount"]).toEqual([
      expect.stringMatching(/^\$\{.*phi-prod.*\}$/),
      expect.stringMatching(/^\$\{.*phi-staging.*\}$/),
    ]);
  });

  it("looks each group up by display name in the instance's identity store", () => {
    const groups = Object.values(stack.data?.aws_identitystore_group ?? {});
    expect(
      groups.map((g) => (g.alternate_identifier as { unique_attribute: unknown }).unique_attribute),
    ).toEqual(
      [...example.organization.identityCenter!.groups].sort().map((name) => ({
        attribute_path: "DisplayName",
        attribute_value: name,
      })),
    );
    const instance = Object.keys(stack.data?.aws_ssoadmin_instances ?? {});
    expect(instance).toHaveLength(1);
    for (const group of groups) {
      expect(group.identity_store_id).toBe(
        `\${element(data.aws_ssoadmin_instances.${instance[0]}.identity_store_ids, 0)}`,
      );
    }
  });

  it("assigns one group, set and account per assignment after expanding OUs", () => {
    const assignments = resources("aws_ssoadmin_account_assignment");
    expect(assignments).toHaveLength(expandAssignments(example.organization).length);
    // Root expands to all eight accounts; Workloads to the three PHI workload accounts.
    const count = (set: string) =>
      Object.keys(stack.resource.aws_ssoadmin_account_assignment).filter((k) => k.includes(`-${set}-`))
        .length;
    expect([
      count("PlatformAdmin"),
      count("PHIReadOnly"),
      count("Developer"),
      count("SecurityResponder"),
    ]).toEqual([8, 3, 2, 1]);
    for (const a of assignments) {
      expect(a).toMatchObject({ principal_type: "GROUP", target_type: "AWS_ACCOUNT" });
    }
  });

  it("gives BreakGlass the management account beside the eight members, and no other set", () => {
    const targets = (set: string) =>
      Object.entries(stack.resource.aws_ssoadmin_account_assignment)
        .filter(([key]) => key.includes(`-${set}-`))
        .map(([key, a]) => [/-(management|[a-z-]+)_[0-9A-F]+$/.exec(key)![1], String(a.target_id)] as const);
    const breakGlass = new Map(targets("BreakGlass"));
    expect(breakGlass.size).toBe(9);
    // The management account's ID is the organization's master_account_id, from the organization stack.
    expect(breakGlass.get("management")).toMatch(/organization.*master_account_id\}$/);
    for (const set of ["PlatformAdmin", "SecurityAudit", "Billing"]) {
      expect(targets(set).map(([account]) => account)).not.toContain("management");
    }
  });

  it("is not created when identityCenter is not configured", () => {
    const withoutCenter = {
      ...example,
      organization: { ...example.organization, identityCenter: undefined },
    };
    expect(synthApp(withoutCenter).stacks.has("identity-center")).toBe(false);
  });
});
