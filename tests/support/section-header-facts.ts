/** A form fact read off a real blank form: field name, model path, page, rectangle [x, y, w, h]. */
export type FormFact = [name: string, path: string, page: number, rect: [number, number, number, number]];

/**
 * The header the 126 and 140 print at the top of page 1, read off both real forms: the same boxes as
 * each other, mapped to the 125's paths so the merged submission can compare them.
 */
export const SECTION_HEADER_FACTS: readonly FormFact[] = [
  ['Producer_FullName_A', 'producer.fullName', 1, [22, 702, 280, 12]],
  ['Form_CompletionDate_A', 'policy.formCompletionDate', 1, [511, 726, 79, 12]],
  ['Policy_PolicyNumberIdentifier_A', 'policy.policyNumberIdentifier', 1, [22, 678, 223, 12]],
  ['Policy_EffectiveDate_A', 'policy.effectiveDate', 1, [252, 678, 50, 12]],
  ['Insurer_FullName_A', 'carrier.fullName', 1, [310, 702, 226, 12]],
  ['Insurer_NAICCode_A', 'carrier.naicCode', 1, [544, 702, 46, 12]],
  ['NamedInsured_FullName_A', 'namedInsureds[0].fullName', 1, [310, 678, 280, 12]],
];
