// Times: the browser's local time in the inputs, RFC 3339 on the wire.

const pad = (number, width = 2) => String(Math.abs(number)).padStart(width, "0");

/** RFC 3339 with the browser's own offset, e.g. 2025-02-01T15:00:00+03:00 (milliseconds when not zero). */
export function toRfc3339(date) {
  const offsetMinutes = -date.getTimezoneOffset();
  const sign = offsetMinutes < 0 ? "-" : "+";
  const fraction = date.getMilliseconds() === 0 ? "" : `.${pad(date.getMilliseconds(), 3)}`;
  return `${toLocalInputValue(date)}${fraction}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}

/** The value a datetime-local input with seconds shows for this instant, e.g. 2025-02-01T15:00:00. */
export function toLocalInputValue(date) {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * The instant a datetime-local value means in the browser's time zone, or null when it is empty or invalid.
 * (A value without an offset is local time in JavaScript, which is what the user picked.) As the end of a
 * range it means the end of the second, or minute, it names: "to 12:05" includes 12:05:30.
 */
export function fromLocalInputValue(value, { end = false } = {}) {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  if (!end) return date;
  const hasSeconds = value.split(":").length > 2;
  return new Date(date.getTime() + (hasSeconds ? 999 : 59_999));
}

/** The server's created_at (microseconds) as a Date; JavaScript only promises to parse milliseconds. */
export function parseServerTime(rfc3339) {
  return new Date(rfc3339.replace(/(\.\d{3})\d+/, "$1"));
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", second: "2-digit" });
const dayAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** Time of day for today's messages, date and time for older ones. */
export function formatMessageTime(date, now = new Date()) {
  return date.toDateString() === now.toDateString() ? timeOfDay.format(date) : dayAndTime.format(date);
}

export function formatFull(date) {
  return dayAndTime.format(date);
}

/** A range said once: "Nov 25, 2026, 4:04:23 – 4:14:23 AM". */
export function formatRange(start, end) {
  return start <= end ? dayAndTime.formatRange(start, end) : `${dayAndTime.format(start)} – ${dayAndTime.format(end)}`;
}
