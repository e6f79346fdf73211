// Parity with AWS's "Operational Best Practices for HIPAA Security" pack (vendored with its repository, path and
// commit in test/fixtures/aws-config-rules): every rule of AWS's template is deployed or excluded with a reason, and
// every rule we deploy beyond it says why (164.308(a)(8) evaluation: nothing silently dropped).
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { EXCLUDED_MANAGED_RULES, HIPAA_MANAGED_RULES } from "../../src/policies/hipaa-conformance-pack";

const TEMPLATE = path.join(
  __dirname,
  "..",
  "fixtures",
  "aws-config-rules",
  "Operational-Best-Practices-for-HIPAA-Security.yaml",
);

/** The managed rules of a conformance pack template, by source identifier. */
function templateRules(file: string): string[] {
  const template = parse(fs.readFileSync(file, "utf8")) as {
    Resources: Record<
      string,
      { Type: string; Properties: { Source: { Owner: string; SourceIdentifier: string } } }
    >;
  };
  return Object.values(template.Resources)
    .filter((r) => r.Type === "AWS::Config::ConfigRule" && r.Properties.Source.Owner === "AWS")
    .map((r) => r.Properties.Source.SourceIdentifier);
}

/** AWS's rules that are neither deployed nor excluded. */
function unaccounted(aws: readonly string[]): string[] {
  const deployed = new Set(HIPAA_MANAGED_RULES.map((r) => r.identifier));
  return aws.filter((id) => !deployed.has(id) && EXCLUDED_MANAGED_RULES[id] === undefined);
}

describe("parity with AWS's HIPAA conformance pack", () => {
  const aws = templateRules(TEMPLATE);

  it("reads AWS's template (130 managed rules in the vendored revision)", () => {
    expect(aws).toHaveLength(130);
    expect(new Set(aws).size).toBe(130);
    expect(aws).toContain("RDS_SNAPSHOT_ENCRYPTED");
  });

  it("deploys or excludes with a reason every rule of AWS's template", () => {
    expect(unaccounted(aws)).toEqual([]);
    for (const id of aws) {
      const why = EXCLUDED_MANAGED_RULES[id];
      if (why !== undefined) expect([id, why.length > 20]).toEqual([id, true]);
    }
  });

  it("fails on a rule AWS adds that we have not accounted for", () => {
    expect(unaccounted([...aws, "SOME_NEW_AWS_RULE"])).toEqual(["SOME_NEW_AWS_RULE"]);
  });

  it("excludes only AWS's rules, and marks exactly the rules AWS's pack lacks as additions, each with its why", () => {
    const inAws = new Set(aws);
    expect(Object.keys(EXCLUDED_MANAGED_RULES).filter((id) => !inAws.has(id))).toEqual([]);
    for (const rule of HIPAA_MANAGED_RULES) {
      expect([rule.identifier, rule.addition !== undefined]).toEqual([
        rule.identifier,
        !inAws.has(rule.identifier),
      ]);
    }
  });

  it("adds the managed rules the Lambda and data-store guidance asks for", () => {
    const additions = HIPAA_MANAGED_RULES.filter((r) => r.addition !== undefined).map((r) => r.identifier);
    expect(additions).toEqual(
      expect.arrayContaining(["LAMBDA_INSIDE_VPC", "LAMBDA_DLQ_CHECK", "DYNAMODB_TABLE_ENCRYPTED_KMS"]),
    );
  });
});
