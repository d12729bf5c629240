import { legalEntityIndicator } from '../../read/extract/xml-legal-entity.js';
import type { ExportValues } from './export-values.js';
import { putAddress, putPersonName, putPhone } from './export-elements.js';
import type { XmlNode } from './xml-node.js';

/** The 125's legal-entity boxes → the ACORD LegalEntityCd the reader turns back into that box. */
const CODE_BY_INDICATOR: Record<string, string> = {
  corporationIndicator: 'CP',
  limitedLiabilityCorporationIndicator: 'LL',
  individualIndicator: 'IN',
  partnershipIndicator: 'PT',
  jointVentureIndicator: 'JV',
  notForProfitIndicator: 'NP',
  subchapterSCorporationIndicator: 'SC',
  trustIndicator: 'TR',
};

/** The agency (Producer with the carrier's codes for it) and, in a second Producer, its contact person. */
export function writeProducer(v: ExportValues, rq: XmlNode): void {
  const agency = rq.add('Producer');
  const party = agency.add('GeneralPartyInfo');
  v.put(party.add('NameInfo').add('CommlName'), 'CommercialName', 'producer.fullName');
  putAddress(v, party, 'producer.mailingAddress', 'MailingAddress');
  const comms = party.add('Communications');
  putPhone(v, comms, 'producer.contactPerson.phoneNumber', 'Phone', 'Business');
  putPhone(v, comms, 'producer.faxNumber', 'Fax');
  v.put(comms.add('EmailInfo'), 'EmailAddr', 'producer.contactPerson.emailAddress');
  const info = agency.add('ProducerInfo');
  v.put(info, 'ContractNumber', 'carrier.producerIdentifier');
  v.put(info, 'ProducerSubCode', 'carrier.subProducerIdentifier');
  if (v.has('producer.contactPerson.fullName')) putPersonName(v, rq.add('Producer').add('GeneralPartyInfo').add('NameInfo'), 'producer.contactPerson.fullName');
}

/**
 * Named insureds as InsuredOrPrincipal, each with its commercial name (the reader takes every party
 * with one as a named insured, in order). Facts the reader takes of the first insured only are
 * skipped for the others.
 */
export function writeNamedInsureds(v: ExportValues, rq: XmlNode, firstBusiness: (business: XmlNode) => void): void {
  for (let i = 0; i < v.count('namedInsureds'); i++) {
    const base = `namedInsureds[${i}]`;
    if (!v.has(`${base}.fullName`)) {
      for (const p of v.below(base)) v.skip(p, 'a named insured without a name: the reader takes a party as a named insured by its commercial name');
      continue;
    }
    const party = rq.add('InsuredOrPrincipal');
    if (i === 0) v.put(party.add('ItemIdInfo'), 'AgencyId', 'producer.customerIdentifier');
    const general = party.add('GeneralPartyInfo');
    const nameInfo = general.add('NameInfo');
    v.put(nameInfo.add('CommlName'), 'CommercialName', `${base}.fullName`);
    writeLegalEntity(v, nameInfo, `${base}.legalEntity`);
    writeTaxId(v, nameInfo, `${base}.taxIdentifier`);
    putAddress(v, general, `${base}.mailingAddress`, 'MailingAddress');
    const comms = general.add('Communications');
    putPhone(v, comms, `${base}.primary.phoneNumber`, 'Phone', 'Business');
    v.put(comms.add('EmailInfo'), 'EmailAddr', `${base}.primary.emailAddress`);
    v.put(comms.add('WebsiteInfo'), 'WebsiteURL', `${base}.primary.websiteAddress`);
    const info = party.add('InsuredOrPrincipalInfo');
    info.add('InsuredOrPrincipalRoleCd', 'Insured');
    const business = info.add('BusinessInfo');
    v.put(business, 'SICCd', `${base}.sicCode`);
    v.put(business, 'NAICSCd', `${base}.naicsCode`);
    v.put(business, 'BusinessStartDt', `${base}.businessStartDate`);
    if (i === 0) firstBusiness(business);
    v.put(business, 'NumMembersManagers', `${base}.legalEntity.memberManagerCount`);
    if (i > 0) {
      for (const key of ['generalLiabilityCode', 'signatureDate']) v.skip(`${base}.${key}`, 'the XML carries it for the first named insured only');
    }
  }
}

