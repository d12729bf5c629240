import { PDFCheckBox, PDFDocument, PDFName, PDFString, PDFTextField } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { SubmissionData } from '../schemas/submission.js';
import { REVIEW_THRESHOLD } from '../src/config/review-threshold.js';
import { extractDocument, type ExtractedDocument } from '../src/read/extract/extract-document.js';
import { listLeaves } from '../src/model/list-leaves.js';
import { getAtPath } from '../src/model/model-path.js';
import { typedRawValue } from '../scripts/sample-kit/typed-raw-values.js';
import { placementCandidates } from '../src/read/place/placement-candidates.js';
import { loadTemplates } from '../src/read/templates/template-registry.js';
import { hasRealCorpus, readRealCorpusPdf as read } from './support/real-corpus.js';
import { hasSharedForms, readSharedForm } from './support/shared-forms.js';

const extract = (name: string) => extractDocument(read(name), name);

/** Model path → raw text as typed in the box, read off the page by hand. */
type Expected = Record<string, string>;

function leafAt(data: SubmissionData, p: string) {
  return getAtPath(data, p) as { raw: string; confidence: number; source: { field?: string; rect: unknown; method: string } } | undefined;
}

function expectPlaced(doc: ExtractedDocument, expected: Expected) {
  const [data] = doc.parts;
  const wrong = Object.entries(expected).flatMap(([p, raw]) => (leafAt(data!, p)?.raw === raw ? [] : [`${p}: ${JSON.stringify(leafAt(data!, p)?.raw)} ≠ ${JSON.stringify(raw)}`]));
  expect(wrong).toEqual([]);
}

/** Every filled box accounted for (placed or unplaced), and at least `share` of them placed. */
function expectMostlyPlaced(doc: ExtractedDocument, filled: number, share: number) {
  const placed = doc.parts.reduce((n, part) => n + listLeaves(part).length, 0);
  expect(placed + doc.unplaced.length).toBe(filled);
  expect(placed / filled).toBeGreaterThanOrEqual(share);
}

describe("another form's fields as candidates", () => {
  it('are only submission-wide ones (policy, producer, carrier, first named insured), never a section of another form', () => {
    for (const form of ['125', '126', '140'] as const) {
      const foreign = placementCandidates(form).candidates.filter((c) => c.foreign);
      expect(foreign.length).toBeGreaterThan(0);
      expect(foreign.filter((c) => !/^(policy|producer|carrier)\./.test(c.path) && c.path !== 'namedInsureds[0].fullName').map((c) => c.path)).toEqual([]);
    }
    expect(placementCandidates('140').candidates.some((c) => c.foreign && c.path === 'policy.expirationDate')).toBe(true);
  });
});

