// The HTTP API, with every failure turned into an ApiError whose message a person can read. A signed-in tab
// sends its token as Authorization: Bearer.

import { currentToken, TOKEN_NEEDED } from "./session.js";

/** A refused or failed request; `message` is the server's own words when it sent some. */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

/** POST /api/rooms/{room}/messages; the Idempotency-Key makes a retry of the same message store it once. */
export function sendMessage(room, { sequence, text, author }, idempotencyKey) {
  return request(`${roomPath(room)}/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
    body: JSON.stringify(author ? { sequence, text, author } : { sequence, text }),
  });
}

/** GET /api/rooms/{room}/messages?from=&to=: both ends are RFC 3339 strings, both included. */
export function readHistory(room, from, to) {
  // URLSearchParams sends "+" as %2B, which the API needs for positive offsets.
  return request(`${roomPath(room)}/messages?${new URLSearchParams({ from, to })}`);
}

/** The room's newest `limit` messages, oldest first. */
export function readNewest(room, limit) {
  return request(`${roomPath(room)}/messages?${new URLSearchParams({ limit })}`);
}

/** The room's `limit` messages just older than `before` (an id), oldest first. */
export function readOlder(room, before, limit) {
  return request(`${roomPath(room)}/messages?${new URLSearchParams({ before, limit })}`);
}

/** GET /api/rooms: [{room, messages, last_id, last_at}], most recently active first. */
export function listRooms() {
  return request("/api/rooms");
}

const roomPath = (room) => `/api/rooms/${encodeURIComponent(room)}`;

async function request(url, options = {}) {
  const token = currentToken();
  const headers = token === null ? options.headers : { ...options.headers, Authorization: `Bearer ${token}` };
  let response;
  try {
    response = await fetch(url, { ...options, headers });
  } catch {
    throw new ApiError("The server could not be reached. Check the connection and try again.", 0);
  }
  const body = await response.text();
  const data = parseJson(body);
  if (response.status === 401) window.dispatchEvent(new CustomEvent(TOKEN_NEEDED));
  if (!response.ok) {
    const words = typeof data?.error === "string" ? data.error : `${response.status} ${response.statusText}`.trim();
    throw new ApiError(words, response.status);
  }
  if (data === undefined) {
    throw new ApiError(`The server answered ${response.status} with something that is not JSON.`, response.status);
  }
  return data;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A fresh key for one message; crypto.randomUUID needs HTTPS, getRandomValues does not. */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
