import type { SampleLossRun } from '../../scripts/sample-kit/loss-run-pdf.js';

/** Three GL policy years of one carrier's run (one with no claims, one with an open claim) for the given insured. */
export const harborlineRun = (insured: string): SampleLossRun => ({
  carrier: 'Harborline Mutual Insurance Company',
  insured,
  valuedAsOf: '10/15/2026',
  policies: [
    { number: 'GL-100234', from: '01/01/2022', to: '01/01/2023', claims: [{ number: 'GL-2022-0042', lossDate: '03/14/2022', status: 'Closed', paid: 12000, expensePaid: 1500, reserve: 0, description: 'Slip and fall in the customer parking lot after snow' }] },
    { number: 'GL-100871', from: '01/01/2023', to: '01/01/2024', claims: [] },
    {
      number: 'GL-101455',
      from: '01/01/2024',
      to: '01/01/2025',
      claims: [
        { number: 'GL-2024-0007', lossDate: '02/02/2024', status: 'Open', paid: 2500, reserve: 40000, description: 'Product defect injury' },
        { number: 'GL-2024-0113', lossDate: '09/30/2024', status: 'Closed', paid: 800, reserve: 0, description: 'Property damage to vendor' },
      ],
    },
  ],
});
