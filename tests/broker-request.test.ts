import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import PostalMime, { type Email } from 'postal-mime';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckReport, type ChecklistItemStatus } from '../schemas/check-report.js';
import { Flag } from '../schemas/flag.js';
import { Submission, type FormId } from '../schemas/submission.js';
import { buildBrokerRequest, MISSING_RECIPIENT_HEADER } from '../src/assemble/broker-request/build-broker-request.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { findTemplate } from '../src/read/templates/template-registry.js';

const SAMPLE = path.resolve(import.meta.dirname, '../samples/restaurant-tx');
const FEIN = '87-2796802';
const FROM = { name: 'Uma Underwriter', address: 'uma.underwriter@carrier.example' };
const RECEIVED = new Date('2026-11-30T15:20:00Z');
const NOW = new Date('2026-12-01T11:00:00Z');

let sample: Submission;

/**
 * A flag on one box of the sample, placed as the checks place it: the document holding the form,
 * the page of the document, and the template box's rectangle and printed label.
 */
function boxFlag(fileName: string, form: FormId, fieldName: string, flag: Pick<Flag, 'id' | 'code' | 'severity' | 'when' | 'message'> & Partial<Flag>): Flag {
  const doc = sample.documents.find((d) => d.fileName === fileName)!;
  const instance = doc.forms.find((f) => f.form === form)!;
  const box = findTemplate(form, instance.templateEdition!)!.byName.get(fieldName)!;
  const widget = box.widgets[0]!;
  return Flag.parse({
    path: box.path,
    rule: flag.id.split(':')[0],
    ...flag,
    source: { document: doc.id, fileName, form, page: instance.pages[widget.page - 1], rect: widget.rect, label: box.label, field: fieldName },
  });
}

const item = (id: string, label: string, when: 'quote' | 'bind', status: ChecklistItemStatus['status'], flags: string[] = []): ChecklistItemStatus => ({
  id,
  label,
  why: 'Underwriting needs it.',
  when,
  path: id,
  status,
  flags,
});

/**
 * The sample without its business start date and signature, and a report as the checks would write
 * it (built by hand here: the checks are another stage): five items the broker must supply, and
 * flags that are not the broker's to fix (a warning, a waived item, appetite, an inconsistency).
 */
