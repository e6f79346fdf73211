// Every account's IAM password policy meets the conformance pack's parameters, for any IAM user a break-glass
// procedure creates (164.308(a)(5)(ii)(D) password management, 164.312(d)).
import { HipaaRule, packRule } from "./rule";
import { everyAccount } from "./rule-accounts";

/** The pack's parameters and the password policy arguments that must meet them. */
const REQUIREMENTS: ReadonlyArray<[string, string, "min" | "max" | "true"]> = [
  ["MinimumPasswordLength", "minimum_password_length", "min"],
  ["PasswordReusePrevention", "password_reuse_prevention", "min"],
  ["MaxPasswordAge", "max_password_age", "max"],
  ["RequireLowercaseCharacters", "require_lowercase_characters", "true"],
  ["RequireUppercaseCharacters", "require_uppercase_characters", "true"],
  ["RequireNumbers", "require_numbers", "true"],
  ["RequireSymbols", "require_symbols", "true"],
];

export const iamPasswordPolicy: HipaaRule = {
  id: "hipaa-iam-password-policy",
  title: "Every account's password policy meets the conformance pack's IAM_PASSWORD_POLICY parameters",
  sections: ["164.308(a)(5)(ii)(D)", "164.312(d)"],
  resourceTypes: ["aws_iam_account_password_policy"],
  configRules: ["IAM_PASSWORD_POLICY"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/iam-password-policy.html",
  fix: "the baseline stack sets it per account (AccountHardening): keep it at least as strict as the pack",
  check(model, config) {
    const parameters = packRule("IAM_PASSWORD_POLICY").parameters ?? {};
    const meets = (ref: Parameters<typeof model.argument>[0]) =>
      REQUIREMENTS.every(([parameter, argument, kind]) => {
        const want = parameters[parameter];
        if (want === undefined) return true;
        const have = model.argument(ref, argument);
        if (kind === "true") return want !== "true" || have === true;
        const n = Number(have ?? (kind === "max" ? Infinity : 0));
        return kind === "min" ? n >= Number(want) : n > 0 && n <= Number(want);
      });
    return everyAccount(
      model,
      config,
      "aws_iam_account_password_policy",
      meets,
      `settings meeting ${Object.entries(parameters)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")}`,
      false,
    );
  },
};
