import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SubmissionData } from '../schemas/submission.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { splitByInsured } from '../src/read/extract/split-by-insured.js';
import { sharedPresent } from './support/shared-present.js';

const REAL_XML = path.resolve(import.meta.dirname, '../../shared/acord-xml/gl-quote-inq-rq.xml');
const hasRealXml = sharedPresent(REAL_XML, 'the real ACORD XML request');
if (!hasRealXml) console.warn(`Skipping the different-insureds test on the real XML: ${REAL_XML} is absent`);

const leaf = (value: string, doc: string) => ({ value, raw: value, confidence: 1, source: { document: doc, page: 1, rect: null, method: 'acroform' as const } });
const insured = (doc: string, name: string, taxId?: string) => ({ fullName: leaf(name, doc), ...(taxId ? { taxIdentifier: leaf(taxId, doc) } : {}) });
const part = (fileName: string, ...insureds: ReturnType<typeof insured>[]) => ({ fileName, data: { namedInsureds: insureds } as SubmissionData });

describe('splitByInsured', () => {
  it('sees one insured in a tax id shared under two spellings, a name without its suffix, and a named insured B', () => {
    const parts = [
      part('125.pdf', insured('a', 'Acme Holdings LLC', '12-3456789'), insured('a', 'Acme Realty Co')),
      part('126.pdf', insured('b', 'ACME HOLDING', '12-3456789')),
      part('140.pdf', insured('c', 'Acme Holdings, L.L.C.')),
      part('126-realty.pdf', insured('d', 'ACME REALTY')),
      { fileName: 'unnamed.pdf', data: { producer: { fullName: leaf('Broker', 'e') } } as SubmissionData },
    ];
    expect(splitByInsured(parts)).toEqual({ toMerge: parts.map((p) => p.data), differentInsureds: [] });
  });

  it('keeps the insured most files name, reports the others with a masked tax id, and merges parts that name nobody', () => {
    const beta = part('beta.pdf', insured('b', 'Beta Marine Corp', '98-7654321'));
    const acme = [part('125.pdf', insured('a', 'Acme LLC', '12-3456789')), part('126.pdf', insured('c', 'ACME'))];
    const unnamed = { fileName: 'unnamed.pdf', data: { producer: { fullName: leaf('Broker', 'e') } } as SubmissionData };
    const { toMerge, differentInsureds, warning } = splitByInsured([beta, ...acme, unnamed]);
    expect(toMerge).toEqual([acme[0]!.data, acme[1]!.data, unnamed.data]);
    expect(differentInsureds).toEqual([
      { name: 'Beta Marine Corp', taxIdLast4: '4321', documents: ['beta.pdf'], merged: false },
      { name: 'Acme LLC', taxIdLast4: '6789', documents: ['125.pdf', '126.pdf'], merged: true },
    ]);
    expect(warning).toContain('"Acme LLC" (tax id ending 6789) in 125.pdf, 126.pdf; "Beta Marine Corp" (tax id ending 4321) in beta.pdf');
    expect(JSON.stringify({ differentInsureds, warning })).not.toMatch(/3456789|7654321/);
  });

  it('does not take a scanned form whose insured OCR misread for another insured', () => {
    const scanned = { fileName: '126.scan.pdf', data: { namedInsureds: [{ fullName: { ...leaf('ACME H0LDINGS', 's'), source: { ...leaf('', 's').source, method: 'ocr' as const } } }] } as SubmissionData };
    expect(splitByInsured([part('125.pdf', insured('a', 'Acme Holdings LLC', '12-3456789')), scanned]).differentInsureds).toEqual([]);
  });

  it('tells two insureds of one name apart by their tax ids; on a tie of files the first stands', () => {
    const { differentInsureds } = splitByInsured([part('a.pdf', insured('a', 'Acme LLC', '12-3456789')), part('b.pdf', insured('b', 'Acme LLC', '98-7654321'))]);
    expect(differentInsureds.map((d) => [d.documents, d.merged])).toEqual([
      [['a.pdf'], true],
      [['b.pdf'], false],
    ]);
  });
});