function brokenSample(): { submission: Submission; report: CheckReport } {
  const submission = structuredClone(sample);
  delete submission.namedInsureds![0]!.businessStartDate;
  delete submission.namedInsureds![0]!.signature;
  const flags = [
    boxFlag('acord-125.pdf', '125', 'NamedInsured_Signature_A', { id: 'signed-application:namedInsureds[0].signature', code: 'missing', severity: 'blocking', when: 'bind', message: 'The application is not signed.' }),
    boxFlag('acord-125.pdf', '125', 'NamedInsured_BusinessStartDate_A', { id: 'business-start:namedInsureds[0].businessStartDate', code: 'missing', severity: 'blocking', when: 'quote', message: 'The date the business started is not given.' }),
    // A checker that forgot to mask: the request masks it anyway.
    boxFlag('acord-125.pdf', '125', 'NamedInsured_TaxIdentifier_A', { id: 'fein-prefix:namedInsureds[0].taxIdentifier', code: 'invalid', severity: 'blocking', when: 'quote', message: `The FEIN ${FEIN} has a prefix the IRS does not issue.`, value: FEIN }),
    boxFlag('acord-126.pdf', '126', 'GeneralLiability_Hazard_Classification_A', { id: 'unreadable:generalLiability.hazards[0].classification', code: 'unreadable', severity: 'blocking', when: 'quote', message: 'The first classification description could not be read.' }),
    Flag.parse({ id: 'loss-runs:lossHistory', path: 'lossHistory', code: 'missing', severity: 'blocking', when: 'bind', rule: 'loss-runs', message: 'Loss runs for the last five years are not attached.', source: null }),
    // Not the broker's to fix:
    boxFlag('acord-125.pdf', '125', 'NamedInsured_BusinessStartDate_A', { id: 'low-confidence:namedInsureds[0].fullName', code: 'low-confidence', severity: 'blocking', when: 'quote', message: 'Reread the insured\'s name: Harbor Lights Seafood Grill LLC.' }),
    boxFlag('acord-125.pdf', '125', 'Producer_ContactPerson_EmailAddress_A', { id: 'waived:producer.contactPerson.emailAddress', code: 'missing', severity: 'blocking', when: 'quote', message: 'Waived item: producer e-mail.', resolution: { action: 'waived', by: 'uma', at: '2026-12-01T10:00:00.000Z' } }),
    Flag.parse({ id: 'appetite-cooking:generalLiability', path: 'generalLiability', code: 'appetite', severity: 'blocking', when: 'quote', rule: 'appetite-cooking', message: 'Appetite: open-flame cooking is referred.', source: null }),
    Flag.parse({ id: 'cross-form:namedInsureds[0].fullName', path: 'namedInsureds[0].fullName', code: 'inconsistent', severity: 'blocking', when: 'quote', rule: 'cross-form', message: 'Inconsistent: the name differs between the 125 and the 126.', source: null }),
    Flag.parse({ id: 'website:namedInsureds[0].primary.websiteAddress', path: 'namedInsureds[0].primary.websiteAddress', code: 'missing', severity: 'warning', when: 'quote', rule: 'website', message: 'Warning only: no website.', source: null }),
  ];
  const report = CheckReport.parse({
    lines: ['package'],
    checklist: [
      item('named-insured', 'Named insured and mailing address', 'quote', 'met'),
      item('effective-date', 'Proposed effective date', 'quote', 'met'),
      item('business-start', 'Date business started', 'quote', 'missing', ['business-start:namedInsureds[0].businessStartDate']),
      item('insured-fein', 'Applicant FEIN', 'quote', 'flagged', ['fein-prefix:namedInsureds[0].taxIdentifier']),
      item('signed-application', 'Signed application', 'bind', 'missing', ['signed-application:namedInsureds[0].signature']),
      item('loss-runs', 'Loss runs, last five years', 'bind', 'missing', ['loss-runs:lossHistory']),
    ],
    flags,
    appetite: { carrier: 'example-carrier', version: '2026-11', decision: 'refer', hits: [{ rule: 'appetite-cooking', decision: 'refer', message: 'Open-flame cooking is referred.' }] },
    formsNotRead: [],
    readyToQuote: false,
  });
  return { submission: Submission.parse(submission), report };
}

/** The numbered items of one section of the text part, each with the lines under it. */
function textSection(text: string, heading: string): string[] {
  const start = text.indexOf(`${heading}\n\n`);
  if (start < 0) return [];
  const body = text.slice(start + heading.length + 2).split(/\n\n(?!\d+\. | {3})/)[0]!;
  return body.split(/\n\n(?=\d+\. )/);
}

/** The items of one section of the HTML part. */
function htmlSection(html: string, heading: string): string[] {
  const match = html.match(new RegExp(`>${heading}</h2>\\s*<ol>([\\s\\S]*?)</ol>`));
  return match ? [...match[1]!.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1]!) : [];
}

const header = (email: Email, key: string) => email.headers.find((h) => h.key === key.toLowerCase())?.value;

async function parsed(submission: Submission, report: CheckReport): Promise<{ bytes: Uint8Array; email: Email }> {
  const bytes = await buildBrokerRequest({ submission, report, from: FROM, received: RECEIVED, now: NOW });
  expect(bytes).not.toBeNull();
  return { bytes: bytes!, email: await PostalMime.parse(bytes!) };
}

beforeAll(async () => {
  const files = readdirSync(SAMPLE).filter((f) => f.endsWith('.pdf')).sort();
  const { submission } = await extractSubmission(files.map((f) => ({ fileName: f, bytes: new Uint8Array(readFileSync(path.join(SAMPLE, f))) })));
  sample = Submission.parse(submission);
});

