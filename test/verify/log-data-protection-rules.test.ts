// The CloudWatch Logs data protection policy (issue 32): rule log-data-identifiers holds on the example and fails,
// naming each HIPAA identifier left unmasked, on the six-health-identifier policy of before the fix; rule
// log-data-protection-size fails on a document over AWS's 30,720 characters and on audit and de-identify
// statements that differ.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { logDataProtectionPolicy } from "../../src/policies/log-data-protection";
import { logDataProtectionIdentifiers } from "../../src/verify/rules/log-data-protection-identifiers";
import { logDataProtectionSize } from "../../src/verify/rules/log-data-protection-size";
import { ServiceRule } from "../../src/verify/rules/rule";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { synthApp } from "../helpers/synth";

jest.setTimeout(60_000);

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const synthesized = synthApp(example);

type Block = Record<string, unknown>;

/** A rule's findings on the example with every data protection policy document replaced by `document`. */
function findingsWith(rule: ServiceRule, document?: (old: string) => string): string[] {
  const stacks = JSON.parse(JSON.stringify(Object.fromEntries(synthesized.stacks))) as Record<
    string,
    { resource: Record<string, Record<string, Block>> }
  >;
  for (const stack of Object.values(stacks)) {
    for (const policy of Object.values(stack.resource?.aws_cloudwatch_log_account_policy ?? {})) {
      if (document) policy.policy_document = document(String(policy.policy_document));
    }
  }
  const model = new SynthesizedLandingZone(
    new Map(Object.entries(stacks)),
    allAccountNames(example.organization),
  );
  return rule.check(model, example).map((f) => `${f.address}: ${f.message}`);
}

/** The policy as it was before issue 32: six US health identifiers and five credentials. */
const OLD_IDENTIFIERS = [
  "DrugEnforcementAgencyNumber-US",
  "HealthcareProcedureCode-US",
  "HealthInsuranceClaimNumber-US",
  "MedicareBeneficiaryNumber-US",
  "NationalDrugCode-US",
  "NationalProviderId-US",
  "AwsSecretKey",
  "OpenSshPrivateKey",
  "PgpPrivateKey",
  "PkcsPrivateKey",
  "PuttyPrivateKey",
];

it("both rules hold on the example, which has a policy in every PHI account and governed region", () => {
  const policies = [...synthesized.stacks.values()].flatMap((s) =>
    Object.keys(s.resource.aws_cloudwatch_log_account_policy ?? {}),
  );
  expect(policies.length).toBeGreaterThan(0);
  expect(findingsWith(logDataProtectionIdentifiers)).toEqual([]);
  expect(findingsWith(logDataProtectionSize)).toEqual([]);
});

it("fails on the old policy, naming every unmasked HIPAA identifier and its paragraph", () => {
  const findings = findingsWith(logDataProtectionIdentifiers, () =>
    JSON.stringify(logDataProtectionPolicy(OLD_IDENTIFIERS)),
  );
  const policies = [...synthesized.stacks.values()].flatMap((s) =>
    Object.keys(s.resource.aws_cloudwatch_log_account_policy ?? {}),
  );
  expect(findings).toHaveLength(policies.length);
  expect(findings[0]).toMatch(
    /^baseline-phi-\w+: aws_cloudwatch_log_account_policy\.log-data-protection_policy-/,
  );
  const ids: Array<[string, string]> = [
    ["Name", "A"],
    ["Address", "B"],
    ["ZipCode-US", "B"],
    ["LatLong", "B"],
    ["DateOfBirth", "C"],
    ["PhoneNumber-US", "D"],
    ["EmailAddress", "F"],
    ["Ssn-US", "G"],
    ["BankAccountNumber-US", "J"],
    ["CreditCardNumber", "J"],
    ["DriversLicense-US", "K"],
    ["VehicleIdentificationNumber", "L"],
    ["IpAddress", "O"],
    ["PassportNumber-US", "R"],
    ["IndividualTaxIdentificationNumber-US", "R"],
  ];
  expect(findings[0].replace(/^[\w-]+: aws_cloudwatch_log_account_policy\.\S+: /, "")).toBe(
    `masks no ${ids.map(([id, p]) => `${id} (164.514(b)(2)(i)(${p}))`).join(", ")}: ` +
      "add them to the policy's audit and de-identify statements (src/policies/log-data-protection.ts HIPAA_IDENTIFIERS)",
  );
});

it("fails when one identifier is masked only by the audit statement", () => {
  const findings = findingsWith(logDataProtectionIdentifiers, (old) => {
    const doc = JSON.parse(old) as { Statement: Array<{ DataIdentifier: string[] }> };
    doc.Statement[1].DataIdentifier = doc.Statement[1].DataIdentifier.filter((a) => !a.endsWith("/Ssn-US"));
    return JSON.stringify(doc);
  });
  expect(findings[0]).toMatch(/: masks no Ssn-US \(164\.514\(b\)\(2\)\(i\)\(G\)\): add them/);
  // ...which AWS would refuse anyway: the two statements must name the same identifiers.
  expect(
    findingsWith(logDataProtectionSize, (old) => {
      const doc = JSON.parse(old) as { Statement: Array<{ DataIdentifier: string[] }> };
      doc.Statement[1].DataIdentifier = doc.Statement[1].DataIdentifier.slice(1);
      return JSON.stringify(doc);
    })[0],
  ).toMatch(
    /: needs one audit and one de-identify statement naming exactly the same data identifiers; PutAccountPolicy refuses it otherwise$/,
  );
});

it("fails on a document over 30,720 characters, giving its length", () => {
  const long = [...Array(400).keys()].map((i) => `Custom-${"x".repeat(60)}-${i}`);
  const findings = findingsWith(logDataProtectionSize, () => JSON.stringify(logDataProtectionPolicy(long)));
  const length = JSON.stringify(logDataProtectionPolicy(long)).length;
  expect(length).toBeGreaterThan(30_720);
  expect(findings[0]).toMatch(
    new RegExp(`: policy document is ${length} characters; CloudWatch Logs accepts at most 30720$`),
  );
});
