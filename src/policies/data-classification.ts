// The data-classification tag: how Macie's classification job, the Identity Center permission sets and the
// stacks' default tags agree on which resources hold or protect PHI (164.312(a)(1) access control).

/** The tag the landing zone puts on every resource of a PHI stack, and workloads on their PHI buckets. */
export const PHI_TAG = { key: "DataClassification", value: "phi" } as const;

/** The tag value for resources that hold no PHI. */
export const NON_PHI_TAG_VALUE = "non-phi";

/** The classifications an account may declare. */
export const DATA_CLASSIFICATIONS = [PHI_TAG.value, NON_PHI_TAG_VALUE] as const;

/** One of DATA_CLASSIFICATIONS. */
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];
