// Times: the browser's local time in the inputs, RFC 3339 on the wire.

const pad = (number, width = 2) => String(Math.abs(number)).padStart(width, "0");

/** RFC 3339 with the browser's own offset, e.g. 2025-02-01T15:00:00+03:00. */
export function toRfc3339(date) {
  const offsetMinutes = -date.getTimezoneOffset();
  const sign = offsetMinutes < 0 ? "-" : "+";
  return `${toLocalInputValue(date)}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}

/** The value a datetime-local input with seconds shows for this instant, e.g. 2025-02-01T15:00:00. */
export function toLocalInputValue(date) {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * The instant a datetime-local value means in the browser's time zone, or null when it is empty or invalid.
 * (A value without an offset is local time in JavaScript, which is what the user picked.)
 */
export function fromLocalInputValue(value) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The server's created_at (microseconds) as a Date; JavaScript only promises to parse milliseconds. */
export function parseServerTime(rfc3339) {
  return new Date(rfc3339.replace(/(\.\d{3})\d+/, "$1"));
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const dayAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** Time of day for today's messages, date and time for older ones. */
export function formatMessageTime(date, now = new Date()) {
  return date.toDateString() === now.toDateString() ? timeOfDay.format(date) : dayAndTime.format(date);
}

export function formatFull(date) {
  return dayAndTime.format(date);
}
