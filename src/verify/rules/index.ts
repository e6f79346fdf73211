// The AWS service rules checked at synth, in report order.
import { accessLogTarget } from "./access-log-target";
import { cloudTrailDelegatedAdmin } from "./cloudtrail-delegated-admin";
import { configDeliveryNoObjectLock } from "./config-delivery-no-object-lock";
import { conformancePackSize } from "./conformance-pack-size";
import { deliveryKeyRegion } from "./delivery-key-region";
import { keyPoliciesKnownAtSynth } from "./key-policies-known-at-synth";
import { knownActions } from "./known-actions";
import { noncurrentVersionExpiry } from "./noncurrent-version-expiry";
import { permissionSetInlineSize } from "./permission-set-inline-size";
import { replicationKmsKeys } from "./replication-kms-keys";
import { securityHubLinkedRegions } from "./security-hub-linked-regions";
import { ServiceRule } from "./rule";

export const SERVICE_RULES: readonly ServiceRule[] = [
  configDeliveryNoObjectLock,
  accessLogTarget,
  noncurrentVersionExpiry,
  deliveryKeyRegion,
  replicationKmsKeys,
  conformancePackSize,
  permissionSetInlineSize,
  securityHubLinkedRegions,
  cloudTrailDelegatedAdmin,
  keyPoliciesKnownAtSynth,
  knownActions,
];