describe('broker-request.eml', () => {
  it('is addressed to the producer contact from the underwriter, dated, and its subject names the insured and the effective date', async () => {
    const { submission, report } = brokenSample();
    const { email } = await parsed(submission, report);
    expect(email.from).toEqual({ name: FROM.name, address: FROM.address });
    expect(email.to).toEqual([{ name: 'Hannah Alvarez, Copperline Risk Partners LLC', address: 'halvarez@copperlinerisk.com' }]);
    expect(email.subject).toBe('Information needed: Harbor Lights Seafood Grill LLC, effective 07/01/2025');
    expect(email.date).toBe(NOW.toISOString());
    expect(email.messageId).toMatch(/^<broker-request\.[0-9a-f]{16}\.\d+@carrier\.example>$/);
    expect(header(email, 'X-Unsent')).toBe('1');
    expect(header(email, MISSING_RECIPIENT_HEADER)).toBeUndefined();
    expect(header(email, 'Content-Type')).toMatch(/^multipart\/alternative;/);
    expect(email.text).toMatch(/^Dear Hannah Alvarez,\n\nThank you for the submission for Harbor Lights Seafood Grill LLC \(tax ID \*\*-\*\*\*6802\), effective 07\/01\/2025, which we received on 11\/30\/2026\./);
    expect(email.html).toContain('<p>Dear Hannah Alvarez,</p>');
  });

  it('lists exactly the open blocking items the broker must supply, split by quote and bind, each with form, page and printed label', async () => {
    const { submission, report } = brokenSample();
    const { email } = await parsed(submission, report);
    const quote = textSection(email.text!, 'NEEDED TO QUOTE');
    const bind = textSection(email.text!, 'NEEDED TO BIND');
    expect(quote.map((q) => q.split('\n')[0])).toEqual([
      '1. Please correct: Applicant FEIN',
      '2. Missing: Date business started',
      '3. Not legible: The first classification description could not be read.',
    ]);
    expect(quote[0]).toContain('ACORD 125, page 1, box “FEIN OR SOC SEC #” (acord-125.pdf)');
    expect(quote[1]).toContain('ACORD 125, page 2, box “DATE BUSINESS STARTED (MM/DD/YYYY)” (acord-125.pdf)');
    expect(quote[2]).toContain('ACORD 126, page 1, box “CLASSIFICATION DESCRIPTION” (acord-126.pdf)');
    expect(bind.map((b) => b.split('\n')[0])).toEqual(['1. Missing: Signed application', '2. Missing: Loss runs, last five years']);
    expect(bind[0]).toContain('ACORD 125, page 4, box “APPLICANT\'S SIGNATURE” (acord-125.pdf)');
    for (const notAsked of ['Named insured and mailing address', 'Proposed effective date', 'Reread', 'Waived', 'Appetite', 'Inconsistent', 'Warning only']) {
      expect(email.text).not.toContain(notAsked);
      expect(email.html).not.toContain(notAsked);
    }
  });

  it('the HTML part lists the same items, with inline styles only', async () => {
    const { submission, report } = brokenSample();
    const { email } = await parsed(submission, report);
    const html = email.html!;
    const quote = htmlSection(html, 'Needed to quote');
    const bind = htmlSection(html, 'Needed to bind');
    expect(quote).toHaveLength(3);
    expect(bind).toHaveLength(2);
    expect(quote[1]).toContain('<strong>Missing:</strong> Date business started');
    expect(quote[1]).toContain('ACORD 125, page 2, box “DATE BUSINESS STARTED (MM/DD/YYYY)” (acord-125.pdf)');
    expect(bind[0]).toContain('box “APPLICANT\'S SIGNATURE”');
    expect(html).not.toMatch(/<style|<link|<script|class=/i);
  });

  it('never carries a whole FEIN, even when a flag does: the last four digits only', async () => {
    const { submission, report } = brokenSample();
    const { bytes, email } = await parsed(submission, report);
    for (const part of [email.subject!, email.text!, email.html!, Buffer.from(bytes).toString('latin1')]) {
      expect(part).not.toContain(FEIN);
      expect(part).not.toContain(FEIN.replace('-', ''));
    }
    const fein = textSection(email.text!, 'NEEDED TO QUOTE')[0]!;
    expect(fein).toContain('The FEIN **-***6802 has a prefix the IRS does not issue. We read “**-***6802”.');
  });

  it('masks the tax id as the form wrote it (spaced) and an SSN in a message', async () => {
    const { submission, report } = brokenSample();
    const taxId = submission.namedInsureds![0]!.taxIdentifier!;
    submission.namedInsureds![0]!.taxIdentifier = { ...taxId, raw: '87 2796802' };
    const [fein, ...rest] = report.flags.filter((f) => f.id.startsWith('fein-prefix'));
    const flags = report.flags.map((f) => (f === fein ? { ...f, message: 'The box holds 87 2796802, and the owner\'s SSN 123-45-6789 is written beside it.' } : f));
    expect(rest).toEqual([]);
    const { email } = await parsed(submission, CheckReport.parse({ ...report, flags }));
    const item = textSection(email.text!, 'NEEDED TO QUOTE')[0]!;
    expect(item).toContain('The box holds ** ***6802, and the owner\'s SSN ***-**-6789 is written beside it.');
    expect(email.html).not.toMatch(/87 2796802|123-45-6789/);
  });

  it('without the insured\'s name and effective date, the subject and the opening say so', async () => {
    const { submission, report } = brokenSample();
    delete submission.namedInsureds![0]!.fullName;
    delete submission.policy!.effectiveDate;
    const { email } = await parsed(submission, report);
    expect(email.subject).toBe('Information needed: insured not named on the forms, effective date not given');
    expect(email.text).toContain('Thank you for the submission we received on 11/30/2026.');
  });

  it('with no producer e-mail address on the forms: no To, the missing-recipient header, and the first line says to add one', async () => {
    const { submission, report } = brokenSample();
    delete submission.producer!.contactPerson!.emailAddress;
    const { email } = await parsed(submission, report);
    expect(email.to).toBeUndefined();
    expect(header(email, MISSING_RECIPIENT_HEADER)).toBe('true');
    expect(email.text!.split('\n')[0]).toMatch(/^NO RECIPIENT: the forms give no e-mail address for the producer; add the broker's address/);
    expect(email.html).toMatch(/<body[^>]*>\n<p style="[^"]*">NO RECIPIENT: /);
    expect(textSection(email.text!, 'NEEDED TO QUOTE')).toHaveLength(3);
  });

  it('an e-mail box holding something that is not an address is treated as no address', async () => {
    const { submission, report } = brokenSample();
    const email = submission.producer!.contactPerson!.emailAddress!;
    submission.producer!.contactPerson!.emailAddress = { ...email, value: 'call Hannah', raw: 'call Hannah' };
    const parsedEmail = (await parsed(submission, report)).email;
    expect(parsedEmail.to).toBeUndefined();
    expect(header(parsedEmail, MISSING_RECIPIENT_HEADER)).toBe('true');
  });

  it('with only bind items: no quote section, and it says the quote can go ahead', async () => {
    const { submission, report } = brokenSample();
    const bindOnly = CheckReport.parse({ ...report, flags: report.flags.filter((f) => f.when === 'bind'), readyToQuote: true });
    const { email } = await parsed(submission, bindOnly);
    expect(textSection(email.text!, 'NEEDED TO QUOTE')).toEqual([]);
    expect(textSection(email.text!, 'NEEDED TO BIND')).toHaveLength(2);
    expect(email.text).toContain('We can go ahead with the quote; before we can bind, we need the 2 items below.');
  });

  it('the same input gives the same bytes (a packet rebuilt is the same packet)', async () => {
    const { submission, report } = brokenSample();
    const a = await buildBrokerRequest({ submission, report, from: FROM, received: RECEIVED, now: NOW });
    const b = await buildBrokerRequest({ submission, report, from: FROM, received: RECEIVED, now: NOW });
    expect(Buffer.from(a!).equals(Buffer.from(b!))).toBe(true);
  });

  it('is null when nothing is missing: only met items, resolved or non-blocking flags', async () => {
    const { submission, report } = brokenSample();
    const resolved = report.flags.map((f) => ({ ...f, resolution: { action: 'corrected' as const, by: 'uma', at: '2026-12-01T10:30:00.000Z' } }));
    const done = CheckReport.parse({ ...report, flags: resolved, readyToQuote: true });
    expect(await buildBrokerRequest({ submission, report: done, from: FROM, received: RECEIVED, now: NOW })).toBeNull();
    const clean = CheckReport.parse({ ...report, checklist: report.checklist.map((i) => ({ ...i, status: 'met', flags: [] })), flags: report.flags.filter((f) => f.severity !== 'blocking') });
    expect(await buildBrokerRequest({ submission: sample, report: clean, from: FROM, received: RECEIVED, now: NOW })).toBeNull();
  });
});
