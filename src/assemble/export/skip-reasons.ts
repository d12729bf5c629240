/**
 * Why a model value has no place in the exported XML, by the part of the model it is in: the
 * ACORD XML reader (src/read/extract/xml-map-*.ts) maps no element for these, so writing one would not
 * read back. Indexes are matched as `[]`. The first matching entry wins.
 */
export const SKIP_REASONS: readonly (readonly [RegExp, string])[] = [
  [/^policy\.(linesOfBusiness\.\w+|otherLinesOfBusiness\[\])\.requested$|^policy\.otherLinesOfBusiness\[\]\.description$/, "a quote request names its own lines (GL, property, BOP); the reader takes no other line from it"],
  [/premiumAmount$|PremiumAmount$|^policy\.payment\.|^generalLiability\.premiums\./, 'premiums, deposits and billing: the reader maps no element for them'],
  [/^policy\.status\./, 'the request is a quote inquiry: another status of transaction, or its time, has no element'],
  [/^policy\.(attachments|otherAttachments)/, "the 125's list of attached sections has no element"],
  [/^policy\.(remarkText|informationPracticesNoticeIndicator|paymentMethod)/, "the 125's remarks, notice and payment method have no element"],
  [/(signature|initials)$|^producer\.authorizedRepresentative\./, 'signatures and initials belong to the signed form'],
  [/^carrier\.(fullName|productDescription|underwriter\.)/, "the carrier's name, product description and underwriter have no element (the request goes to the carrier)"],
  [/^producer\.(stateLicenseIdentifier|nationalIdentifier)$/, "the agency's licence numbers have no element"],
  [/^businessInformation\./, "this part of the 125's nature of business has no element"],
  [/^premises\[\]\.(openToPublicArea|operationsDescription)$/, "the premises row's public area and operations have no element"],
  [/^lossHistory\.losses\[\]\.(claimDate|subrogation)$/, "a loss's claim date and subrogation have no element"],
  [/^generalInformation\./, "the 125's schedules under its general questions have no element"],
  [/^generalLiability\.limits\./, 'the reader maps the six standard GL limits only'],
  [/^generalLiability\./, "this schedule of the 126 has no element (only coverage form, limits, hazards and questions are mapped)"],
  [/^property\.locations\[\]\.subjectsOfInsurance\[\]\./, "a subject's cause of loss, inflation guard and forms have no element"],
  [/^property\./, "this part of the 140 has no element (only subjects, construction, updates and fire protection are mapped)"],
  [/^additionalInterests\[\]\./, "the 125's additional interests have no element"],
];

export const NO_REASON = 'the reader maps no element for it';

export function skipReason(path: string): string {
  const shape = path.replace(/\[\d+\]/g, '[]');
  return SKIP_REASONS.find(([re]) => re.test(shape))?.[1] ?? NO_REASON;
}
