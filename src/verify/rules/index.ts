// The AWS service rules checked at synth, in report order.
import { accessLogTarget } from "./access-log-target";
import { backupCopyOneStep } from "./backup-copy-one-step";
import { backupReportFormats } from "./backup-report-formats";
import { backupRegionOptIn } from "./backup-region-opt-in";
import { cloudTrailDelegatedAdmin } from "./cloudtrail-delegated-admin";
import { configDeliveryNoObjectLock } from "./config-delivery-no-object-lock";
import { conformancePackSize } from "./conformance-pack-size";
import { deliveryKeyRegion } from "./delivery-key-region";
import { keyPoliciesKnownAtSynth } from "./key-policies-known-at-synth";
import { knownActions } from "./known-actions";
import { logDataProtectionIdentifiers } from "./log-data-protection-identifiers";
import { logDataProtectionSize } from "./log-data-protection-size";
import { noncurrentVersionExpiry } from "./noncurrent-version-expiry";
import { permissionSetInlineSize } from "./permission-set-inline-size";
import { queryLogBucketRegion } from "./query-log-bucket-region";
import { replicationKmsKeys } from "./replication-kms-keys";
import { securityHubLinkedRegions } from "./security-hub-linked-regions";
import { ServiceRule } from "./rule";
import { trailDynamoDbDataEvents } from "./trail-dynamodb-data-events";

export const SERVICE_RULES: readonly ServiceRule[] = [
  configDeliveryNoObjectLock,
  accessLogTarget,
  noncurrentVersionExpiry,
  deliveryKeyRegion,
  queryLogBucketRegion,
  replicationKmsKeys,
  conformancePackSize,
  permissionSetInlineSize,
  securityHubLinkedRegions,
  cloudTrailDelegatedAdmin,
  keyPoliciesKnownAtSynth,
  knownActions,
  backupCopyOneStep,
  backupReportFormats,
  backupRegionOptIn,
  trailDynamoDbDataEvents,
  logDataProtectionSize,
  logDataProtectionIdentifiers,
];
