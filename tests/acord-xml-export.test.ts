import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Submission } from '../schemas/submission.js';
import { extractAcordXml } from '../src/read/extract/acord-xml-extractor.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { exportAcordXml } from '../src/assemble/export/acord-xml-export.js';
import { NO_REASON, SKIP_REASONS } from '../src/assemble/export/skip-reasons.js';
import { listLeaves } from '../src/model/list-leaves.js';
import { getAtPath } from '../src/model/model-path.js';
import { ExpectedFile } from '../scripts/sample-kit/expected.js';
import { sharedPresent } from './support/shared-present.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = path.resolve(HERE, '..', 'samples');
const REAL_XML = path.resolve(HERE, '../../shared/acord-xml/gl-quote-inq-rq.xml');
const hasRealXml = sharedPresent(REAL_XML, 'the real ACORD XML request');

const folders = readdirSync(SAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const inputs = (folder: string, ext: string) =>
  readdirSync(path.join(SAMPLES, folder))
    .filter((f) => f.endsWith(ext))
    .map((f) => ({ fileName: f, bytes: new Uint8Array(readFileSync(path.join(SAMPLES, folder, f))) }));
/** The request the shipped XML of a submission is: what its forms export as too. */
const shippedRequest = (folder: string) => {
  const base = folders.find((f) => folder.startsWith(f) && readdirSync(path.join(SAMPLES, f)).includes('submission.xml.expected.json'))!;
  const expected = ExpectedFile.parse(JSON.parse(readFileSync(path.join(SAMPLES, base, 'submission.xml.expected.json'), 'utf8')));
  return expected.kind === 'acord-xml' ? expected.request : '';
};

/**
 * Every sample submission: each one's forms and its XML read on their own, every flattened variant,
 * and one scan (OCR takes seconds a page; the other scans hold what their flattened forms hold).
 */
const CASES = [
  ...folders.filter((f) => inputs(f, '.xml').length).flatMap((f) => [
    { name: `${f}: fillable forms`, folder: f, ext: '.pdf' },
    { name: `${f}: ACORD XML`, folder: f, ext: '.xml' },
  ]),
  ...folders.filter((f) => f.endsWith('-one-pdf') || f.endsWith('-flat')).map((f) => ({ name: `${f}: ${f.endsWith('-flat') ? 'flattened' : 'one fillable PDF'}`, folder: f, ext: '.pdf' })),
  { name: 'office-ny-scan300: scanned', folder: 'office-ny-scan300', ext: '.pdf' },
];

/**
 * Values the XML reader derives from what an exported request states, which the model may not have
 * held: read back, they appear beside the exported values. Indexes are matched as `[]`.
 */
const DERIVED_ON_READ: readonly (readonly [RegExp, string])[] = [
  [/^policy\.status\.quoteIndicator$/, 'the request is a quote inquiry'],
  [/^policy\.linesOfBusiness\.(commercialGeneralLiability|commercialProperty|businessOwners)\.requested$/, "the line's element in the request says it is requested"],
  [/^generalLiability\.coverage\.commercialGeneralLiabilityIndicator$/, 'a GeneralLiabilityLineBusiness is written on the CGL coverage form'],
  [/^namedInsureds\[\]\.legalEntity\.code$/, 'the LegalEntityCd that states the checked legal-entity box'],
  [/^property\.locations\[\]\.improvements\.\w+Indicator$/, "an update's year checks its box"],
  [
    /^(premises\[\]\.(locationProducerIdentifier|buildingProducerIdentifier|buildingArea|physicalAddress\.lineOne)|property\.locations\[\]\.(locationProducerIdentifier|buildingProducerIdentifier|physicalAddressLine|construction\.buildingArea))$/,
    "a Location and its building's facts are read by both the 125's premises and the 140's locations: one form's location or building area appears on the other",
  ],
];

function derivedOnRead(path: string): string | undefined {
  const shape = path.replace(/\[\d+\]/g, '[]');
  return DERIVED_ON_READ.find(([re]) => re.test(shape))?.[1];
}

const DOC = { id: 'e'.repeat(64), fileName: 'export.xml' };

/** Exports, reads the XML back and compares every value leaf by leaf. */
async function roundTrip(submission: Submission) {
  const { documents, conflicts, unplaced, ...data } = submission;
  const before = listLeaves(data);
  const exported = exportAcordXml(submission);
  const back = await extractAcordXml(new TextEncoder().encode(exported.xml), DOC);
  const skipped = new Set(exported.skipped.map((s) => s.path));
  const mismatched = before
    .filter(({ path: p }) => !skipped.has(p))
    .flatMap(({ path: p, leaf }) => {
      const read = getAtPath(back.data, p) as { value: unknown } | undefined;
      return read && JSON.stringify(read.value) === JSON.stringify(leaf.value) ? [] : [{ path: p, exported: leaf.value, readBack: read?.value }];
    });
  const paths = new Set(before.map((l) => l.path));
  const added = listLeaves(back.data).filter((l) => !paths.has(l.path));
  return { before, exported, back, mismatched, added };
}

describe('ACORD XML export', () => {
  it.each(CASES)('round-trips $name field by field', async ({ folder, ext }) => {
    const files = inputs(folder, ext);
    expect(files.length).toBeGreaterThan(0);
    const { submission } = await extractSubmission(files);
    const { before, exported, back, mismatched, added } = await roundTrip(submission);

    expect(exported.request).toBe(shippedRequest(folder));
    expect(mismatched).toEqual([]);
    // What the reader adds is only what the request's own structure states (the quote, the lines …).
    expect(added.filter((l) => !derivedOnRead(l.path)).map((l) => l.path)).toEqual([]);
    expect(back.unplaced).toEqual([]);
    expect(back.warnings).toEqual([]);

    // Skipped: model values, each once, each with a reason from the named list or a specific one.
    const paths = new Set(before.map((l) => l.path));
    expect(exported.skipped.every((s) => paths.has(s.path))).toBe(true);
    expect(new Set(exported.skipped.map((s) => s.path)).size).toBe(exported.skipped.length);
    expect(exported.skipped.filter((s) => s.why === NO_REASON)).toEqual([]);
    expect(new Set(exported.skipped.map((s) => s.why)).size).toBeLessThanOrEqual(SKIP_REASONS.length + 6);
    // Read from XML, every value has its element again.
    if (ext === '.xml') expect(exported.skipped).toEqual([]);
    else expect(before.length - exported.skipped.length).toBeGreaterThan(before.length / 3);
  });

  it.skipIf(!hasRealXml)('round-trips the real GeneralLiabilityPolicyQuoteInqRq', async () => {
    const { submission } = await extractSubmission([{ fileName: 'gl-quote-inq-rq.xml', bytes: new Uint8Array(readFileSync(REAL_XML)) }]);
    const { before, exported, mismatched, added } = await roundTrip(submission);
    expect(before.length).toBeGreaterThan(40);
    expect(exported.request).toBe('GeneralLiabilityPolicyQuoteInqRq');
    expect(mismatched).toEqual([]);
    expect(added.filter((l) => !derivedOnRead(l.path)).map((l) => l.path)).toEqual([]);
    expect(exported.skipped).toEqual([]);
  });

  it('skips, with why, what the XML cannot say where the model has it, and writes the rest', async () => {
    const { submission } = await extractSubmission(inputs('restaurant-tx', '.xml'));
    const broken = structuredClone(submission);
    const leafAt = (p: string) => getAtPath(broken, p) as { value: unknown; raw: string };
    // A row whose policy year is not its policies' effective year; a second e-mail with no first; a box the legal-entity code does not state.
    leafAt('priorCoverage[0].policyYear').value = 1999;
    delete (broken.contacts![0] as Record<string, unknown>).primaryEmailAddress;
    const entity = broken.namedInsureds![0]!.legalEntity!;
    entity.corporationIndicator = { ...entity.limitedLiabilityCorporationIndicator! };
    const { exported, mismatched } = await roundTrip(broken);
    expect(mismatched).toEqual([]);
    const why = Object.fromEntries(exported.skipped.map((s) => [s.path, s.why]));
    expect(why['priorCoverage[0].policyYear']).toMatch(/effective date/);
    expect(Object.keys(why).filter((p) => p.startsWith('priorCoverage[0].generalLiability.')).length).toBeGreaterThan(2);
    expect(why['contacts[0].secondaryEmailAddress']).toMatch(/first e-mail/);
    expect(why['namedInsureds[0].legalEntity.corporationIndicator']).toMatch(/LegalEntityCd/);
    expect(exported.skipped).toHaveLength(Object.keys(why).length);
  });

  it('round-trips two buildings of one location: numbered by SubLocation, each with its own facts and address line', async () => {
    const { submission } = await extractSubmission(inputs('restaurant-tx', '.xml'));
    const two = structuredClone(submission);
    const [first, second] = two.premises!;
    const code = (value: string) => ({ ...first!.locationProducerIdentifier!, value, raw: value });
    first!.buildingProducerIdentifier = code('1');
    second!.locationProducerIdentifier = code('1');
    second!.buildingProducerIdentifier = code('2');
    for (const [i, location] of two.property!.locations!.entries()) {
      location.locationProducerIdentifier = code('1');
      location.buildingProducerIdentifier = code(String(i + 1));
    }
    const { exported, back, mismatched, added } = await roundTrip(two);
    expect(mismatched).toEqual([]);
    expect(added).toEqual([]);
    expect(back.unplaced).toEqual([]);
    expect(exported.xml.match(/<Location /g)).toHaveLength(1);
    expect(exported.xml.match(/<SubLocation /g)).toHaveLength(2);
    // The second building's own address: the Location holds the first's.
    expect(exported.skipped.map((s) => s.path).every((p) => p.startsWith('premises[1].physicalAddress.'))).toBe(true);
    expect((getAtPath(back.data, 'property.locations[1].physicalAddressLine') as { value: unknown }).value).toBe(two.property!.locations![1]!.physicalAddressLine!.value);
  });

  describe('hostile and non-ASCII text', async () => {
    const { submission } = await extractSubmission(inputs('restaurant-tx', '.xml'));
    const hostile: Record<string, string> = {
      'namedInsureds[0].fullName': 'Café Łódź & Søn <Holdings> "Ltd" \'Ŝ\' 東京',
      'namedInsureds[0].mailingAddress.lineOne': '12 Rue d’Été & <b>1</b> ]]> &amp; &#60;',
      'producer.fullName': 'Ünïcödé Brokers 🚀 & Co',
      'generalInformation.questions.KAM.explanation': 'Line one <x/>\nLine two & "three"',
      'policy.policyNumberIdentifier': 'PN-<&>-"\'-1',
      // Written as an attribute (LocationRef): the number of no Location is referred to as written.
      'generalLiability.hazards[0].locationProducerIdentifier': 'Lot <7> & "B"',
      // Phones beyond the plain US number: an extension, a number abroad.
      'producer.contactPerson.phoneNumber': '+15125550160;ext=204',
      'producer.faxNumber': '+442071234567',
    };
    const modified = structuredClone(submission);
    for (const [p, text] of Object.entries(hostile)) {
      const leaf = getAtPath(modified, p) as { value: unknown; raw: string };
      expect(leaf, p).toBeDefined();
      leaf.value = text;
      leaf.raw = text;
    }
    const control = getAtPath(modified, 'namedInsureds[0].mailingAddress.cityName') as { value: unknown; raw: string };
    control.value = 'Bell\u0007ville';
    control.raw = 'Bell\u0007ville';

    it('survives export and reading back, escaped, not altered', async () => {
      const { exported, back, mismatched } = await roundTrip(modified);
      expect(mismatched).toEqual([]);
      for (const [p, text] of Object.entries(hostile)) expect((getAtPath(back.data, p) as { value: unknown }).value, p).toBe(text);
      expect(exported.xml).toContain('Café Łódź &amp; Søn &lt;Holdings&gt;');
      expect(exported.xml).not.toContain('<Holdings>');
      expect(exported.xml).not.toContain('<x/>');
      expect(exported.xml).toContain('LocationRef="Lot &lt;7&gt; &amp; &quot;B&quot;"');
    });

    it('skips, with why, a value XML cannot carry', () => {
      const { xml, skipped } = exportAcordXml(modified);
      expect(skipped).toEqual([{ path: 'namedInsureds[0].mailingAddress.cityName', why: expect.stringContaining('XML 1.0 cannot carry') }]);
      expect(xml).not.toContain('\u0007');
    });

    it('writes the same bytes for the same submission', () => {
      expect(exportAcordXml(modified).xml).toBe(exportAcordXml(structuredClone(modified)).xml);
    });
  });
});