describe.skipIf(!hasRealCorpus)('filled boxes whose field names no template knows are placed by where they sit', () => {
  it('ACORD 140 (2007/09), ritu: header, location 1 and 2, subject rows, construction, protection', async () => {
    const doc = await extract('ritu-acord140-2007-09-filled.pdf');
    expect(doc.document.forms.map((f) => `${f.form} ${f.edition}`)).toEqual(['140 2007/09']);
    expectPlaced(doc, {
      'producer.fullName': 'Test Agency',
      'producer.customerIdentifier': 'cust123456',
      'namedInsureds[0].fullName': 'Satyaki',
      'carrier.fullName': 'AGIA',
      'carrier.naicCode': 'N1234',
      'policy.policyNumberIdentifier': 'POL-1234',
      'policy.effectiveDate': '11/21/25',
      'policy.formCompletionDate': '12/01/2025',
      'property.locations[0].locationProducerIdentifier': 'U202',
      'property.locations[0].buildingProducerIdentifier': '2',
      'property.locations[0].physicalAddressLine': '9959 E Peakview Avenue, Englewood, Co-80111',
      'property.locations[0].sublocationDescription': 'Standalone',
      'property.locations[0].subjectsOfInsurance[0].subjectOfInsuranceCode': 'Subject 1',
      'property.locations[0].subjectsOfInsurance[0].limitAmount': '5000',
      'property.locations[0].subjectsOfInsurance[0].causeOfLossCode': 'Rain',
      'property.locations[0].subjectsOfInsurance[0].formsAndConditions': 'No Conditions',
      'property.locations[0].subjectsOfInsurance[1].limitAmount': '10000',
      'property.locations[0].subjectsOfInsurance[1].coinsurancePercent': '1.5',
      'property.locations[0].subjectsOfInsurance[1].causeOfLossCode': 'Earthquake',
      'property.locations[0].subjectsOfInsurance[2].limitAmount': '7000',
      'property.locations[0].subjectsOfInsurance[2].causeOfLossCode': 'Flood',
      'property.locations[0].subjectsOfInsurance[2].formsAndConditions': 'Certain Conditions',
      'property.locations[0].spoilage.yesNoCode': 'Y',
      'property.locations[0].spoilage.propertyDescription': 'Test Description',
      'property.locations[0].spoilage.limitAmount': '5000',
      'property.locations[0].spoilage.deductibleAmount': '1500',
      'property.locations[0].construction.constructionCode': 'Brick',
      'property.locations[0].construction.storeyCount': '4',
      'property.locations[0].construction.basementCount': '1',
      'property.locations[0].construction.builtYear': '2000',
      'property.locations[0].construction.buildingArea': '4000',
      'property.locations[0].fireProtection.hydrantDistanceFeetCount': '100',
      'property.locations[0].improvements.wiringIndicator': 'Yes', // the box's own export value, as ticked
      'property.locations[0].improvements.wiringYear': '2000',
      'property.locations[0].improvements.plumbingYear': '2000',
      'property.locations[0].improvements.heatingYear': '2000',
      'property.locations[0].taxCode': '8',
      'property.locations[0].burglarAlarm.alarmDescription': 'Normal',
      'property.locations[0].burglarAlarm.certificateIdentifier': 'Cert 1234',
      'property.locations[0].burglarAlarm.centralStationIndicator': 'Yes',
      'property.locations[0].burglarAlarm.installedAndServicedByName': 'ACME Corp',
      'property.locations[0].fireProtection.protectionDescription': 'Sprinklers',
      'property.locations[0].fireProtection.alarm.manufacturerName': 'ACME',
      'property.locations[0].fireProtection.alarm.centralStationIndicator': 'Yes',
      'property.locations[1].subjectsOfInsurance[0].subjectOfInsuranceCode': 'Subject Line 1',
      'property.locations[1].subjectsOfInsurance[0].limitAmount': '12,000',
      'property.locations[1].subjectsOfInsurance[1].limitAmount': '5,000',
      'property.locations[1].subjectsOfInsurance[1].causeOfLossCode': 'Theft',
      'property.locations[1].construction.constructionCode': 'Wood',
      'property.locations[1].construction.storeyCount': '3',
      'property.locations[1].construction.builtYear': '2020',
      'property.locations[1].construction.buildingArea': '1245',
      'property.locations[1].fireProtection.fireDistrictName': 'CO09876',
      'property.locations[1].fireProtection.sprinklerPercent': '7',
      'property.locations[1].burglarAlarm.certificateExpirationDate': '12/06/25',
      'property.locations[1].buildingSecurity.guardWatchmenCount': '89',
      'property.locations[1].fireProtection.alarm.localGongIndicator': 'Yes',
      'property.locations[1].additionalInterests[0].interest.lossPayeeIndicator': 'Yes',
      'property.locations[1].additionalInterests[0].interest.mortgageeIndicator': 'Yes',
    });
    expectMostlyPlaced(doc, 152, 0.9);
  });

  it('placed values keep the widget as their source and go to review unless label and name agree', async () => {
    const doc = await extract('ritu-acord140-2007-09-filled.pdf');
    const built = leafAt(doc.parts[0]!, 'property.locations[0].construction.builtYear')!;
    expect(built.source).toMatchObject({ method: 'acroform', field: 'Yr Built' });
    expect((built.source.rect as number[]).map(Math.round)).toEqual([486, 264, 40, 14]);
    expect(built.confidence).toBeLessThan(1);
    const agency = leafAt(doc.parts[0]!, 'producer.fullName')!;
    expect(agency.confidence).toBeLessThan(REVIEW_THRESHOLD);
    // The policy's expiration date has no box on any 140 we know: the 125's takes it, not the alarm certificate's.
    const expiration = leafAt(doc.parts[0]!, 'policy.expirationDate')!;
    expect(expiration).toMatchObject({ raw: '11/21/26', source: { method: 'acroform', field: 'Expiration Date' } });
    expect((expiration.source.rect as number[]).map(Math.round)).toEqual([83, 653, 65, 15]);
    expect(leafAt(doc.parts[0]!, 'property.locations[0].burglarAlarm.certificateExpirationDate')).toBeUndefined();
    expect(doc.unplaced.find((u) => u.field === 'Expiration Date')).toBeUndefined();
  });

  it("ACORD 140 (2007/09), ritu: the header's billing boxes no 140 template has go to the 125's fields, for review", async () => {
    const doc = await extract('ritu-acord140-2007-09-filled.pdf');
    const header: Expected = {
      'policy.expirationDate': '11/21/26',
      'policy.payment.directBillIndicator': 'Yes', // the box's own export value, as ticked
      'policy.payment.paymentScheduleCode': 'Monthly',
      'policy.audit.frequencyCode': 'yes',
    };
    expectPlaced(doc, header);
    for (const p of Object.keys(header)) expect(leafAt(doc.parts[0]!, p)!.confidence, p).toBeLessThan(REVIEW_THRESHOLD);
    expect(doc.unplaced.filter((u) => ['Direct Bill', 'Payment Plan', 'Audit'].includes(u.field))).toEqual([]);
  });

  it('ACORD 140 (2007/09), jaynro: the values its own answer key lists', async () => {
    const doc = await extract('jaynro-acord140-2007-09-filled-1.pdf');
    expectPlaced(doc, {
      'namedInsureds[0].fullName': 'John Doe',
      'property.locations[0].locationProducerIdentifier': '1',
      'property.locations[0].buildingProducerIdentifier': '1',
      'property.locations[0].physicalAddressLine': '131 Any street, Columbus, OH, 43215',
      'property.locations[0].subjectsOfInsurance[0].subjectOfInsuranceCode': 'Building',
      'property.locations[0].subjectsOfInsurance[0].limitAmount': '500000',
      'property.locations[0].subjectsOfInsurance[0].deductibleAmount': '1000',
      'property.locations[0].subjectsOfInsurance[0].valuationCode': 'R',
      'property.locations[0].subjectsOfInsurance[0].causeOfLossCode': 'Special (including theft)',
      'property.locations[0].subjectsOfInsurance[1].subjectOfInsuranceCode': 'Business Personal property',
      'property.locations[0].subjectsOfInsurance[1].limitAmount': '50000',
      'property.locations[0].subjectsOfInsurance[1].deductibleAmount': '5000',
      'property.locations[0].construction.constructionCode': 'Frame',
      'property.locations[0].construction.builtYear': '2020',
      'property.locations[0].improvements.roofingYear': '2020',
      'carrier.fullName': 'Some Carrier',
      'policy.policyNumberIdentifier': 'A123456781',
      // No 140 template has these header boxes; the 125's do.
      'policy.expirationDate': '01/04/2021',
      'policy.payment.paymentScheduleCode': 'Annual',
    });
    expectMostlyPlaced(doc, 33, 0.9);
  });

  it('ACORD 125 (2013/01) with home-made names: its 20 "No" answers land on their questions', async () => {
    const doc = await extract('pdfeditor-acord125-2013-01-custom-fields.pdf');
    const answers: Expected = Object.fromEntries(
      ['AAI', 'AAJ', 'KAA', 'ABC', 'AAH', 'AAC', 'AAD', 'KAB', 'AAF', 'KAK', 'KAL', 'ABB', 'KAC', 'KAM'].map((q) => [`generalInformation.questions.${q}.answer`, 'No']),
    );
    for (const i of [0, 1, 2, 3]) answers[`premises[${i}].questions.ABB.answer`] = 'No';
    expectPlaced(doc, { ...answers, 'lossHistory.losses[0].subrogation': 'No', 'lossHistory.losses[0].open': 'No' });
    expect(getAtPath(doc.parts[0]!, 'generalInformation.questions.AAI.answer')).toMatchObject({ value: false, source: { field: '1a General Info Explain' } });
    expect(doc.unplaced).toEqual([]);
  });

  it('ACORD 126 re-saved with one renamed field reads Agency_FullName_A as the producer', async () => {
    const pdf = await PDFDocument.load(read('pdfeditor-acord126-2016-09-blank-resaved.pdf'));
    pdf.getForm().getTextField('Agency_FullName_A').setText('Harbor Agency LLC');
    const doc = await extractDocument(await pdf.save(), 'renamed-126.pdf');
    expect(leafAt(doc.parts[0]!, 'producer.fullName')).toMatchObject({ raw: 'Harbor Agency LLC', source: { field: 'Agency_FullName_A', method: 'acroform' } });
    expect(doc.unplaced).toEqual([]);
  });

  it('a 2005 packet with generic names ("Check Box351") reads its two ticked sections by their printed words', async () => {
    const doc = await extract('ifd-packet-125-2005-126-2004-140-2005.pdf');
    expect(leafAt(doc.parts[0]!, 'policy.linesOfBusiness.commercialProperty.requested')?.source.field).toBe('Check Box351');
    expect(leafAt(doc.parts[0]!, 'policy.linesOfBusiness.commercialGeneralLiability.requested')?.source.field).toBe('Check Box1591');
    expect(doc.unplaced).toEqual([]);
  });
});

