// The iCalendar feed, read by a real parser (ical.js, the one many web calendars use).
import ICAL from 'ical.js';
import { expect, serverNow, test } from './helpers.mjs';

/** Events of a feed, their times resolved with the feed's own VTIMEZONE. */
function parseEvents(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const timezone = calendar.getFirstSubcomponent('vtimezone');
  expect(timezone?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
  ICAL.TimezoneService.register(timezone);
  return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

test('the feed parses into exactly the workshops of the API', async ({ request }) => {
  const feed = await request.get('/api/v1/workshops.ics');
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const text = await feed.text();
  expect(text).toContain('\r\n');
  expect(text.replace(/\r\n/g, '')).not.toContain('\n');

  // The feed reaches back 30 days: compare with the API over the same range.
  const from = new Date(serverNow().getTime() - 30 * 24 * 3600 * 1000);
  const fromDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(from);
  const { workshops } = await (await request.get(`/api/v1/workshops?from=${fromDay}`)).json();
  expect(workshops.length).toBeGreaterThanOrEqual(15);

  const events = parseEvents(text);
  expect(events.map((e) => e.uid)).toEqual(workshops.map((w) => `atelier-${w.id}@bocal`));
  for (const [i, event] of events.entries()) {
    const workshop = workshops[i];
    expect(event.summary).toBe(workshop.title);
    expect(event.startDate.zone.tzid).toBe('Europe/Paris');
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(workshop.starts_at).toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe(new Date(workshop.ends_at).toISOString());
    expect(event.location).toContain(workshop.place.commune);
    const geo = event.component.getFirstPropertyValue('geo');
    expect(geo[0]).toBeCloseTo(workshop.place.latitude, 5);
    expect(geo[1]).toBeCloseTo(workshop.place.longitude, 5);
    const status = event.component.getFirstPropertyValue('status');
    expect(status).toBe(workshop.status === 'cancelled' ? 'CANCELLED' : workshop.status === 'planned' ? 'TENTATIVE' : 'CONFIRMED');
  }
  // The demo's cancelled workshop at least (other tests cancel theirs in the shared database).
  const cancelled = workshops.filter((w) => w.status === 'cancelled').length;
  expect(cancelled).toBeGreaterThanOrEqual(1);
  expect(events.filter((e) => e.component.getFirstPropertyValue('status') === 'CANCELLED')).toHaveLength(cancelled);
});

test("one workshop's .ics holds that one event", async ({ request }) => {
  const { workshops } = await (await request.get('/api/v1/workshops')).json();
  const workshop = workshops[0];
  const response = await request.get(`/api/v1/workshops/${workshop.id}.ics`);
  expect(response.status()).toBe(200);
  const events = parseEvents(await response.text());
  expect(events).toHaveLength(1);
  expect(events[0].uid).toBe(`atelier-${workshop.id}@bocal`);
  expect(events[0].summary).toBe(workshop.title);
});
