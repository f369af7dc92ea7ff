/** Working calendars: working week, holidays and exceptions, and working-day offsets ↔ ISO dates. */
export { CalendarError, WorkingCalendar, type CalendarDefinition } from './working-calendar.js';
export { formatIsoDate, isoWeekday, parseIsoDate } from './iso-date.js';
