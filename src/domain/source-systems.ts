/**
 * What a file may change, given the organization's source system (PRODUCT.md, "Source systems"): a system that
 * owns some data must not have it overwritten by an import.
 */

/** The systems an organization's customers and contacts may come from. */
export const SOURCE_SYSTEMS = ['none', 'native', 'api', 'salesforce_native', 'salesforce_api'] as const;

export type SourceSystemName = (typeof SOURCE_SYSTEMS)[number];

/** The organization settings the rules depend on, as stored (an organization row fits as it is). */
export interface SourceSystemSettings {
  source_system: SourceSystemName;
  main_contact_from_integration: boolean;
  customers_updatable_by_files: boolean;
}

/** What imports may write, for one organization. */
export interface SourceSystemRules {
  /** Names, email, phone and reference of contacts belong to the source system: files may not set them. */
  contactMainInfoLocked: boolean;
  /** Files may set contacts' positions. */
  positionsAllowed: boolean;
  /** Files may choose the main contact (per the table; see mainContactColumnIgnored for the option). */
  mainContactAllowed: boolean;
  /** The integration decides the main contact: the file's main contact column is ignored with a warning. */
  mainContactColumnIgnored: boolean;
  /** Files may not create or update customers: the customers import gives way to the assignments import. */
  customersLocked: boolean;
}

// The PRODUCT.md table, one row per system. Salesforce + API allows positions "if the API setup allows": the
// API can overwrite them afterwards, but the file is allowed to set them.
const TABLE: Record<SourceSystemName, { mainInfo: boolean; positions: boolean; mainContact: boolean }> = {
  none: { mainInfo: true, positions: true, mainContact: true },
  native: { mainInfo: false, positions: true, mainContact: true },
  api: { mainInfo: true, positions: true, mainContact: true },
  salesforce_native: { mainInfo: false, positions: true, mainContact: true },
  salesforce_api: { mainInfo: false, positions: true, mainContact: true },
};

/** The import rules of an organization's source system and options. */
export function sourceSystemRules(settings: SourceSystemSettings): SourceSystemRules {
  const row = TABLE[settings.source_system];
  return {
    contactMainInfoLocked: !row.mainInfo,
    positionsAllowed: row.positions,
    mainContactAllowed: row.mainContact,
    mainContactColumnIgnored: settings.main_contact_from_integration,
    customersLocked: !settings.customers_updatable_by_files,
  };
}

/** Whether a string names a source system. */
export function isSourceSystem(value: string): value is SourceSystemName {
  return (SOURCE_SYSTEMS as readonly string[]).includes(value);
}
