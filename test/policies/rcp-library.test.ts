// The RCP library: every action is a real IAM action, every statement has a Sid, a comment saying why and
// Principal "*" (AWS requires it in an RCP), the policy fits AWS's size quota at the longest organization ID,
// and the perimeter's exceptions are the ones AWS documents. Decisions are proven in test/verify/verify.test.ts.
import { actionsOf, renderPolicy } from "../../src/policies/policy-document";
import {
  buildResourceControlPolicies,
  LONGEST_ORG_ID,
  PERIMETER_SERVICES,
  RCP_NAMES,
} from "../../src/policies/rcp-library";
import { isRealAction, statementComments } from "../helpers/iam-actions";

const rcps = buildResourceControlPolicies({ orgId: "o-abcdef1234", trustedAccounts: [] });
const [perimeter] = rcps;
const statement = (sid: string) => perimeter.document.Statement.find((s) => s.Sid === sid)!;

describe("RCP library", () => {
  it("renders every policy the configuration schema accepts, attached to Root by default", () => {
    expect(rcps.map((r) => [r.name, r.defaultTargets])).toEqual(RCP_NAMES.map((n) => [n, ["Root"]]));
  });

  it("names only real IAM actions, covering every perimeter service", async () => {
    const unknown: string[] = [];
    for (const action of actionsOf(perimeter.document))
      if (!(await isRealAction(action))) unknown.push(action);
    expect(unknown).toEqual([]);
    const services = new Set(actionsOf(perimeter.document).map((a) => a.split(":")[0]));
    expect([...services].sort()).toEqual([...PERIMETER_SERVICES].sort());
  });

  it("gives every statement a unique Sid, Principal *, Deny and a comment saying why", () => {
    const { uncommented, statements } = statementComments("src/policies/rcp-library.ts");
    expect(uncommented).toEqual([]);
    expect(statements).toBe(perimeter.document.Statement.length);
    for (const s of perimeter.document.Statement)
      expect([s.Sid, s.Effect, s.Principal]).toEqual([s.Sid, "Deny", "*"]);
    expect(new Set(perimeter.document.Statement.map((s) => s.Sid)).size).toBe(
      perimeter.document.Statement.length,
    );
  });

  it("fits AWS's 5,120-character RCP quota with the longest organization ID", () => {
    const longest = buildResourceControlPolicies({ orgId: LONGEST_ORG_ID, trustedAccounts: [] })[0];
    expect(LONGEST_ORG_ID).toMatch(/^o-[a-z0-9]{32}$/);
    expect(renderPolicy(longest.document).length).toBeLessThanOrEqual(5120);
  });

  it("denies outsiders except AWS services, leaving federated sign-in and AssumeRoot alone", () => {
    expect(statement("EnforceOrgIdentities")).toMatchObject({
      Resource: "*",
      Condition: {
        StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-abcdef1234" },
        BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
      },
    });
    const sts = actionsOf({ Version: "2012-10-17", Statement: [statement("EnforceOrgIdentities")] }).filter(
      (a) => a.startsWith("sts:"),
    );
    expect(sts).toContain("sts:AssumeRole");
    for (const kept of ["sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoot", "sts:*"])
      expect(sts).not.toContain(kept);
  });

  it("lets AWS services act only for this organization, where they say for whom", () => {
    expect(statement("EnforceConfusedDeputyProtection").Condition).toEqual({
      StringNotEqualsIfExists: { "aws:SourceOrgID": "o-abcdef1234" },
      Null: { "aws:SourceAccount": "false" },
      Bool: { "aws:PrincipalIsAWSService": "true" },
    });
  });

  it("refuses requests without TLS on every perimeter service", () => {
    expect(statement("EnforceSecureTransport")).toMatchObject({
      Action: ["s3:*", "kms:*", "sqs:*", "secretsmanager:*", "sts:*"],
      Condition: { BoolIfExists: { "aws:SecureTransport": "false" } },
    });
  });

  it("adds trusted accounts to the identity perimeter only", () => {
    const [trusted] = buildResourceControlPolicies({
      orgId: "o-abcdef1234",
      trustedAccounts: ["123456789012"],
    });
    expect(trusted.document.Statement[0].Condition!.StringNotEqualsIfExists).toEqual({
      "aws:PrincipalOrgID": "o-abcdef1234",
      "aws:PrincipalAccount": ["123456789012"],
    });
    expect(trusted.document.Statement.slice(1)).toEqual(perimeter.document.Statement.slice(1));
  });
});