/**
 * The hardest case of the mechanism on every box of a form: the real blank filled in full, then every
 * field renamed "Text1", "Text2" … so nothing but the printed labels, positions and row order can place
 * a value. Identified by its footer, read against all editions of the form.
 */
describe.skipIf(!hasSharedForms)('a real form whose every field is renamed to a generic name', () => {
  const CASES = [
    { file: 'acord-125.pdf', form: '125', edition: '2016/03' },
    { file: 'acord-126.pdf', form: '126', edition: '2016/09' },
    { file: 'acord-140.pdf', form: '140', edition: '2016/03' },
  ] as const;
  for (const c of CASES) {
    it(`ACORD ${c.form} (${c.edition}): 95 % of the values land where they were typed, none elsewhere`, async () => {
      const template = loadTemplates().find((t) => t.form === c.form && t.edition === c.edition)!;
      const pdf = await PDFDocument.load(readSharedForm(c.file));
      const form = pdf.getForm();
      const typed = template.fields.filter((f) => f.path && f.valueType && f.widgets[0]!.rect[2] > 0).map((f, n) => ({ f, ...typedRawValue(f.valueType!, n + 1) }));
      for (const { f, raw } of typed) {
        const field = form.getField(f.name);
        if (field instanceof PDFCheckBox) field.check();
        else if (field instanceof PDFTextField) field.setText(raw);
      }
      form.getFields().forEach((field, n) => field.acroField.dict.set(PDFName.of('T'), PDFString.of(`Text${n + 1}`)));
      const doc = await extractDocument(await pdf.save({ updateFieldAppearances: false }), `generic-${c.file}`);
      expect(doc.document.forms).toMatchObject([{ form: c.form, identifiedBy: 'footer-text' }]);

      let right = 0;
      const wrong: string[] = [];
      for (const { f, raw } of typed) {
        const leaf = leafAt(doc.parts[0]!, f.path!);
        if (!leaf) continue;
        const at = leaf.source.rect as number[];
        if (leaf.raw === raw && Math.abs(at[0]! - f.widgets[0]!.rect[0]) < 1 && Math.abs(at[1]! - f.widgets[0]!.rect[1]) < 1) right++;
        else wrong.push(`${f.path}: ${JSON.stringify(leaf.raw)} ≠ ${JSON.stringify(raw)}`);
      }
      expect(right / typed.length).toBeGreaterThanOrEqual(0.95);
      expect(wrong).toEqual([]);
      expect(right + wrong.length + doc.unplaced.length).toBeGreaterThanOrEqual(typed.length);
    });
  }
});
