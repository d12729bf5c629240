import type { XmlCursor } from './xml-cursor.js';
import { legalEntityIndicator } from './xml-legal-entity.js';
import { policyAggregate } from './xml-policy-aggregates.js';
import type { XmlMappingContext } from './xml-mapping-context.js';
import { isFax, personName, phones, pickAddress, putAddress, putPhone } from './xml-values.js';

/**
 * A party's GeneralPartyInfo; simplified senders put its NameInfo, Addr and Communications straight
 * into the party, which is taken as its GeneralPartyInfo when it holds exactly one NameInfo.
 */
export function partyInfo(party: XmlCursor | undefined): XmlCursor | undefined {
  return party?.one('GeneralPartyInfo') ?? (party?.all('NameInfo').length === 1 ? party : undefined);
}

const commercialName = (party: XmlCursor) => partyInfo(party)?.at('NameInfo/CommlName/CommercialName');

/** Producer (agency name, address, phones, e-mail) and ProducerInfo's codes, which the 125 prints in the carrier block. */
export function mapProducer(ctx: XmlMappingContext): void {
  const producers = ctx.request.all('Producer');
  const agency = producers.find(commercialName) ?? producers[0];
  if (!agency) return;
  const party = partyInfo(agency);
  // A producer may name the agency and its person in two NameInfo elements of one GeneralPartyInfo.
  const agencyName = party?.all('NameInfo').find((n) => n.at('CommlName/CommercialName'));
  ctx.read('producer.fullName', agencyName, 'CommlName/CommercialName');
  putAddress(ctx, 'producer.mailingAddress', pickAddress(party, 'MailingAddress'));
  for (const nameInfo of producers.flatMap((p) => partyInfo(p)?.all('NameInfo') ?? [])) {
    const contact = personName(nameInfo);
    if (contact && ctx.put('producer.contactPerson.fullName', contact.raw, contact.path)) break;
  }
  const numbers = phones(party);
  putPhone(ctx, 'producer.contactPerson.phoneNumber', numbers.find((p) => !isFax(p)));
  putPhone(ctx, 'producer.faxNumber', numbers.find(isFax));
  ctx.read('producer.contactPerson.emailAddress', party, 'Communications/EmailInfo/EmailAddr');

  const info = producers.map((p) => p.one('ProducerInfo')).find(Boolean);
  ctx.read('carrier.producerIdentifier', info, 'ContractNumber');
  ctx.read('carrier.subProducerIdentifier', info, 'ProducerSubCode');
}

const ROLE = 'InsuredOrPrincipalInfo/InsuredOrPrincipalRoleCd';

/**
 * InsuredOrPrincipal: a party whose role says contact is a contact; of the others, every party with
 * a commercial name is a named insured, in document order; a party named only as a person is a
 * contact, unless no party has a commercial name, in which case the first party is the (individual)
 * named insured. The role code is read with the party it sorted.
 */
export function mapInsureds(ctx: XmlMappingContext): void {
  const parties = ctx.request.all('InsuredOrPrincipal');
  parties.forEach((p) => p.consume(ROLE));
  const candidates = parties.filter((p) => !/contact/i.test(p.peekAt(ROLE) ?? ''));
  const commercial = candidates.filter(commercialName);
  const insureds = commercial.length ? commercial : candidates.slice(0, 1);
  insureds.forEach((party, i) => mapNamedInsured(ctx, party, i));
  const named = new Set(insureds);
  // Other parties of the policy (MiscParty: accounting, claims, inspection contacts …) are contacts too.
  const contacts = [...parties.filter((p) => !named.has(p)), ...(policyAggregate(ctx.request)?.all('MiscParty') ?? [])];
  contacts.forEach((party, j) => mapContact(ctx, party, j));
}

