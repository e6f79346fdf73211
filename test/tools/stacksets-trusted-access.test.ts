// StackSets trusted access with Organizations, which the deploy-role StackSet for invited accounts needs: make
// preflight's check and make bootstrap's activation, each against a stubbed CloudFormation (and Organizations)
// client, both ways, and on the emulator, which lacks both APIs, never a pass.
import {
  ActivateOrganizationsAccessCommand,
  DescribeOrganizationsAccessCommand,
} from "@aws-sdk/client-cloudformation";
import {
  Account,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  Organization,
} from "@aws-sdk/client-organizations";
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import {
  CloudFormationSender,
  ensureStackSetsAccess,
  stackSetsAccessStep,
} from "../../src/deploy/stacksets-access";
import {
  checkStackSetsTrustedAccess,
  PreflightContext,
  PREFLIGHT_CHECKS,
} from "../../src/tools/preflight-checks";

const config = loadConfig(path.join(__dirname, "..", "..", "environments"));
const MANAGEMENT = "111111111111";
const organization: Organization = { Id: "o-abc", MasterAccountId: MANAGEMENT, FeatureSet: "ALL" };
const accounts: Account[] = [
  { Id: MANAGEMENT, Name: "management", JoinedMethod: "INVITED", Status: "ACTIVE" },
  { Id: "222222222222", Name: "phi-prod", JoinedMethod: "CREATED", Status: "ACTIVE" },
];
const invited: Account = { Id: "333333333333", Name: "legacy", JoinedMethod: "INVITED", Status: "ACTIVE" };

/** A CloudFormation stand-in: DescribeOrganizationsAccess answers `status` (or throws `error`); calls are kept. */
function cloudFormation(status: string | Error) {
  const calls: string[] = [];
  const client: CloudFormationSender = {
    send: (async (command: unknown) => {
      if (command instanceof DescribeOrganizationsAccessCommand) {
        calls.push(`Describe(${command.input.CallAs})`);
        if (status instanceof Error) throw status;
        return { Status: status };
      }
      if (command instanceof ActivateOrganizationsAccessCommand) {
        calls.push("Activate");
        return {};
      }
      throw new Error(`unexpected ${String(command)}`);
    }) as CloudFormationSender["send"],
  };
  return { client, calls };
}

/** The emulator's refusal of an API it does not have. */
function unsupported(): Error {
  return Object.assign(new Error("not implemented"), { name: "InvalidAction", $metadata: {} });
}

/** A preflight context with `members`; `org` null: the caller's account is in no organization. */
function context(
  members: Account[],
  endpoint?: string,
  org: Organization | null = organization,
): PreflightContext {
  return {
    config,
    settings: { region: "us-east-1", endpoint },
    callerAccount: MANAGEMENT,
    organization: org ?? undefined,
    accounts: members,
    ouIds: new Map(),
    trustedPrincipals: [],
  };
}

