// The account and region pairs a per-account control must reach: every configured account (the management
// account included) in every governed region.
import { LandingZoneConfig } from "../../../config/schema";
import { allAccountNames } from "../../../config/model";
import { ResourceRef, SynthesizedLandingZone } from "../../synthesized";
import { RuleFinding } from "../rule";

/** Findings for each account (and region, when `regional`) without a resource the predicate accepts. */
export function everyAccount(
  model: SynthesizedLandingZone,
  config: LandingZoneConfig,
  type: string,
  accepts: (ref: ResourceRef) => boolean,
  what: string,
  regional: boolean,
): RuleFinding[] {
  const have = new Set(
    model
      .resources(type)
      .filter(accepts)
      .map((ref) => (regional ? `${model.accountOf(ref)}/${model.regionOf(ref)}` : model.accountOf(ref))),
  );
  const out: RuleFinding[] = [];
  for (const account of allAccountNames(config.organization)) {
    const id = model.accountId(account);
    for (const region of regional ? config.organization.regions : [undefined]) {
      if (have.has(region ? `${id}/${region}` : id)) continue;
      out.push({
        address: `(account ${account}${region ? `, ${region}` : ""})`,
        message: `has no ${type} with ${what}`,
      });
    }
  }
  return out;
}
