/**
 * Values the XML reader derives from what an exported request states, which the model may not have
 * held: read back, they appear beside the exported values. Indexes are matched as `[]`.
 */
export const DERIVED_ON_READ: readonly (readonly [RegExp, string])[] = [
  [/^policy\.status\.quoteIndicator$/, 'the request is a quote inquiry'],
  [/^policy\.linesOfBusiness\.(commercialGeneralLiability|commercialProperty|businessOwners)\.requested$/, "the line's element in the request says it is requested"],
  [/^generalLiability\.coverage\.commercialGeneralLiabilityIndicator$/, 'a GeneralLiabilityLineBusiness is written on the CGL coverage form'],
  [/^namedInsureds\[\]\.legalEntity\.code$/, 'the LegalEntityCd that states the checked legal-entity box'],
  [/^property\.locations\[\]\.improvements\.\w+Indicator$/, "an update's year checks its box"],
  [
    /^(premises\[\]\.(locationProducerIdentifier|buildingProducerIdentifier|buildingArea|physicalAddress\.lineOne)|property\.locations\[\]\.(locationProducerIdentifier|buildingProducerIdentifier|physicalAddressLine|construction\.buildingArea))$/,
    "a Location and its building's facts are read by both the 125's premises and the 140's locations: one form's location or building area appears on the other",
  ],
];

export function derivedOnRead(path: string): string | undefined {
  const shape = path.replace(/\[\d+\]/g, '[]');
  return DERIVED_ON_READ.find(([re]) => re.test(shape))?.[1];
}