/**
 * LegalEntityCd: the code the model holds, else the code of its checked box, else the "other"
 * description. The reader checks the box the code names (xml-legal-entity.ts), or "other" with the
 * code as its description; a box or description the code does not state is skipped.
 */
function writeLegalEntity(v: ExportValues, nameInfo: XmlNode, base: string): void {
  const boxes = [...Object.keys(CODE_BY_INDICATOR), 'otherIndicator'].filter((k) => v.isTrue(`${base}.${k}`));
  const codePath = v.has(`${base}.code`) ? `${base}.code` : boxes[0] === 'otherIndicator' ? `${base}.otherDescription` : undefined;
  const code = codePath ? v.carry(codePath) : boxes.length ? CODE_BY_INDICATOR[boxes[0]!] : undefined;
  if (code === undefined) return;
  const node = nameInfo.add('LegalEntityCd', code);
  if (codePath === `${base}.code`) v.note(codePath, code, node);
  const said = legalEntityIndicator(code) ?? 'otherIndicator';
  v.note(`${base}.${said}`, '1', node);
  if (said === 'otherIndicator' && v.text(`${base}.otherDescription`) === code) v.note(`${base}.otherDescription`, code, node);
  for (const k of [...boxes, 'otherDescription']) v.skip(`${base}.${k}`, 'one LegalEntityCd states one legal entity; this box or description is not the one it states');
}

/** TaxIdentity: a FEIN or SSN by its dashes, with its type code; nine bare digits without one. */
function writeTaxId(v: ExportValues, nameInfo: XmlNode, path: string): void {
  const id = v.text(path);
  if (id === undefined) return;
  const tax = nameInfo.add('TaxIdentity');
  const type = /^\d{2}-\d{7}$/.test(id) ? 'FEIN' : /^\d{3}-\d{2}-\d{4}$/.test(id) ? 'SSN' : undefined;
  if (type) tax.add('TaxIdTypeCd', type);
  v.put(tax, 'TaxId', path);
}

/** The kinds of phone the contact's boxes say → PhoneTypeCd and CommunicationUseCd. */
const PHONE_KIND = { Cell: ['Cell', undefined], Home: ['Phone', 'Home'], Business: ['Phone', 'Business'] } as const;

/**
 * Contacts as MiscParty of the policy, named as persons, their description as the party's role:
 * the reader takes parties of the policy as contacts, in order.
 */
export function writeContacts(v: ExportValues, policy: XmlNode): void {
  for (let j = 0; j < v.count('contacts'); j++) {
    const base = `contacts[${j}]`;
    const party = policy.add('MiscParty');
    const general = party.add('GeneralPartyInfo');
    putPersonName(v, general.add('NameInfo'), `${base}.fullName`);
    const comms = general.add('Communications');
    for (const slot of ['primary', 'secondary'] as const) {
      const number = `${base}.${slot}PhoneNumber`;
      const kinds = (['Cell', 'Home', 'Business'] as const).filter((k) => v.isTrue(`${base}.${slot}${k}PhoneIndicator`));
      if (slot === 'secondary' && !v.isWritten(`${base}.primaryPhoneNumber`)) {
        for (const p of [number, ...kinds.map((k) => `${base}.${slot}${k}PhoneIndicator`)]) v.skip(p, 'the reader takes the first phone as the primary one; there is none');
        continue;
      }
      if (!v.has(number)) {
        for (const k of kinds) v.skip(`${base}.${slot}${k}PhoneIndicator`, 'a kind of phone with no number');
        continue;
      }
      const [type, use] = kinds.length ? PHONE_KIND[kinds[0]!] : ['Phone', undefined];
      const info = putPhone(v, comms, number, type, use)!;
      if (kinds.length) v.note(`${base}.${slot}${kinds[0]}PhoneIndicator`, '1', info);
      for (const k of kinds.slice(1)) v.skip(`${base}.${slot}${k}PhoneIndicator`, 'one phone has one kind; another box is checked too');
    }
    v.put(comms.add('EmailInfo'), 'EmailAddr', `${base}.primaryEmailAddress`);
    if (v.isWritten(`${base}.primaryEmailAddress`)) v.put(comms.add('EmailInfo'), 'EmailAddr', `${base}.secondaryEmailAddress`);
    else v.skip(`${base}.secondaryEmailAddress`, 'the reader takes the first e-mail as the primary one; there is none');
    v.put(party.add('MiscPartyInfo'), 'MiscPartyRoleCd', `${base}.contactDescription`);
  }
}
