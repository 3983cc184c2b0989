// The live stream of every room over WebSocket, reconnecting by itself with after=<last id> so that nothing is
// missed. A signed-in tab sends its token as access_token= (a browser cannot set headers on a WebSocket).

import { currentToken, readsEveryRoom, TOKEN_NEEDED } from "./session.js";

const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 5000];

/** Why the server closed us, in words, for the close codes it uses (see docs/delivery.md). */
const CLOSE_REASONS = {
  1001: "the server is restarting",
  1006: "the connection was lost",
  1008: "this page fell behind",
  1011: "the server could not read the history",
};

/**
 * Keeps one socket open to /ws?rooms=*, so that the frames of every room arrive on it (the room list counts
 * them). States: "connecting" (first attempt), "live", "reconnecting" (waiting to try again, with the reason
 * and the delay) and "offline" (the browser has no network; it retries when it has).
 *
 * Resume is always exact: `startAfter` (the newest id the server listed before the first socket) is where the
 * first socket starts, and each reconnect asks for after=<the largest id a socket brought>. Ids the page read
 * over HTTP (a room's newest page, older pages) never move that mark: they are one room's, the socket's are all.
 */
export class LiveConnection {
  #onMessage;
  #onState;
  #onRefused;
  #startAfter;
  #lastId = null;
  #socket = null;
  #attempt = 0;
  #retryTimer = null;

  /**
   * @param onMessage  called with each message the socket brings
   * @param onState    called with {state, detail}
   * @param onRefused  called with the text of an {"error": ...} frame
   * @param startAfter returns a promise of the id the first socket starts after
   */
  #rooms;

  /**
   * @param rooms      returns the room names to follow when the token may not follow every room (rooms=*)
   */
  constructor({ onMessage, onState, onRefused, startAfter, rooms }) {
    this.#rooms = rooms;
    this.#onMessage = onMessage;
    this.#onState = onState;
    this.#onRefused = onRefused;
    this.#startAfter = startAfter;
    window.addEventListener("online", () => this.#retryNow());
  }

  start() {
    this.#connect();
  }

  async #connect() {
    clearTimeout(this.#retryTimer);
    this.#onState({ state: this.#attempt === 0 ? "connecting" : "reconnecting", detail: "connecting…" });
    if (this.#lastId === null) {
      this.#socket = null;
      try {
        this.#lastId = await this.#startAfter();
      } catch {
        this.#scheduleRetry(1006);
        return;
      }
    }
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const query = new URLSearchParams({ rooms: readsEveryRoom() ? "*" : this.#rooms().join(","), after: this.#lastId });
    const token = currentToken();
    if (token !== null) query.set("access_token", token);
    const socket = new WebSocket(`${scheme}//${location.host}/ws?${query}`);
    this.#socket = socket;
    socket.addEventListener("open", () => {
      this.#attempt = 0;
      this.#onState({ state: "live", detail: "" });
    });
    socket.addEventListener("message", (event) => this.#receive(event.data));
    socket.addEventListener("close", (event) => {
      if (socket !== this.#socket) return;
      if (event.code === 1008 && event.reason === "token expired") {
        this.#onState({ state: "reconnecting", detail: "your token expired: sign in again with a fresh one" });
        window.dispatchEvent(new CustomEvent(TOKEN_NEEDED));
        return; // the same token would be refused: wait for a new one
      }
      this.#scheduleRetry(event.code);
    });
  }

  #receive(frame) {
    const data = JSON.parse(frame);
    if (typeof data.error === "string") {
      this.#onRefused(data.error);
      return;
    }
    if (data.id > this.#lastId) this.#lastId = data.id;
    this.#onMessage(data);
  }

  #scheduleRetry(code) {
    const reason = CLOSE_REASONS[code] ?? `the connection closed (code ${code})`;
    if (!navigator.onLine) {
      this.#onState({ state: "offline", detail: "no network; waiting for it to come back" });
      return;
    }
    // Some jitter, so that the clients of a restarted server do not all come back in the same instant.
    const delay = RETRY_DELAYS_MS[Math.min(this.#attempt, RETRY_DELAYS_MS.length - 1)] * (0.8 + Math.random() * 0.4);
    this.#attempt += 1;
    this.#onState({ state: "reconnecting", detail: `${reason}; trying again in ${Math.ceil(delay / 1000)} s` });
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #retryNow() {
    if (this.#socket && this.#socket.readyState <= WebSocket.OPEN) return; // connecting or open already
    this.#attempt = Math.max(this.#attempt, 1);
    this.#connect();
  }
}
