import { describe, expect, it } from 'vitest';
import { LossRun } from '../schemas/loss-run.js';
import { readLossRun } from '../src/read/loss-runs/read-loss-run.js';
import { lossRunPdf, type LossRunLayout, type SampleLossRun } from '../scripts/sample-kit/loss-run-pdf.js';
import { harborlineRun } from './support/harborline-loss-run.js';

const RUN = harborlineRun('Harbor Manufacturing LLC');

const read = async (run: SampleLossRun, layout: LossRunLayout) => LossRun.parse(await readLossRun(await lossRunPdf(run, layout), `${layout}.pdf`));

describe('carrier loss runs with a text layer', () => {
  it('reads a table layout: claims under their policy, wrapped descriptions, totals skipped', async () => {
    const run = await read(RUN, 'table');
    expect(run).toMatchObject({ carrier: 'Harborline Mutual Insurance Company', valuationDate: '2026-10-15' });
    expect(run.periods).toEqual([
      { policyNumber: 'GL-100234', from: '2022-01-01', to: '2023-01-01' },
      { policyNumber: 'GL-100871', from: '2023-01-01', to: '2024-01-01' },
      { policyNumber: 'GL-101455', from: '2024-01-01', to: '2025-01-01' },
    ]);
    expect(run.claims.map(({ source: _source, ...c }) => c)).toEqual([
      { policyNumber: 'GL-100234', policyPeriod: { from: '2022-01-01', to: '2023-01-01' }, claimNumber: 'GL-2022-0042', lossDate: '2022-03-14', status: 'closed', paid: 12000, reserve: 0, incurred: 12000, description: 'Slip and fall in the customer parking lot after snow' },
      { policyNumber: 'GL-101455', policyPeriod: { from: '2024-01-01', to: '2025-01-01' }, claimNumber: 'GL-2024-0007', lossDate: '2024-02-02', status: 'open', paid: 2500, reserve: 40000, incurred: 42500, description: 'Product defect injury' },
      { policyNumber: 'GL-101455', policyPeriod: { from: '2024-01-01', to: '2025-01-01' }, claimNumber: 'GL-2024-0113', lossDate: '2024-09-30', status: 'closed', paid: 800, reserve: 0, incurred: 800, description: 'Property damage to vendor' },
    ]);
    expect(run.claims[0]!.source).toMatchObject({ file: 'table.pdf', page: 1 });
  });

  it('reads labelled claim blocks with a written-out evaluation date and a term without losses', async () => {
    const run = await read({ ...RUN, carrier: 'Great Plains Casualty Group', valuedAsOf: '11/02/2026' }, 'labelled');
    expect(run).toMatchObject({ carrier: 'Great Plains Casualty Group', valuationDate: '2026-11-02' });
    expect(run.periods).toHaveLength(3);
    expect(run.claims.map((c) => [c.policyNumber, c.claimNumber, c.lossDate, c.status, c.paid, c.reserve, c.incurred, c.description])).toEqual([
      ['GL-100234', 'GL-2022-0042', '2022-03-14', 'closed', 12000, 0, 12000, 'Slip and fall in the customer parking lot after snow'],
      ['GL-101455', 'GL-2024-0007', '2024-02-02', 'open', 2500, 40000, 42500, 'Product defect injury'],
      ['GL-101455', 'GL-2024-0113', '2024-09-30', 'closed', 800, 0, 800, 'Property damage to vendor'],
    ]);
  });

  it('reads a ledger over several pages: another column order, two paid columns, O/C status, ISO run date', async () => {
    const many = Array.from({ length: 70 }, (_, i) => ({ number: `KS-${1000 + i}`, lossDate: `0${1 + (i % 9)}/1${i % 10}/2025`, status: i % 3 ? ('Closed' as const) : ('Open' as const), paid: 100 * i, expensePaid: 10 * i, reserve: i % 3 ? 0 : 5000, description: 'General Liability - PD' }));
    const run = await read({ ...RUN, carrier: 'Keystone Specialty Insurance', policies: [...RUN.policies, { number: 'GL-102001', from: '01/01/2025', to: '01/01/2026', claims: many }] }, 'ledger');
    expect(run).toMatchObject({ carrier: 'Keystone Specialty Insurance', valuationDate: '2026-10-15' });
    expect(run.claims).toHaveLength(73);
    expect(new Set(run.claims.map((c) => c.source.page)).size).toBeGreaterThan(1);
    expect(run.claims[0]).toMatchObject({ claimNumber: 'GL-2022-0042', paid: 13500, reserve: 0, incurred: 13500, status: 'closed', description: 'Slip and fall in the customer' });
    const last = run.claims.at(-1)!;
    expect(last).toMatchObject({ policyNumber: 'GL-102001', claimNumber: 'KS-1069', lossDate: '2025-07-19', status: 'open', paid: 7590, reserve: 5000, incurred: 12590 });
    expect(run.claims.filter((c) => c.status === 'open')).toHaveLength(25);
  });

  it('says a PDF that is not a loss run is not one', async () => {
    const { readFile } = await import('node:fs/promises');
    const acord = new Uint8Array(await readFile(new URL('../samples/contractor-co-flat/acord-125.flat.pdf', import.meta.url)));
    expect(await readLossRun(acord, 'acord-125.pdf')).toBeNull();
  });
});
