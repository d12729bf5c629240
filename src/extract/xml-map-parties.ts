import type { XmlCursor } from './xml-cursor.js';
import { legalEntityIndicator } from './xml-legal-entity.js';
import type { XmlMappingContext } from './xml-mapping-context.js';
import { isFax, personName, phones, pickAddress, putAddress } from './xml-values.js';

/** Producer (agency name, address, phones, e-mail) and ProducerInfo's codes, which the 125 prints in the carrier block. */
export function mapProducer(ctx: XmlMappingContext): void {
  const producers = ctx.request.all('Producer');
  const agency = producers.find((p) => p.at('GeneralPartyInfo/NameInfo/CommlName/CommercialName')) ?? producers[0];
  if (!agency) return;
  const party = agency.one('GeneralPartyInfo');
  ctx.read('producer.fullName', party, 'NameInfo/CommlName/CommercialName');
  putAddress(ctx, 'producer.mailingAddress', pickAddress(party, 'MailingAddress'));
  const contact = producers.map((p) => personName(p.at('GeneralPartyInfo/NameInfo'))).find(Boolean);
  if (contact) ctx.put('producer.contactPerson.fullName', contact.raw, contact.path);
  const numbers = phones(party);
  const voice = numbers.find((p) => !isFax(p));
  if (voice) ctx.put('producer.contactPerson.phoneNumber', voice.number.text, voice.number.path);
  const fax = numbers.find(isFax);
  if (fax) ctx.put('producer.faxNumber', fax.number.text, fax.number.path);
  ctx.read('producer.contactPerson.emailAddress', party, 'Communications/EmailInfo/EmailAddr');

  const info = producers.map((p) => p.one('ProducerInfo')).find(Boolean);
  ctx.read('carrier.producerIdentifier', info, 'ContractNumber');
  ctx.read('carrier.subProducerIdentifier', info, 'ProducerSubCode');
}

/**
 * InsuredOrPrincipal: every party with a commercial name is a named insured, in document order; a
 * party named only as a person is a contact, unless no party has a commercial name, in which case
 * the first party is the (individual) named insured.
 */
export function mapInsureds(ctx: XmlMappingContext): void {
  const parties = ctx.request.all('InsuredOrPrincipal');
  const commercial = parties.filter((p) => p.at('GeneralPartyInfo/NameInfo/CommlName/CommercialName'));
  const insureds = commercial.length ? commercial : parties.slice(0, 1);
  insureds.forEach((party, i) => mapNamedInsured(ctx, party, i));
  const named = new Set(insureds);
  parties.filter((p) => !named.has(p)).forEach((party, i) => mapContact(ctx, party, i));
}

function mapNamedInsured(ctx: XmlMappingContext, party: XmlCursor, i: number): void {
  const base = `namedInsureds[${i}]`;
  const general = party.one('GeneralPartyInfo');
  const nameInfo = general?.one('NameInfo');
  if (!ctx.read(`${base}.fullName`, nameInfo, 'CommlName/CommercialName')) {
    const person = personName(nameInfo);
    if (person) ctx.put(`${base}.fullName`, person.raw, person.path);
  }
  mapLegalEntity(ctx, `${base}.legalEntity`, nameInfo?.one('LegalEntityCd'));
  mapTaxId(ctx, `${base}.taxIdentifier`, nameInfo);
  putAddress(ctx, `${base}.mailingAddress`, pickAddress(general, 'MailingAddress'));
  const voice = phones(general).find((p) => !isFax(p));
  if (voice) ctx.put(`${base}.primary.phoneNumber`, voice.number.text, voice.number.path);
  ctx.read(`${base}.primary.emailAddress`, general, 'Communications/EmailInfo/EmailAddr');
  ctx.read(`${base}.primary.websiteAddress`, general, 'Communications/WebsiteInfo/WebsiteURL');

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
    identities.find((t) => /^(FEIN|SSN)$/i.test(t.textAt('TaxIdTypeCd') ?? '') && t.textAt('TaxId')) ?? identities.find((t) => t.textAt('TaxId'));
  const id = chosen?.one('TaxId');
  if (!chosen || !id) return;
  ctx.put(path, id.text, id.path, `${id.path} ${chosen.textAt('TaxIdTypeCd')?.toUpperCase() ?? ''}`);
}

function mapContact(ctx: XmlMappingContext, party: XmlCursor, j: number): void {
  const base = `contacts[${j}]`;
  const general = party.one('GeneralPartyInfo');
  const person = personName(general?.one('NameInfo'));
  if (person) ctx.put(`${base}.fullName`, person.raw, person.path);
  phones(general)
    .filter((p) => !isFax(p))
    .slice(0, 2)
    .forEach((p, k) => {
      const slot = k === 0 ? 'primary' : 'secondary';
      ctx.put(`${base}.${slot}PhoneNumber`, p.number.text, p.number.path);
      const kind = p.type === 'cell' ? 'Cell' : p.use === 'home' ? 'Home' : p.use === 'business' || p.use === 'day' ? 'Business' : null;
      if (kind) ctx.check(`${base}.${slot}${kind}PhoneIndicator`, p.number.path.replace(/\/PhoneNumber$/, ''));
    });
  (general?.at('Communications')?.all('EmailInfo') ?? []).slice(0, 2).forEach((e, k) => {
    ctx.read(`${base}.${k === 0 ? 'primary' : 'secondary'}EmailAddress`, e, 'EmailAddr');
  });
}
