import { z } from 'zod';
import { F, Questions } from '../fields.js';

/** The parent company (question 1a) or a subsidiary (1b): who, how related, what share the parent owns. */
export const RelatedOrganization = z.object({
  organizationName: F.text,
  relationshipDescription: F.text,
  ownershipPercent: F.percent,
});

/** One dated row under a "yes" to questions 8–10 (fire-code violation, foreclosure/bankruptcy, judgement/lien). */
export const DisclosedEvent = z.object({
  occurrenceDate: F.date,
  explanation: F.text,
  resolutionDescription: F.text,
  resolutionDate: F.date,
});

/**
 * The 125's general-information questions (keyed by ACORD question code) with their explanation
 * boxes, and the typed detail some questions ask for instead of (or besides) free text.
 */
export const GeneralInformation = z.object({
  questions: Questions,
  /** 1a: the applicant's parent company. */
  parentOrganization: RelatedOrganization.optional(),
  /** 1b: the applicant's subsidiaries. */
  subsidiaries: z.array(RelatedOrganization).optional(),
  /** 2: what the formal safety program consists of. */
  formalSafetyProgram: z
    .object({
      safetyManualIndicator: F.boolean,
      safetyPositionIndicator: F.boolean,
      monthlyMeetingsIndicator: F.boolean,
      oshaIndicator: F.boolean,
      otherIndicator: F.boolean,
      otherDescription: F.text,
    })
    .optional(),
  /** 4: other policies with this insurer. */
  otherPolicies: z.array(z.object({ lineOfBusinessCode: F.code, policyNumberIdentifier: F.code })).optional(),
  /** 5: why a policy was declined, cancelled or non-renewed. */
  cancelNonRenew: z
    .object({
      nonPaymentIndicator: F.boolean,
      agentNoLongerWritesForInsurerIndicator: F.boolean,
      nonRenewalIndicator: F.boolean,
      underwritingIndicator: F.boolean,
      underwritingConditionCorrectedIndicator: F.boolean,
      underwritingConditionCorrectedDescription: F.text,
      otherIndicator: F.boolean,
      otherDescription: F.text,
    })
    .optional(),
  /** 8 */
  uncorrectedFireCodeViolations: z.array(DisclosedEvent).optional(),
  /** 9 */
  foreclosureRepossessionBankruptcies: z.array(DisclosedEvent).optional(),
  /** 10 */
  judgementsOrLiens: z.array(DisclosedEvent).optional(),
  /** 11: "name of trust". */
  trustName: F.text,
});
