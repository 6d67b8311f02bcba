import { describe, expect, it } from 'vitest';
import { SOURCE_SYSTEMS, type SourceSystemName, sourceSystemRules } from '../../src/domain/source-systems.ts';

/** PRODUCT.md, "Source systems": one test per row of the table, then the two options. */

const rules = (source_system: SourceSystemName) =>
  sourceSystemRules({
    source_system,
    main_contact_from_integration: false,
    customers_updatable_by_files: true,
  });

describe('source-system rules', () => {
  it('none: nothing is locked', () => {
    expect(rules('none')).toEqual({
      contactMainInfoLocked: false,
      positionsAllowed: true,
      mainContactAllowed: true,
      mainContactColumnIgnored: false,
      customersLocked: false,
    });
  });

  it('native integration: contact main info is locked; positions and main contact stay open', () => {
    expect(rules('native')).toEqual({
      contactMainInfoLocked: true,
      positionsAllowed: true,
      mainContactAllowed: true,
      mainContactColumnIgnored: false,
      customersLocked: false,
    });
  });

  it('API: nothing is locked', () => {
    expect(rules('api')).toEqual({
      contactMainInfoLocked: false,
      positionsAllowed: true,
      mainContactAllowed: true,
      mainContactColumnIgnored: false,
      customersLocked: false,
    });
  });

  it('Salesforce + native integration: contact main info is locked', () => {
    expect(rules('salesforce_native')).toEqual({
      contactMainInfoLocked: true,
      positionsAllowed: true,
      mainContactAllowed: true,
      mainContactColumnIgnored: false,
      customersLocked: false,
    });
  });

  it('Salesforce + API: contact main info is locked; positions are allowed (if the API setup allows)', () => {
    expect(rules('salesforce_api')).toEqual({
      contactMainInfoLocked: true,
      positionsAllowed: true,
      mainContactAllowed: true,
      mainContactColumnIgnored: false,
      customersLocked: false,
    });
  });

  it('"main contact from integration" on: the main contact column is ignored, whatever the system', () => {
    for (const source_system of SOURCE_SYSTEMS) {
      const r = sourceSystemRules({
        source_system,
        main_contact_from_integration: true,
        customers_updatable_by_files: true,
      });
      expect(r.mainContactColumnIgnored).toBe(true);
      expect(r.contactMainInfoLocked).toBe(rules(source_system).contactMainInfoLocked);
    }
  });

  it('customers are locked exactly when files may not update them, whatever the system', () => {
    for (const source_system of SOURCE_SYSTEMS) {
      for (const customers_updatable_by_files of [true, false]) {
        const r = sourceSystemRules({
          source_system,
          main_contact_from_integration: false,
          customers_updatable_by_files,
        });
        expect(r.customersLocked).toBe(!customers_updatable_by_files);
      }
    }
  });
});