function mapNamedInsured(ctx: XmlMappingContext, party: XmlCursor, i: number): void {
  const base = `namedInsureds[${i}]`;
  const general = partyInfo(party);
  const nameInfo = general?.one('NameInfo');
  if (!ctx.read(`${base}.fullName`, nameInfo, 'CommlName/CommercialName')) {
    const person = personName(nameInfo);
    if (person) ctx.put(`${base}.fullName`, person.raw, person.path);
  }
  mapLegalEntity(ctx, `${base}.legalEntity`, nameInfo?.one('LegalEntityCd'));
  mapTaxId(ctx, `${base}.taxIdentifier`, nameInfo);
  putAddress(ctx, `${base}.mailingAddress`, pickAddress(general, 'MailingAddress'));
  putPhone(ctx, `${base}.primary.phoneNumber`, phones(general).find((p) => !isFax(p)));
  ctx.read(`${base}.primary.emailAddress`, general, 'Communications/EmailInfo/EmailAddr');
  // Some senders leave out the WebsiteInfo aggregate.
  if (!ctx.read(`${base}.primary.websiteAddress`, general, 'Communications/WebsiteInfo/WebsiteURL')) {
    ctx.read(`${base}.primary.websiteAddress`, general, 'Communications/WebsiteURL');
  }

  const business = party.at('InsuredOrPrincipalInfo/BusinessInfo');
  ctx.read(`${base}.naicsCode`, business, 'NAICSCd');
  ctx.read(`${base}.sicCode`, business, 'SICCd');
  ctx.read(`${base}.businessStartDate`, business, 'BusinessStartDt');
  // ACORD spells it NumMembersManagers; a widely used quoting platform sends NumMembersMangers.
  if (!ctx.read(`${base}.legalEntity.memberManagerCount`, business, 'NumMembersManagers')) {
    ctx.read(`${base}.legalEntity.memberManagerCount`, business, 'NumMembersMangers');
  }
  if (i === 0) ctx.read('producer.customerIdentifier', party, 'ItemIdInfo/AgencyId');
}

function mapLegalEntity(ctx: XmlMappingContext, base: string, code: XmlCursor | undefined): void {
  if (!code?.text) return;
  ctx.put(`${base}.code`, code.text, code.path);
  const indicator = legalEntityIndicator(code.text);
  if (indicator) {
    ctx.check(`${base}.${indicator}`, code.path);
  } else {
    ctx.check(`${base}.otherIndicator`, code.path);
    ctx.put(`${base}.otherDescription`, code.text, code.path);
  }
}

/**
 * TaxIdentity/TaxId. XML writes both FEIN and SSN as nine bare digits and says which in TaxIdTypeCd;
 * nine bare digits alone are a tax id of unknown kind, so the type code goes to the normalizer as the
 * element's label, and the raw text stays as written.
 */
function mapTaxId(ctx: XmlMappingContext, path: string, nameInfo: XmlCursor | undefined): void {
  const identities = nameInfo?.all('TaxIdentity') ?? [];
  const chosen =
    identities.find((t) => /^(FEIN|SSN)$/i.test(t.peekAt('TaxIdTypeCd') ?? '') && t.peekAt('TaxId')) ?? identities.find((t) => t.peekAt('TaxId'));
  const id = chosen?.one('TaxId');
  if (!chosen || !id) return;
  ctx.put(path, id.text, id.path, `${id.path} ${chosen.textAt('TaxIdTypeCd')?.toUpperCase() ?? ''}`);
}

function mapContact(ctx: XmlMappingContext, party: XmlCursor, j: number): void {
  const base = `contacts[${j}]`;
  const general = partyInfo(party);
  const nameInfo = general?.one('NameInfo');
  const person = personName(nameInfo);
  if (person) ctx.put(`${base}.fullName`, person.raw, person.path);
  else ctx.read(`${base}.fullName`, nameInfo, 'CommlName/CommercialName');
  const roles = party.all('MiscPartyInfo').map((info) => info.textAt('MiscPartyRoleCd')).filter(Boolean);
  if (roles.length) ctx.put(`${base}.contactDescription`, roles.join(', '), `${party.path}/MiscPartyInfo/MiscPartyRoleCd`);
  phones(general)
    .filter((p) => !isFax(p))
    .slice(0, 2)
    .forEach((p, k) => {
      const slot = k === 0 ? 'primary' : 'secondary';
      putPhone(ctx, `${base}.${slot}PhoneNumber`, p);
      const kind = p.type === 'cell' ? 'Cell' : p.use === 'home' ? 'Home' : p.use === 'business' || p.use === 'day' ? 'Business' : null;
      if (kind) ctx.check(`${base}.${slot}${kind}PhoneIndicator`, p.number.path.replace(/\/PhoneNumber$/, ''));
    });
  (general?.at('Communications')?.all('EmailInfo') ?? []).slice(0, 2).forEach((e, k) => {
    ctx.read(`${base}.${k === 0 ? 'primary' : 'secondary'}EmailAddress`, e, 'EmailAddr');
  });
}
