import { z } from 'zod';
import { F } from '../fields.js';

/** The 125's "nature of business" block: what kind of business, what it does, how much of it is installation work. */
export const BusinessInformation = z.object({
  businessType: z
    .object({
      apartmentsIndicator: F.boolean,
      condominiumsIndicator: F.boolean,
      contractorIndicator: F.boolean,
      institutionalIndicator: F.boolean,
      manufacturingIndicator: F.boolean,
      officeIndicator: F.boolean,
      restaurantIndicator: F.boolean,
      retailIndicator: F.boolean,
      serviceIndicator: F.boolean,
      wholesaleIndicator: F.boolean,
      otherIndicator: F.boolean,
      otherDescription: F.text,
    })
    .optional(),
  /** "Description of primary operations". */
  operationsDescription: F.text,
  /** "Description of operations of other named insureds": a box of its own, not a continuation of the one above. */
  otherNamedInsuredsOperationsDescription: F.text,
  /** Employees of the whole business (ACORD XML NumEmployees); the 125 asks only per premises, split full/part time. */
  employeeCount: F.integer,
  /** Owners of the business (ACORD XML NumOwners); no box on the 125. */
  ownerCount: F.integer,
  /** Retail stores or service operations: share of total sales from installation, service or repair work … */
  installationRepairWorkPercent: F.percent,
  /** … and from such work done off premises. */
  installationRepairWorkOffPremisesPercent: F.percent,
});
