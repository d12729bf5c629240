import { describe, expect, it } from 'vitest';
import { dueAt, serviceClock, type ServiceLevel } from '../src/review/service-level.js';

const HOUR = 3_600_000;
/** The defaults: 4 business hours, 09:00–17:00, Monday to Friday, UTC. */
const UTC: ServiceLevel = { hours: 4, opens: 9 * 60, closes: 17 * 60, days: [1, 2, 3, 4, 5], timeZone: 'UTC' };
const NEW_YORK: ServiceLevel = { ...UTC, timeZone: 'America/New_York' };
const at = (iso: string) => new Date(iso);

describe('dueAt', () => {
  it('adds the hours within one business day', () => {
    // 2026-12-01 is a Tuesday.
    expect(dueAt(at('2026-12-01T10:15:00Z'), UTC).toISOString()).toBe('2026-12-01T14:15:00.000Z');
  });

  it('carries what is left of the hours into the next business morning', () => {
    expect(dueAt(at('2026-12-01T15:00:00Z'), UTC).toISOString()).toBe('2026-12-02T11:00:00.000Z');
  });

  it('starts the clock at opening for a submission received before it or after closing', () => {
    expect(dueAt(at('2026-12-01T06:30:00Z'), UTC).toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(dueAt(at('2026-12-01T19:45:00Z'), UTC).toISOString()).toBe('2026-12-02T13:00:00.000Z');
  });

  it('skips the weekend: Friday afternoon is due Monday, Saturday is due Monday', () => {
    // 2026-12-04 is a Friday.
    expect(dueAt(at('2026-12-04T16:00:00Z'), UTC).toISOString()).toBe('2026-12-07T12:00:00.000Z');
    expect(dueAt(at('2026-12-05T11:00:00Z'), UTC).toISOString()).toBe('2026-12-07T13:00:00.000Z');
  });

  it('spans several days for a service level longer than a business day', () => {
    expect(dueAt(at('2026-12-03T13:00:00Z'), { ...UTC, hours: 20 }).toISOString()).toBe('2026-12-07T17:00:00.000Z');
  });

  it('keeps the hours on the business’s clock in its zone, across the change to winter time', () => {
    // 09:00 in New York is 13:00 UTC in summer (EDT) and 14:00 UTC in winter (EST).
    expect(dueAt(at('2026-07-14T12:00:00Z'), NEW_YORK).toISOString()).toBe('2026-07-14T17:00:00.000Z');
    expect(dueAt(at('2026-12-01T12:00:00Z'), NEW_YORK).toISOString()).toBe('2026-12-01T18:00:00.000Z');
    // Friday 2026-10-30, 15:00 EDT: 2 hours that day, 2 on Monday 2026-11-02 after the clocks went back (EST).
    expect(dueAt(at('2026-10-30T19:00:00Z'), NEW_YORK).toISOString()).toBe('2026-11-02T16:00:00.000Z');
  });

  it('takes the local date, not the UTC one, for the weekday', () => {
    // Saturday 01:00 UTC is still Friday 20:00 in New York: after hours, so due Monday 13:00 local.
    expect(dueAt(at('2026-12-05T01:00:00Z'), NEW_YORK).toISOString()).toBe('2026-12-07T18:00:00.000Z');
    // Monday 23:30 in Tokyo is Monday 14:30 UTC: after hours there, so due Tuesday 13:00 Tokyo (04:00 UTC).
    expect(dueAt(at('2026-12-07T14:30:00Z'), { ...UTC, timeZone: 'Asia/Tokyo' }).toISOString()).toBe('2026-12-08T04:00:00.000Z');
  });

  it('follows other business days (Sunday to Thursday)', () => {
    const level = { ...UTC, days: [0, 1, 2, 3, 4] };
    // Thursday 2026-12-03 16:00 → Friday and Saturday closed → Sunday 12:00.
    expect(dueAt(at('2026-12-03T16:00:00Z'), level).toISOString()).toBe('2026-12-06T12:00:00.000Z');
  });
});

describe('serviceClock', () => {
  const received = at('2026-12-04T15:00:00Z'); // Friday 15:00, due Monday 11:00

  it('counts the business time left, not the hours on the wall', () => {
    const clock = serviceClock(received, at('2026-12-05T12:00:00Z'), UTC);
    expect(clock.dueAt.toISOString()).toBe('2026-12-07T11:00:00.000Z');
    expect(clock.remainingMs).toBe(2 * HOUR);
    expect(clock.overdue).toBe(false);
    expect(serviceClock(received, at('2026-12-04T16:30:00Z'), UTC).remainingMs).toBe(2.5 * HOUR);
  });

  it('says how much business time a submission is overdue by', () => {
    const clock = serviceClock(received, at('2026-12-07T16:00:00Z'), UTC);
    expect(clock.overdue).toBe(true);
    expect(clock.remainingMs).toBe(-5 * HOUR);
    // Overnight adds nothing: Tuesday 09:30 is 6.5 business hours late.
    expect(serviceClock(received, at('2026-12-08T09:30:00Z'), UTC).remainingMs).toBe(-6.5 * HOUR);
  });

  it('is due exactly at the due time, overdue just after', () => {
    expect(serviceClock(received, at('2026-12-07T11:00:00Z'), UTC)).toMatchObject({ remainingMs: 0, overdue: false });
    expect(serviceClock(received, at('2026-12-07T11:00:01Z'), UTC)).toMatchObject({ remainingMs: -1000, overdue: true });
  });
});