describe("make preflight: checkStackSetsTrustedAccess", () => {
  it("is one of the checks make preflight runs", () => {
    expect(PREFLIGHT_CHECKS).toContain(checkStackSetsTrustedAccess);
  });

  it("passes when CloudFormation says ENABLED, asking as the management account itself", async () => {
    const cfn = cloudFormation("ENABLED");
    const results = await checkStackSetsTrustedAccess(context([...accounts, invited]), cfn.client);
    expect(results).toEqual([
      {
        check: "stacksets-trusted-access",
        status: "pass",
        message: expect.stringContaining("ENABLED (CloudFormation DescribeOrganizationsAccess)"),
      },
    ]);
    expect(cfn.calls).toEqual(["Describe(SELF)"]);
  });

  it("fails when it is DISABLED, naming the invited account and what to run", async () => {
    const cfn = cloudFormation("DISABLED");
    const [result] = await checkStackSetsTrustedAccess(context([...accounts, invited]), cfn.client);
    expect(result.status).toBe("fail");
    expect(result.message).toContain("CloudFormation StackSets trusted access is DISABLED");
    expect(result.message).toContain("333333333333 (legacy)");
    expect(result.fix).toBe("make bootstrap (or aws cloudformation activate-organizations-access)");
  });

  it("is not checkable against the emulator, and says so without passing", async () => {
    const cfn = cloudFormation(unsupported());
    const [result] = await checkStackSetsTrustedAccess(
      context([...accounts, invited], "http://127.0.0.1:4566"),
      cfn.client,
    );
    expect(result.status).toBe("unchecked");
    expect(result.message).toMatch(/^not checkable locally: .*DescribeOrganizationsAccess \(InvalidAction\)/);
  });

  it("lets AWS's own errors through on AWS (withAwsErrors turns them into a message)", async () => {
    const cfn = cloudFormation(unsupported());
    await expect(checkStackSetsTrustedAccess(context([...accounts, invited]), cfn.client)).rejects.toThrow(
      "not implemented",
    );
  });

  it("asks nothing when no member joined by invitation (no StackSet), and waits for an organization", async () => {
    const cfn = cloudFormation("DISABLED");
    expect(await checkStackSetsTrustedAccess(context(accounts), cfn.client)).toEqual([
      expect.objectContaining({ status: "pass", message: expect.stringContaining("not needed") }),
    ]);
    expect(await checkStackSetsTrustedAccess(context([], undefined, null), cfn.client)).toEqual([
      expect.objectContaining({ status: "pending" }),
    ]);
    expect(cfn.calls).toEqual([]);
  });
});

describe("make bootstrap: ensureStackSetsAccess and its step", () => {
  it("activates when DISABLED and leaves ENABLED alone (idempotent)", async () => {
    const disabled = cloudFormation("DISABLED");
    expect(await ensureStackSetsAccess(disabled.client, false)).toEqual({
      action: "activated",
      was: "DISABLED",
    });
    expect(disabled.calls).toEqual(["Describe(SELF)", "Activate"]);
    const enabled = cloudFormation("ENABLED");
    expect(await ensureStackSetsAccess(enabled.client, false)).toEqual({ action: "already-enabled" });
    expect(enabled.calls).toEqual(["Describe(SELF)"]);
  });

  it("on the emulator reports the missing API and activates nothing; on AWS the error stops bootstrap", async () => {
    const local = cloudFormation(unsupported());
    expect(await ensureStackSetsAccess(local.client, true)).toEqual({
      action: "unsupported",
      error: "InvalidAction",
    });
    expect(local.calls).toEqual(["Describe(SELF)"]);
    await expect(ensureStackSetsAccess(cloudFormation(unsupported()).client, false)).rejects.toThrow();
  });

  /** An Organizations stand-in with `org` and two pages of accounts. */
  function organizations(org: Organization | undefined, members: Account[]) {
    return {
      send: (async (command: unknown) => {
        if (command instanceof DescribeOrganizationCommand) {
          if (!org) throw Object.assign(new Error("none"), { name: "AWSOrganizationsNotInUseException" });
          return { Organization: org };
        }
        if (command instanceof ListAccountsCommand) {
          return command.input.NextToken
            ? { Accounts: members.slice(1) }
            : { Accounts: members.slice(0, 1), NextToken: "page-2" };
        }
        throw new Error(`unexpected ${String(command)}`);
      }) as never,
    };
  }

  it("activates only for an organization managed from here that has an invited member (found on any page)", async () => {
    const cfn = cloudFormation("DISABLED");
    expect(
      await stackSetsAccessStep(
        organizations(organization, [...accounts, invited]),
        cfn.client,
        MANAGEMENT,
        false,
      ),
    ).toMatch(/^bootstrap: StackSets trusted access: was DISABLED, activated/);
    const untouched = cloudFormation("DISABLED");
    expect(
      await stackSetsAccessStep(organizations(organization, accounts), untouched.client, MANAGEMENT, false),
    ).toContain("not needed (no member joined by invitation");
    expect(
      await stackSetsAccessStep(organizations(undefined, []), untouched.client, MANAGEMENT, false),
    ).toContain("not needed yet");
    expect(untouched.calls).toEqual([]);
  });
});
