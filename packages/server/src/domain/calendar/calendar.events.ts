import { z } from 'zod';
import { defineEvent, field } from '../../events/catalog';

export const workCalendarUpdated = defineEvent('work_calendar.updated', {
  subject: 'District',
  description: "A district's work hours or weekend days changed.",
  payload: z
    .object({
      workPeriods: z.array(z.tuple([z.string(), z.string()])),
      weekendDays: z.array(z.number().int().min(1).max(7)),
    })
    .strict(),
});

export const workCalendarDaysChanged = defineEvent('work_calendar.days_changed', {
  subject: 'District',
  description: "Holidays or make-up working days of a district's calendar were set or removed.",
  payload: z
    .object({
      set: z.array(z.object({ date: field.date, kind: z.enum(['HOLIDAY', 'WORKDAY']) }).strict()),
      removed: z.array(field.date),
    })
    .strict(),
});

export const calendarEvents = [workCalendarUpdated, workCalendarDaysChanged];
