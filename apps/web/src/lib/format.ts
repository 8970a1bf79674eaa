/** Vietnam's time zone: every date and time on screen is shown in it, wherever the browser is. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

// Made on first use, not when the module loads: the first Intl formatter of a page costs tens of milliseconds on a
// phone, and the page's first paint should not wait for a price it may not show yet.
let vnd: Intl.NumberFormat | undefined;
let plain: Intl.NumberFormat | undefined;

/** 150000 -> "150.000 ₫" (the way prices are written in Vietnam, in either language). */
export function formatVnd(amount: number): string {
  vnd ??= new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
  return vnd.format(amount);
}

/** 1234567 -> "1.234.567". */
export function formatNumber(value: number): string {
  plain ??= new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
  return plain.format(value);
}

/** A short VND figure for chart axes: 1.5 tr, 2,3 tỷ (vi) or 1.5M, 2.3B (en). */
export function formatVndCompact(amount: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en' : 'vi-VN', {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(amount);
}

function localeOf(language: string): string {
  return language === 'en' ? 'en-GB' : 'vi-VN';
}

/** Formatters are costly to make (a phone's CPU spends a fraction of a millisecond on each): one per shape. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(kind: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}|${locale}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** "14:30, 22/11/2026" in Vietnam's time. */
export function formatDateTime(iso: string | Date, language: string): string {
  return dateFormat('date-time', localeOf(language), {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(iso));
}

/** "22/11/2026" in Vietnam's time (an IsoDate like 2026-11-22 is shown as that day). */
export function formatDate(iso: string | Date, language: string): string {
  const value = typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00+07:00` : iso;
  return dateFormat('date', localeOf(language), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(value));
}

/** "14:30" in Vietnam's time. */
export function formatTime(iso: string | Date, language: string): string {
  return dateFormat('time', localeOf(language), {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** Today's date in Vietnam as YYYY-MM-DD (period pickers and reports use Vietnamese days). */
export function vnToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);
}

/** YYYY-MM-DD `days` before the given Vietnamese day. */
export function vnDaysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** Whole seconds left until `iso` (never negative), for countdowns. */
export function secondsUntil(iso: string, now: number = Date.now()): number {
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 1000));
}

/** 125 -> "02:05". */
export function formatCountdown(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
