// Dates as a checker types them, read into the `YYYY-MM-DD` the backend keeps.
//
// The desk's rule (its checkers are international): a date is read
//   - year first when it starts with four digits: 2024-02-27, 2024/2/27, 2024.02.27;
//   - otherwise DAY FIRST, always: 27/02/2024, 27.02.2024, 27-02-2024, and 2/3/2024 is 2 March
//     (never 3 February). The field shows every date it read back in words ("2 March 2024"), so a
//     checker sees at once how it was understood. A US-style 02/27/2024 is refused (there is no
//     month 27) with the day-first spelling offered;
//   - with an English month name, in either order: 27 Feb 2024, 27th February 2024, February 27, 2024,
//     Feb 27 2024, Tuesday, 27 February 2024 (a weekday in front is allowed and not checked).
// The year is always written in full: 27/02/24 is refused rather than guessed.

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The message for anything that is not a date at all. */
export const NOT_A_DATE = 'Not a date: use YYYY-MM-DD or day/month/year, e.g. 27/02/2024.';

/** How a typed date was read. */
export type DateReading =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string; words: string }
  | { kind: 'invalid'; message: string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days in a month (1-12) of a year, leap years counted. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD` of a year, month (1-12) and day; no checking. */
export function isoOf(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** True for a real calendar day written exactly `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** `2024-02-27` as "27 February 2024"; anything else as it came. */
export function dateInWords(iso: string): string {
  if (!isIsoDate(iso)) return iso;
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** The month (1-12) an English month name or its abbreviation (at least three letters) names. */
function monthNamed(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => m.toLowerCase().startsWith(w));
  return i < 0 ? null : i + 1;
}

/** A checked year, month and day, or what is wrong with them in plain words. */
function checked(year: number, month: number, day: number): DateReading {
  if (year < 1000) return { kind: 'invalid', message: NOT_A_DATE };
  if (month < 1 || month > 12) return { kind: 'invalid', message: `Not a date: there is no month ${month}.` };
  const days = daysInMonth(year, month);
  if (day < 1) return { kind: 'invalid', message: `Not a date: there is no day ${day}.` };
  if (day > days) return { kind: 'invalid', message: `Not a date: ${MONTHS[month - 1]} ${year} has ${days} days.` };
  const iso = isoOf(year, month, day);
  return { kind: 'date', iso, words: dateInWords(iso) };
}

/** Reads a typed date by the desk's rule (see the top of this file). */
export function readDate(input: string): DateReading {
  const s = input.trim().replace(/\s+/g, ' ');
  if (!s) return { kind: 'empty' };

  // Year first: 2024-02-27, 2024/2/27, 2024.02.27 (one separator throughout).
  let m = /^(\d{4}) ?([-/.]) ?(\d{1,2}) ?\2 ?(\d{1,2})$/.exec(s);
  if (m) return checked(Number(m[1]), Number(m[3]), Number(m[4]));

  // Day first: 27/02/2024, 27.02.2024, 27-02-2024, 2/3/2024.
  m = /^(\d{1,2}) ?([-/.]) ?(\d{1,2}) ?\2 ?(\d{4})$/.exec(s);
  if (m) {
    const [day, month, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
    if (month > 12 && day >= 1 && day <= 12 && month <= daysInMonth(year, day)) {
      // Written month first (02/27/2024): say how it is read and offer the day-first spelling.
      const sep = m[2];
      return {
        kind: 'invalid',
        message: `Not a date: dates are read day first, and there is no month ${month}. Did you mean ${pad(month)}${sep}${pad(day)}${sep}${year}?`,
      };
    }
    return checked(year, month, day);
  }

  // A two-digit year: refused, not guessed.
  if (/^\d{1,2} ?([-/.]) ?\d{1,2} ?\1 ?\d{2}$/.test(s)) {
    return { kind: 'invalid', message: 'Not a date: write the year in full, e.g. 27/02/2024.' };
  }

  // Month names. A weekday in front ("Tuesday, 27 February 2024") is dropped.
  let rest = s;
  const first = /^([a-z]+)\.?,? /i.exec(rest);
  if (first && WEEKDAYS.some((w) => first[1].length >= 3 && w.startsWith(first[1].toLowerCase()))) {
    rest = rest.slice(first[0].length);
  }
  const ORD = '(?:st|nd|rd|th)?';
  // 27 Feb 2024, 27th of February 2024, 27-Feb-2024, 27 Feb. 2024
  m = new RegExp(`^(\\d{1,2})${ORD}(?: of)?[ \\-/.,]*([a-z]+\\.?)[ \\-/.,]*(\\d{4})$`, 'i').exec(rest);
  if (m) {
    const month = monthNamed(m[2]);
    if (month) return checked(Number(m[3]), month, Number(m[1]));
  }
  // February 27, 2024; Feb 27 2024; Feb. 27th, 2024
  m = new RegExp(`^([a-z]+\\.?)[ \\-/.]*(\\d{1,2})${ORD},? ?(\\d{4})$`, 'i').exec(rest);
  if (m) {
    const month = monthNamed(m[1]);
    if (month) return checked(Number(m[3]), month, Number(m[2]));
  }
  return { kind: 'invalid', message: NOT_A_DATE };
}

/** The typed date as `YYYY-MM-DD`, or null when it is empty or not a date. */
export function parseDate(input: string): string | null {
  const r = readDate(input);
  return r.kind === 'date' ? r.iso : null;
}

/**
 * What a date field's value (`YYYY-MM-DD`, empty, or the text as typed when it is not a date)
 * has wrong, in plain words; null when it can be sent.
 */
export function dateProblem(value: string | null | undefined): string | null {
  const r = readDate(value ?? '');
  return r.kind === 'invalid' ? r.message : null;
}

/** Today on this computer's calendar, as `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
  return isoOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
