// The live stream over WebSocket, reconnecting by itself with after=<last id> so that nothing is missed.

const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 5000];

/** Why the server closed us, in words, for the close codes it uses (see docs/delivery.md). */
const CLOSE_REASONS = {
  1001: "the server is restarting",
  1006: "the connection was lost",
  1008: "this page fell behind",
  1011: "the server could not read the history",
};

/**
 * Keeps one socket open to /ws. States: "connecting" (first attempt), "live", "reconnecting" (waiting to try
 * again, with the reason and the delay) and "offline" (the browser has no network; it retries when it has).
 *
 * Resume is exact once a message id is known: /ws?after=<id>. Before that, a socket without "after" gets
 * everything committed from its opening on, and `catchUp` (recent history, read once the socket is open)
 * covers what came before; the largest id of both is where the next reconnect resumes.
 */
export class LiveConnection {
  #onMessage;
  #onState;
  #onRefused;
  #catchUp;
  #lastId = null;
  #socket = null;
  #attempt = 0;
  #retryTimer = null;

  /**
   * @param onMessage called with each message, from the socket or the catch-up
   * @param onState   called with {state, detail}
   * @param onRefused called with the text of an {"error": ...} frame
   * @param catchUp   returns a promise of the recent messages, used while no id is known
   */
  constructor({ onMessage, onState, onRefused, catchUp }) {
    this.#onMessage = onMessage;
    this.#onState = onState;
    this.#onRefused = onRefused;
    this.#catchUp = catchUp;
    window.addEventListener("online", () => this.#retryNow());
  }

  start() {
    this.#connect();
  }

  #connect() {
    clearTimeout(this.#retryTimer);
    this.#onState({ state: this.#attempt === 0 ? "connecting" : "reconnecting", detail: "connecting…" });
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const after = this.#lastId === null ? "" : `?after=${this.#lastId}`;
    const socket = new WebSocket(`${scheme}//${location.host}/ws${after}`);
    this.#socket = socket;
    socket.addEventListener("open", () => {
      this.#attempt = 0;
      this.#onState({ state: "live", detail: "" });
      if (this.#lastId === null) this.#readRecent();
    });
    socket.addEventListener("message", (event) => this.#receive(event.data));
    socket.addEventListener("close", (event) => {
      if (socket === this.#socket) this.#scheduleRetry(event.code);
    });
  }

  #receive(frame) {
    const data = JSON.parse(frame);
    if (typeof data.error === "string") {
      this.#onRefused(data.error);
      return;
    }
    this.#see(data);
  }

  #see(message) {
    if (this.#lastId === null || message.id > this.#lastId) this.#lastId = message.id;
    this.#onMessage(message);
  }

  async #readRecent() {
    try {
      const messages = await this.#catchUp();
      messages.forEach((message) => this.#see(message));
    } catch (error) {
      this.#onRefused(`Could not load the recent messages: ${error.message}`);
    }
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
