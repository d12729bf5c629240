import { z } from 'zod';
import { Address, F } from '../fields.js';

/** A mortgagee, loss payee, additional insured … as listed on the 125, 126 and 140. */
export const AdditionalInterest = z.object({
  interest: z
    .object({
      additionalInsuredIndicator: F.boolean,
      breachOfWarrantyIndicator: F.boolean,
      coOwnerIndicator: F.boolean,
      employeeAsLessorIndicator: F.boolean,
      leasebackOwnerIndicator: F.boolean,
      lendersLossPayableIndicator: F.boolean,
      lienholderIndicator: F.boolean,
      lossPayeeIndicator: F.boolean,
      mortgageeIndicator: F.boolean,
      ownerIndicator: F.boolean,
      registrantIndicator: F.boolean,
      trusteeIndicator: F.boolean,
      otherIndicator: F.boolean,
      otherDescription: F.text,
    })
    .optional(),
  interestReasonDescription: F.text,
  interestRank: F.integer,
  certificateRequiredIndicator: F.boolean,
  policyRequiredIndicator: F.boolean,
  sendBillIndicator: F.boolean,
  fullName: F.text,
  mailingAddress: Address.optional(),
  accountNumberIdentifier: F.code,
  interestEndDate: F.date,
  loanAmount: F.money,
  primary: z.object({ phoneNumber: F.phone, faxNumber: F.phone, emailAddress: F.email }).optional(),
  item: z
    .object({
      locationProducerIdentifier: F.code,
      buildingProducerIdentifier: F.code,
      vehicleProducerIdentifier: F.code,
      boatProducerIdentifier: F.code,
      airportIdentifier: F.code,
      aircraftProducerIdentifier: F.code,
      scheduledItemClassCode: F.code,
      scheduledItemProducerIdentifier: F.code,
      otherItemDescription: F.text,
    })
    .optional(),
  itemDescription: F.text,
});
