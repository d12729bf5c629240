import { describe, expect, it } from 'vitest';
import { clearanceKeys } from '../src/validate/clearance/clearance-keys.js';
import { decideClearance, type ClearanceCandidate } from '../src/validate/clearance/decide-clearance.js';
import { insuredSubmission as submission, type InsuredFacts as Insured } from './support/insured-submission.js';

let n = 0;
function earlier(i: Insured, extra: Partial<ClearanceCandidate> = {}): ClearanceCandidate {
  return { submissionId: `s${++n}`, insuredName: i.name, brokerName: i.broker ?? null, receivedAt: '2026-11-20T14:00:00.000Z', state: 'packet-ready', completeAt: null, keys: clearanceKeys(submission(i)), ...extra };
}
const clear = (i: Insured, candidates: ClearanceCandidate[]) => decideClearance(clearanceKeys(submission(i)), candidates, { checkedAt: new Date('2026-12-01T10:00:00Z'), windowDays: 90 });

const ACME = { name: 'Acme Plumbing LLC', taxId: '12-3456789', street: '1200 North Main Street, Suite 300', city: 'Springfield', state: 'IL', zip: '62704', broker: 'Smith Insurance Agency' };

describe('clearance of one submission against earlier ones', () => {
  it('finds the same insured by tax id, whatever the name says', () => {
    const result = clear({ ...ACME, name: 'APC Holdings' }, [earlier(ACME)]);
    expect(result.outcome).toBe('probable');
    expect(result.matches[0]!.reasons).toContain('tax-id');
  });

  it('matches a name with another suffix and punctuation at an abbreviated address as probable', () => {
    const result = clear({ name: 'ACME PLUMBING, INC.', street: '1200 N. Main St. Ste 300', city: 'Springfield', state: 'IL', zip: '62704-1234', broker: 'Smith Insurance Agency' }, [earlier(ACME)]);
    expect(result.outcome).toBe('probable');
    expect(result.matches[0]).toMatchObject({ reasons: ['name', 'address'], nameSimilarity: 1, otherBroker: false });
  });

  it('matches a typo in the name at the same address as probable', () => {
    const result = clear({ name: 'Acme Plumbng', street: '1200 N Main St', zip: '62704' }, [earlier(ACME)]);
    expect(result.outcome).toBe('probable');
    expect(result.matches[0]!.nameSimilarity).toBeGreaterThan(0.9);
  });

  it('calls the same name in another ZIP only possible', () => {
    const result = clear({ name: 'Acme Plumbing Co', street: '1200 N Main St', city: 'Springfield', state: 'MO', zip: '65801' }, [earlier(ACME)]);
    expect(result.outcome).toBe('possible');
    expect(result.matches[0]!.reasons).toEqual(['name']);
  });

  it('blocks the same insured from another broker while the first submission is open, and says which was complete first', () => {
    const first = earlier(ACME, { completeAt: '2026-11-21T09:00:00.000Z' });
    const result = clear({ ...ACME, broker: 'Jones & Partners Brokerage' }, [first]);
    expect(result.outcome).toBe('blocked');
    expect(result.matches[0]).toMatchObject({ otherBroker: true, brokerName: 'Smith Insurance Agency', completeAt: '2026-11-21T09:00:00.000Z' });
    expect(result.matches[0]!.explanation).toBe('Blocked: the same tax id as "Acme Plumbing LLC", received 2026-11-20 from Smith Insurance Agency (another broker): open, complete since 2026-11-21.');
  });

  it('does not block on a closed earlier submission', () => {
    const result = clear({ ...ACME, broker: 'Jones & Partners Brokerage' }, [earlier(ACME, { state: 'quarantined' })]);
    expect(result.outcome).toBe('probable');
  });

  it('keeps two tax ids apart however alike the names, and clears an unrelated insured', () => {
    const twin = clear({ ...ACME, taxId: '98-7654321' }, [earlier(ACME)]);
    expect(twin.outcome).toBe('possible');
    expect(clear({ name: 'Blue Heron Bakery', street: '9 Lake Rd', zip: '62704', broker: 'Smith Insurance Agency' }, [earlier(ACME)])).toMatchObject({ outcome: 'clear', matches: [] });
  });

  it('takes another tenant of the same building for the same insured only when the suite agrees', () => {
    const tenant = { name: 'Northwind Dental', street: '1200 North Main Street, Suite 410', city: 'Springfield', state: 'IL', zip: '62704' };
    expect(clear(tenant, [earlier(ACME)]).outcome).toBe('clear');
    expect(clear({ ...tenant, street: '1200 N Main St Suite 300' }, [earlier(ACME)]).outcome).toBe('possible');
  });

  it('matches on a premises address as well as the mailing address, strongest match first', () => {
    const other = earlier({ name: 'Acme Plumbing Services', premises: ['77 Commerce Drive'], zip: '62704', broker: 'Smith Insurance Agency' });
    const weak = earlier({ name: 'Acme Plumbing & Heating of Ohio', zip: '43004' });
    const result = clear({ name: 'Acme Plumbing Service', premises: ['77 Commerce Dr.'], zip: '62704' }, [weak, other]);
    expect(result.matches.map((m) => m.submissionId)).toEqual([other.submissionId]);
    expect(result.matches[0]!.outcome).toBe('probable');
  });
});
