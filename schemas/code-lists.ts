/**
 * ACORD's code lists for the code boxes that have one, by the model key the box fills (the last
 * segment of its path): the code-like entries only (a longer word, "BASIC", is a word the box keeps
 * in the case it was written). A box may still hold a word the broker wrote instead ("Joisted Masonry",
 * "Monthly"): the list does not restrict what is read, it decides between look-alike glyphs ("0" or
 * "O" in a premium basis box) and says whether a code-like reading is one the form knows.
 */
export const CODE_LISTS: Readonly<Record<string, readonly string[]>> = {
  // ACORD 126 premium basis: area, total cost, admissions, other, payroll, gross sales, each, units.
  premiumBasisCode: ['A', 'C', 'M', 'O', 'P', 'S', 'T', 'U'],
  // ACORD 140 valuation: replacement cost, actual cash value, agreed, functional, stated amount.
  valuationCode: ['R', 'RC', 'A', 'ACV', 'AG', 'F', 'FRC', 'SA'],
  causeOfLossCode: ['SPEC', 'EQ'],
  subjectOfInsuranceCode: ['B', 'BLDG', 'BPP', 'BUSIN', 'EE', 'PP', 'TIB', 'EDP', 'SIGN'],
  deductibleTypeCode: ['%', 'EQ%', 'WH%', 'WS%', 'HU%', 'FL', 'AOP'],
  constructionCode: ['F', 'JM', 'MNC', 'NC', 'FR', 'MFR', '1', '2', '3', '4', '5', '6'],
  paymentScheduleCode: ['A', 'AN', 'SA', 'Q', 'QT', 'M', 'MO', 'DB', 'AB'],
  frequencyCode: ['A', 'AN', 'SA', 'Q', 'QT', 'M', 'MO'],
  lineOfBusinessCode: ['AUTOB', 'AUTOP', 'BOP', 'CGL', 'CPKGE', 'CRIME', 'CYBER', 'DO', 'EO', 'EPLI', 'GARAG', 'INMRC', 'PROPC', 'UMBRC', 'WORK', 'WORKP'],
  countryCode: ['US', 'CA', 'MX'],
};

/** The code list of a model path's box, if its key has one. */
export const codeListOf = (path: string | undefined): readonly string[] | undefined => (path ? CODE_LISTS[path.split('.').at(-1)!] : undefined);
