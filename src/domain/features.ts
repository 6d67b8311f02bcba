/** Per-organization features an instance operator turns on (PRODUCT.md, "Feature access"). */

/** The features this version knows; anything else is a typo, refused rather than stored as a dead flag. */
export const FEATURES = ['contact-import'] as const;

export type FeatureName = (typeof FEATURES)[number];

/** How each feature is named to people, per language. */
export const FEATURE_LABELS: Record<FeatureName, { en: string; fr: string }> = {
  'contact-import': { en: 'Contact import', fr: 'Import de contacts' },
};

/** Whether a string names a known feature (compared as typed: flags are lower-case identifiers). */
export function isFeature(value: string): value is FeatureName {
  return (FEATURES as readonly string[]).includes(value);
}
