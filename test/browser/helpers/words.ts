/**
 * What a person reads and clicks in each language during the journey, written out here (not taken from the
 * app's catalogues) so that a missing or wrong translation fails the test. Plus the file they import.
 */
export interface JourneyWords {
  lang: 'en' | 'fr';
  locale: string;
  signUp: {
    link: string;
    organization: string;
    name: string;
    email: string;
    password: string;
    submit: string;
  };
  customers: { heading: string; empty: string; add: string; companyName: string; addSubmit: string };
  contact: {
    add: string;
    email: string;
    firstName: string;
    lastName: string;
    phone: string;
    position: string;
    main: string;
    submit: string;
    mainBadge: string;
    invalidPhone: string;
  };
  edit: {
    button: string;
    title: string;
    email: string;
    address1: string;
    postalCode: string;
    city: string;
    save: string;
    address: [string, string, string];
  };
  menu: {
    importData: string;
    template: string;
    contactsKind: string;
    importContacts: string;
    history: string;
  };
  templateHeader: string;
  wizard: {
    dropzone: string;
    encoding: string;
    delimiter: string;
    fieldFor: (column: string) => string;
    positionField: string;
    ignored: string;
    check: string;
    toCreate: string;
    linesInError: string;
    validate: string;
    resultTitle: string;
    created: string;
    downloadErrors: string;
    details: string;
    close: string;
    cancelImport: string;
    confirmCancel: string;
    cancelled: string;
    cancelledCounts: string;
  };
  history: { reverted: string; dataImported: string };
  errorColumn: string;
  invalidEmail: string;
  file: { name: string; delimiter: string; unknownColumn: string; rows: string[][] };
}
