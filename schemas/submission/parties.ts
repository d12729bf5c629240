import { z } from 'zod';
import { Address, F } from '../fields.js';

export const Producer = z.object({
  fullName: F.text,
  mailingAddress: Address.optional(),
  contactPerson: z.object({ fullName: F.text, phoneNumber: F.phone, emailAddress: F.email }).optional(),
  faxNumber: F.phone,
  customerIdentifier: F.code,
  stateLicenseIdentifier: F.code,
  nationalIdentifier: F.code,
  authorizedRepresentative: z.object({ fullName: F.text, signature: F.text }).optional(),
});

export const Carrier = z.object({
  fullName: F.text,
  naicCode: F.code,
  productDescription: F.text,
  productCode: F.code,
  producerIdentifier: F.code,
  subProducerIdentifier: F.code,
  underwriter: z.object({ fullName: F.text, officeIdentifier: F.code }).optional(),
});

export const LegalEntity = z.object({
  corporationIndicator: F.boolean,
  individualIndicator: F.boolean,
  jointVentureIndicator: F.boolean,
  limitedLiabilityCorporationIndicator: F.boolean,
  memberManagerCount: F.integer,
  notForProfitIndicator: F.boolean,
  partnershipIndicator: F.boolean,
  subchapterSCorporationIndicator: F.boolean,
  trustIndicator: F.boolean,
  otherIndicator: F.boolean,
  otherDescription: F.text,
  /** ACORD LegalEntityCd (CP, LL, IN, PT, JV, NP, SC, TR, OT) where the input states it as a code (XML). */
  code: F.code,
});

export const NamedInsured = z.object({
  fullName: F.text,
  mailingAddress: Address.optional(),
  generalLiabilityCode: F.code,
  sicCode: F.code,
  naicsCode: F.code,
  /** FEIN (NN-NNNNNNN) or SSN (NNN-NN-NNNN). */
  taxIdentifier: F.taxId,
  primary: z.object({ phoneNumber: F.phone, websiteAddress: F.url, emailAddress: F.email }).optional(),
  legalEntity: LegalEntity.optional(),
  businessStartDate: F.date,
  initials: F.text,
  signature: F.text,
  signatureDate: F.date,
});

export const Contact = z.object({
  contactDescription: F.text,
  fullName: F.text,
  primaryPhoneNumber: F.phone,
  primaryHomePhoneIndicator: F.boolean,
  primaryBusinessPhoneIndicator: F.boolean,
  primaryCellPhoneIndicator: F.boolean,
  secondaryPhoneNumber: F.phone,
  secondaryHomePhoneIndicator: F.boolean,
  secondaryBusinessPhoneIndicator: F.boolean,
  secondaryCellPhoneIndicator: F.boolean,
  primaryEmailAddress: F.email,
  secondaryEmailAddress: F.email,
});
