import type { Submission } from '../../../schemas/submission.js';
import { leafText } from '../../model/leaf-text.js';

export type ProducerRecipient = {
  /** The producer's contact person, where the forms name one. */
  person?: string;
  /** The agency. */
  agency?: string;
  /** The contact's e-mail address; absent when the forms give none, or give something that is not one. */
  address?: string;
};

/** Shaped like one e-mail address: the e-mail box is free text on the forms, and only an address is sent to. */
export const isOneAddress = (s: string) => /^[^\s@<>,;:"()[\]]+@[^\s@<>,;:"()[\]]+\.[A-Za-z]{2,}$/.test(s);

/** Who the broker request goes to: the producer's contact person on the 125 (ACORD's "CONTACT NAME" / "E-MAIL ADDRESS"), at the agency. */
export function producerRecipient(submission: Submission): ProducerRecipient {
  const producer = submission.producer;
  const email = leafText(producer?.contactPerson?.emailAddress)?.trim();
  return {
    person: leafText(producer?.contactPerson?.fullName),
    agency: leafText(producer?.fullName),
    address: email && isOneAddress(email) ? email : undefined,
  };
}
