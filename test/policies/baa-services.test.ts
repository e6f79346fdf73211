// The BAA service list the landing zone ships (AWS's list of 2025-06-17): every prefix one IAM knows, listed once and
// in order, and none of the services the landing zone always allows.
import { AWS_HIPAA_ELIGIBLE_SERVICES, BAA_EXEMPT_SERVICES } from "../../src/policies/baa-services";
import { iamServiceNames } from "../../src/config/iam-services";

describe("AWS's HIPAA eligible services as shipped", () => {
  const prefixes: readonly string[] = AWS_HIPAA_ELIGIBLE_SERVICES.prefixes;

  it("names only services IAM knows (a misspelt prefix would leave the service denied)", () => {
    const known = iamServiceNames();
    expect(prefixes.filter((p) => !Object.hasOwn(known, p))).toEqual([]);
    expect(Object.hasOwn(known, "not-a-service")).toBe(false);
  });

  it("lists each service once, sorted, and none the landing zone always allows", () => {
    expect([...prefixes]).toEqual([...new Set(prefixes)].sort());
    expect(prefixes.filter((p) => BAA_EXEMPT_SERVICES.some((s) => s.prefix === p))).toEqual([]);
  });
});