/** A quote request for another business than the real sample's. */
const otherInsuredXml = (name: string, taxId?: string) => `<?xml version="1.0" encoding="UTF-8"?>
<ACORD><InsuranceSvcRq><GeneralLiabilityPolicyQuoteInqRq>
  <InsuredOrPrincipal><GeneralPartyInfo>
    <NameInfo><CommlName><CommercialName>${name}</CommercialName></CommlName>${taxId ? `<TaxIdentity><TaxIdTypeCd>FEIN</TaxIdTypeCd><TaxId>${taxId}</TaxId></TaxIdentity>` : ''}</NameInfo>
    <Addr><AddrTypeCd>MailingAddress</AddrTypeCd><Addr1>9 Harbor Rd</Addr1><City>Tampa</City><StateProvCd>FL</StateProvCd><PostalCode>33602</PostalCode></Addr>
  </GeneralPartyInfo></InsuredOrPrincipal>
  <CommlPolicy><LOBCd>CGL</LOBCd><ContractTerm><EffectiveDt>2025-03-01</EffectiveDt></ContractTerm></CommlPolicy>
</GeneralLiabilityPolicyQuoteInqRq></InsuranceSvcRq></ACORD>`;
const utf8 = (s: string) => new TextEncoder().encode(s);

describe.skipIf(!hasRealXml)('extractSubmission over files naming different insureds', () => {
  it("merges the main insured's files only, and says which files name whom", async () => {
    const { submission, outcome } = await extractSubmission([
      { fileName: 'beta.xml', bytes: utf8(otherInsuredXml('Beta Marine Corp', '987654321')) },
      { fileName: 'gl-quote-inq-rq.xml', bytes: new Uint8Array(readFileSync(REAL_XML)) },
      // The real sample's insured again, spelled another way and without its FEIN.
      { fileName: 'scotty-renewal.xml', bytes: utf8(otherInsuredXml("SCOTTY'S TRANSMISSIONS, L.L.C.")) },
    ]);
    const { differentInsureds, warnings } = outcome;
    expect(outcome.status).toBe('incomplete');
    expect(differentInsureds).toEqual([
      { name: 'Beta Marine Corp', taxIdLast4: '4321', documents: ['beta.xml'], merged: false },
      { name: "Scotty's Transmissions", taxIdLast4: '4949', documents: ['gl-quote-inq-rq.xml', 'scotty-renewal.xml'], merged: true },
    ]);
    expect(submission.namedInsureds?.map((n) => n.fullName?.value)).toEqual(["Scotty's Transmissions"]);
    expect(submission.conflicts.map((c) => c.other.raw)).not.toContain('Beta Marine Corp');
    expect(submission.documents.map((d) => d.fileName)).toEqual(['beta.xml', 'gl-quote-inq-rq.xml', 'scotty-renewal.xml']);
    const warning = warnings.find((w) => w.includes('different insureds'));
    expect(warning).toMatch(/"Scotty's Transmissions" \(tax id ending 4949\) in gl-quote-inq-rq\.xml, scotty-renewal\.xml; "Beta Marine Corp" \(tax id ending 4321\) in beta\.xml/);
    expect(JSON.stringify({ differentInsureds, warnings })).not.toMatch(/339494949|33-9494949|987654321|98-7654321/);
  });

  it('reports nothing when every file names one insured', async () => {
    const { outcome, submission } = await extractSubmission([
      { fileName: 'gl-quote-inq-rq.xml', bytes: new Uint8Array(readFileSync(REAL_XML)) },
      { fileName: 'scotty-renewal.xml', bytes: utf8(otherInsuredXml("Scotty's Transmissions LLC", '33-9494949')) },
    ]);
    expect(outcome.differentInsureds).toEqual([]);
    expect(outcome.status).toBe('complete');
    expect(submission.namedInsureds).toHaveLength(1);
    expect(submission.namedInsureds?.[0]?.taxIdentifier?.confirmedBy).toHaveLength(1);
  });
});
