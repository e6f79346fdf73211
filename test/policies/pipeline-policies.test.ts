// Decision tables for the state bucket and key policies make bootstrap writes, evaluated by the offline policy
// simulator with the pipeline roles' real policies (AdministratorAccess, ReadOnlyAccess): this proves the
// policies admit and refuse whom they should, which the emulator cannot (it enforces no policy).
import { transportGuards } from "../../modules/secure-bucket";
import {
  githubSubjects,
  githubTrustPolicy,
  planRolePolicy,
  StateAccess,
  stateBucketStatements,
  stateKeyPolicy,
} from "../../src/policies/pipeline-policies";
import { PolicyDocument } from "../../src/policies/policy-document";
import { awsManagedPolicies, evaluate, ssoRoleName } from "../helpers/iam-simulation";

/** The simulator's document type; the landing zone's documents are readonly. */
const doc = (policy: PolicyDocument) => policy as unknown as { Version: string; Statement: unknown[] };
const ACCOUNT = "111122223333";
const BUCKET_ARN = "arn:aws:s3:::example-health-lz-tfstate";
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0b1c2d3e-0000-4000-8000-000000000000`;
const access: StateAccess = {
  accountId: ACCOUNT,
  deployRole: "lz-deploy",
  planRole: "lz-plan",
  breakGlassRole: "lz-break-glass",
  region: "us-east-1",
};
const managed = awsManagedPolicies([
  "arn:aws:iam::aws:policy/AdministratorAccess",
  "arn:aws:iam::aws:policy/ReadOnlyAccess",
]);
const admin = managed["arn:aws:iam::aws:policy/AdministratorAccess"];
const readOnly = managed["arn:aws:iam::aws:policy/ReadOnlyAccess"];
const bucketPolicy = {
  Version: "2012-10-17",
  Statement: [...transportGuards(BUCKET_ARN), ...stateBucketStatements(BUCKET_ARN, access)],
};
const identities = {
  deploy: { name: "deploy", roleName: "lz-deploy", policies: [admin] },
  plan: {
    name: "plan",
    roleName: "lz-plan",
    policies: [readOnly, doc(planRolePolicy(BUCKET_ARN, KEY_ARN, "lz-plan-reader"))],
  },
  breakGlass: { name: "break-glass", roleName: ssoRoleName("BreakGlass"), policies: [admin] },
  platformAdmin: { name: "platform-admin", roleName: ssoRoleName("PlatformAdmin"), policies: [admin] },
};

const stateObject = `${BUCKET_ARN}/landing-zone/organization.tfstate`;
const tls = { "aws:SecureTransport": "true", "s3:TlsVersion": "1.3" };

describe("the state bucket policy", () => {
  it.each([
    ["deploy", "s3:GetObject", "Allowed"],
    ["deploy", "s3:PutObject", "Allowed"],
    ["plan", "s3:GetObject", "Allowed"],
    ["plan", "s3:PutObject", "ExplicitlyDenied"],
    ["plan", "s3:DeleteObject", "ExplicitlyDenied"],
    ["breakGlass", "s3:PutObject", "Allowed"],
    ["platformAdmin", "s3:GetObject", "ExplicitlyDenied"],
    ["platformAdmin", "s3:PutObject", "ExplicitlyDenied"],
  ] as const)("%s %s on a state object: %s", async (who, action, decision) => {
    expect(
      await evaluate({
        identity: identities[who],
        accountId: ACCOUNT,
        action,
        resource: stateObject,
        resourcePolicy: bucketPolicy,
        context: tls,
        scps: [],
      }),
    ).toBe(decision);
  });

  it("leaves bucket settings to IAM, so the administrator running make bootstrap can read them back", async () => {
    expect(
      await evaluate({
        identity: identities.platformAdmin,
        accountId: ACCOUNT,
        action: "s3:GetBucketPolicy",
        resource: BUCKET_ARN,
        resourcePolicy: bucketPolicy,
        context: tls,
        scps: [],
      }),
    ).toBe("Allowed");
  });

  it.each([
    [{ "aws:SecureTransport": "false", "s3:TlsVersion": "1.3" }, "ExplicitlyDenied"],
    [{ "aws:SecureTransport": "true", "s3:TlsVersion": "1.1" }, "ExplicitlyDenied"],
  ])("refuses the deploy role without TLS 1.2 (%o): %s", async (context, decision) => {
    expect(
      await evaluate({
        identity: identities.deploy,
        accountId: ACCOUNT,
        action: "s3:GetObject",
        resource: stateObject,
        resourcePolicy: bucketPolicy,
        context,
        scps: [],
      }),
    ).toBe(decision);
  });
});

describe("the state key policy", () => {
  const via = { "kms:ViaService": "s3.us-east-1.amazonaws.com" };
  it.each([
    ["deploy", "kms:GenerateDataKey", via, "Allowed"],
    ["deploy", "kms:Decrypt", via, "Allowed"],
    ["deploy", "kms:Decrypt", {}, "ImplicitlyDenied"],
    ["plan", "kms:Decrypt", via, "Allowed"],
    ["plan", "kms:GenerateDataKey", via, "ImplicitlyDenied"],
    ["platformAdmin", "kms:Decrypt", via, "ImplicitlyDenied"],
    ["platformAdmin", "kms:PutKeyPolicy", {}, "Allowed"],
    ["platformAdmin", "kms:EnableKeyRotation", {}, "Allowed"],
  ] as const)("%s %s %o: %s", async (who, action, context, decision) => {
    expect(
      await evaluate({
        identity: identities[who],
        accountId: ACCOUNT,
        action,
        resource: KEY_ARN,
        resourcePolicy: doc(stateKeyPolicy(access)),
        context: { ...context },
        scps: [],
      }),
    ).toBe(decision);
  });
});

describe("the GitHub trust policies", () => {
  const subjects = githubSubjects("example-health/landing-zone", "main", ["organization", "accounts"]);

  it("names each release environment for the deploy role and pull requests and the branch for the plan role", () => {
    expect(subjects).toEqual({
      deploy: [
        "repo:example-health/landing-zone:environment:organization",
        "repo:example-health/landing-zone:environment:accounts",
      ],
      plan: [
        "repo:example-health/landing-zone:pull_request",
        "repo:example-health/landing-zone:ref:refs/heads/main",
      ],
    });
  });

  it("requires the audience and an exact subject, never a wildcard", () => {
    const policy = githubTrustPolicy(
      "GitHubDeploy",
      "arn:aws:iam::111122223333:oidc-provider/x",
      subjects.deploy,
    );
    expect(policy.Statement[0]).toEqual({
      Sid: "GitHubDeploy",
      Effect: "Allow",
      Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/x" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": subjects.deploy,
        },
      },
    });
    expect(JSON.stringify(policy)).not.toContain("*");
  });
});
