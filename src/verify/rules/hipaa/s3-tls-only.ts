// Every bucket policy denies requests that do not use TLS, which is what AWS Config's rule looks for: a Deny for
// every principal on s3:* over the bucket and its objects when aws:SecureTransport is false (164.312(e)(2)(ii)).
import { addressOf, bucketsWith, RuleFinding } from "../rule";
import { HipaaRule, listOf } from "./rule";

export const s3TlsOnly: HipaaRule = {
  id: "hipaa-s3-tls-only",
  title: "Every bucket policy denies requests without TLS",
  sections: ["164.312(e)(1)", "164.312(e)(2)(ii)"],
  resourceTypes: ["aws_s3_bucket_policy"],
  configRules: ["S3_BUCKET_SSL_REQUESTS_ONLY"],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-ssl-requests-only.html",
  fix: "add a bucket policy statement denying `s3:*` to Principal `*` on the bucket and its objects when aws:SecureTransport is false (SecureBucket adds it)",
  check(model) {
    const policies = bucketsWith(model, "aws_s3_bucket_policy");
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_s3_bucket")) {
      const name = String(model.argument(ref, "bucket"));
      const policy = policies.get(name);
      const arn = `arn:aws:s3:::${name}`;
      const denies = (policy ? model.policyArgument(policy, "policy").Statement : []).some((s) => {
        const principal = s.Principal as unknown;
        const everyone =
          principal === "*" || listOf((principal as { AWS?: string | string[] })?.AWS).includes("*");
        const actions = listOf(s.Action as string | string[]);
        const resources = listOf(s.Resource as string | string[]);
        const secure = listOf(
          (s.Condition as { Bool?: Record<string, string | string[]> } | undefined)?.Bool?.[
            "aws:SecureTransport"
          ],
        );
        return (
          s.Effect === "Deny" &&
          everyone &&
          (actions.includes("s3:*") || actions.includes("*")) &&
          resources.includes(arn) &&
          resources.includes(`${arn}/*`) &&
          secure.map(String).includes("false")
        );
      });
      if (!denies) {
        out.push({
          address: addressOf(ref),
          message: `bucket ${name} ${policy ? "has a policy that does not deny requests without TLS" : "has no bucket policy, so requests without TLS are not denied"}`,
        });
      }
    }
    return out;
  },
};
