// The Identity Center MFA alarms read the fields AWS documents for its sign-in events. The sample events below are
// the shapes of AWS's examples on "Understanding IAM Identity Center sign-in events"
// (https://docs.aws.amazon.com/singlesignon/latest/userguide/understanding-sign-in-events.html), trimmed to the
// fields the patterns read. This proves the pattern asks for what AWS writes, not CloudWatch's matching itself.
import { securityAlarms } from "../../src/policies/alarm-patterns";

/** The `($.path = "value")` terms of a pattern made only of such terms joined by &&. */
function equalityTerms(pattern: string): Array<[string[], string]> {
  const body = pattern
    .trim()
    .replace(/^\{\s*/, "")
    .replace(/\s*\}$/, "");
  return body.split("&&").map((term) => {
    const match = /^\(?\s*\$\.([\w.]+)\s*=\s*"([^"]*)"\s*\)?$/.exec(term.trim());
    if (!match) throw new Error(`not an equality term: ${term}`);
    return [match[1].split("."), match[2]];
  });
}

/** Whether every term holds on the event (exact string equality, as for values without wildcards). */
function matches(pattern: string, event: Record<string, unknown>): boolean {
  return equalityTerms(pattern).every(([keys, value]) => {
    let node: unknown = event;
    for (const key of keys) node = (node as Record<string, unknown> | undefined)?.[key];
    return node === value;
  });
}

function signIn(credentialType: string): Record<string, unknown> {
  return {
    eventSource: "signin.amazonaws.com",
    eventName: "UserAuthentication",
    eventType: "AwsServiceEvent",
    additionalEventData: { CredentialType: credentialType },
    serviceEventDetails: { UserAuthentication: "Success" },
  };
}

const alarm = (name: string) => securityAlarms("lz-break-glass").find((a) => a.name === name)!;

describe("Identity Center MFA alarms", () => {
  const withoutMfa = alarm("IdentityCenterSignInWithoutMfa");

  it("match a sign-in that verified only a password", () => {
    expect(matches(withoutMfa.pattern, signIn("PASSWORD"))).toBe(true);
  });

  it("do not match a sign-in with TOTP or WebAuthn, an external identity provider, or a failed one", () => {
    expect(matches(withoutMfa.pattern, signIn("PASSWORD,TOTP"))).toBe(false);
    expect(matches(withoutMfa.pattern, signIn("PASSWORD,WEBAUTHN"))).toBe(false);
    expect(matches(withoutMfa.pattern, signIn("EXTERNAL_IDP"))).toBe(false);
    expect(
      matches(withoutMfa.pattern, {
        ...signIn("PASSWORD"),
        serviceEventDetails: { UserAuthentication: "Failure" },
      }),
    ).toBe(false);
  });

  it("hear about a change to the MFA settings", () => {
    const changed = alarm("IdentityCenterMfaSettingsChanged");
    expect(matches(changed.pattern, { eventName: "PutMfaDeviceManagementForDirectory" })).toBe(true);
    expect(matches(changed.pattern, { eventName: "GetMfaDeviceManagementForDirectory" })).toBe(false);
  });
});
