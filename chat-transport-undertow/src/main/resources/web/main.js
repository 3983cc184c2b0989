// Wires the page together: live stream, compose box, history panel, views.

import { readHistory } from "./api.js";
import { setUpCompose } from "./compose.js";
import { showConnection } from "./connection-status.js";
import { setUpHistory } from "./history.js";
import { LiveConnection } from "./live.js";
import { MessageList } from "./messages.js";
import { toRfc3339 } from "./time.js";
import { setUpViews } from "./views.js";

const byId = (id) => document.getElementById(id);
const STREAM_LIMIT = 500;
const RECENT_MS = 10 * 60 * 1000;
const A_DAY_MS = 24 * 60 * 60 * 1000;

const stream = new MessageList(byId("stream"), { limit: STREAM_LIMIT });
const composeError = byId("compose-error");

// Until the first message id is known, "recent" is the last 10 minutes before the page opened up to a day
// ahead (a generous margin for a server clock that runs ahead of this browser's).
const pageOpened = Date.now();
const live = new LiveConnection({
  onMessage: (message) => stream.add(message),
  onState: (state) => showConnection(byId("connection"), byId("connection-label"), state),
  onRefused: (words) => {
    composeError.textContent = words;
    composeError.hidden = false;
  },
  catchUp: async () => {
    const recent = await readHistory(toRfc3339(new Date(pageOpened - RECENT_MS)), toRfc3339(new Date(Date.now() + A_DAY_MS)));
    return recent.slice(-STREAM_LIMIT);
  },
});

setUpCompose(
  {
    form: byId("send"),
    sequence: byId("sequence"),
    text: byId("text"),
    counter: byId("counter"),
    error: composeError,
    button: byId("send-button"),
  },
  (stored) => {
    stream.markMine(stored.id);
    stream.add(stored); // shown at once, even while the socket is reconnecting
  },
);

setUpHistory({
  lastTenMinutes: byId("last-ten-minutes"),
  form: byId("range"),
  from: byId("from"),
  to: byId("to"),
  status: byId("history-status"),
  error: byId("history-error"),
  results: byId("history-results"),
});

setUpViews({ send: byId("text"), history: byId("last-ten-minutes") });
live.start();
