// Wires the page together: rooms, live stream, compose box, history panel, views.

import { listRooms, readNewest, readOlder } from "./api.js";
import { setUpCompose } from "./compose.js";
import { showConnection } from "./connection-status.js";
import { setUpHistory } from "./history.js";
import { LiveConnection } from "./live.js";
import { MessageList } from "./messages.js";
import { showRooms } from "./room-list.js";
import { DEFAULT_ROOM, isRoomId, ROOM_RULE, Rooms } from "./rooms.js";
import { mayRead, readableRoomNames, setUpSession, signedInName, takeTokenFromAddress } from "./session.js";
import { roomAddress, setUpViews } from "./views.js";

// First of all: a #token= in the address goes into this tab's storage and out of the address bar.
takeTokenFromAddress();

const byId = (id) => document.getElementById(id);
/** Most rooms one socket may follow by name (the server's chat.rooms.max-per-connection default). */
const MAX_FOLLOWED = 100;
/** A page of messages, as the server's default. */
const PAGE = 50;
/** Messages held (and shown) per room; beyond, the oldest go, and "load older" brings them back. */
const HELD_LIMIT = 1000;

const rooms = new Rooms();
const stream = new MessageList(byId("stream"));
const composeError = byId("compose-error");
const roomError = byId("room-error");
const olderButton = byId("load-older");
let openName = null;

const showRoomError = (words) => {
  roomError.textContent = words;
  roomError.hidden = !words;
};

let drawPending = false;
/** Redraws the room list soon: a burst of messages redraws it once. */
const drawRooms = () => {
  if (drawPending) return;
  drawPending = true;
  setTimeout(() => {
    drawPending = false;
    showRooms(byId("rooms"), rooms.ordered(), openName);
  }, 30);
};

const showOlderButton = () => {
  const room = rooms.get(openName);
  olderButton.hidden = !room.loaded || room.reachedStart;
  olderButton.disabled = room.loading === true;
};

/** Every message the socket brings, of every room: held in its room, shown when that room is open. */
function receive(message) {
  const room = rooms.get(message.room);
  const isNew = rooms.count(message);
  room.hold(message);
  if (room.name === openName) {
    stream.add(message);
    if (stream.isScrolledToEnd()) stream.remove(room.trim(HELD_LIMIT));
  } else {
    if (isNew) room.unread += 1;
    room.trim(HELD_LIMIT);
  }
  drawRooms();
}

function openRoom(name) {
  if (!isRoomId(name)) {
    showRoomError(`There is no room "${name}". ${ROOM_RULE}`);
    if (openName === null) openRoom(DEFAULT_ROOM);
    return;
  }
  showRoomError("");
  if (name === openName) return;
  openName = name;
  const room = rooms.get(name);
  room.unread = 0;
  byId("room-title").textContent = name;
  document.querySelector("[data-view-link=chat]").href = roomAddress(name);
  historyPanel.roomChanged(name);
  stream.show(room.messages);
  showOlderButton();
  // At once, not soon: the room's unread count goes in the same moment as the room opens.
  showRooms(byId("rooms"), rooms.ordered(), openName);
  if (!room.loaded) loadNewest(room);
}

/** The room's newest page, merged with what the socket brought meanwhile (by id, each once). */
async function loadNewest(room) {
  if (room.loading) return;
  room.loading = true;
  try {
    const page = await readNewest(room.name, PAGE);
    page.forEach((message) => room.hold(message));
    room.loaded = true;
    // Fewer than a page: the room holds no more, and whatever the socket brought is newer still.
    if (page.length < PAGE) room.reachedStart = true;
    if (room.name === openName) stream.show(room.messages);
  } catch (failure) {
    if (room.name === openName) showRoomError(`Could not load the messages of ${room.name}: ${failure.message}`);
  } finally {
    room.loading = false;
    if (room.name === openName) showOlderButton();
  }
}

/** The page just older than the oldest shown, until the server has no more (answers fewer than a page). */
async function loadOlder() {
  const room = rooms.get(openName);
  if (!room.loaded || room.reachedStart || room.loading) return;
  if (room.oldestId === null) {
    room.reachedStart = true;
    showOlderButton();
    return;
  }
  room.loading = true;
  showOlderButton();
  try {
    const page = await readOlder(room.name, room.oldestId, PAGE);
    page.forEach((message) => room.hold(message));
    if (page.length < PAGE) room.reachedStart = true;
    if (room.name === openName) stream.addOlder(page);
  } catch (failure) {
    if (room.name === openName) showRoomError(`Could not load older messages: ${failure.message}`);
  } finally {
    room.loading = false;
    if (room.name === openName) showOlderButton();
  }
}

const live = new LiveConnection({
  onMessage: receive,
  onState: (state) => {
    showConnection(byId("connection"), byId("connection-label"), state);
    // A room opened while the server could not be reached gets its messages once it can.
    if (state.state === "live" && openName !== null && !rooms.get(openName).loaded) loadNewest(rooms.get(openName));
  },
  onRefused: (words) => {
    composeError.textContent = words;
    composeError.hidden = false;
  },
  // A token that may not read every room follows, by name, the readable rooms the server listed and those it names.
  rooms: () =>
    [...new Set([...readableRoomNames(), ...rooms.ordered().map((room) => room.name)])]
      .filter(mayRead)
      .slice(0, MAX_FOLLOWED),
  // The socket starts after the newest message the summaries count, so each later one is counted once.
  startAfter: async () => {
    const summaries = await listRooms();
    rooms.takeSummaries(summaries);
    drawRooms();
    return summaries.reduce((newest, summary) => Math.max(newest, summary.last_id), 0);
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
    author: byId("author"),
  },
  () => openName,
  (stored) => {
    const room = rooms.get(stored.room);
    rooms.count(stored);
    room.hold(stored);
    if (room.name === openName) {
      stream.markMine(stored.id);
      stream.add(stored); // shown at once, even while the socket is reconnecting
    }
    drawRooms();
  },
);

const historyPanel = setUpHistory(
  {
    lastTenMinutes: byId("last-ten-minutes"),
    form: byId("range"),
    from: byId("from"),
    to: byId("to"),
    status: byId("history-status"),
    error: byId("history-error"),
    results: byId("history-results"),
    room: byId("history-room"),
  },
  () => openName,
);

byId("join").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = byId("join-room");
  const error = byId("join-error");
  const name = input.value.trim();
  if (!isRoomId(name)) {
    error.textContent = name === "" ? `Type a room name. ${ROOM_RULE}` : `"${name}" is not a room name. ${ROOM_RULE}`;
    error.hidden = false;
    return;
  }
  error.hidden = true;
  input.value = "";
  location.hash = roomAddress(name);
});

olderButton.addEventListener("click", loadOlder);
byId("stream").addEventListener("scroll", () => {
  if (byId("stream").scrollTop < 80) loadOlder();
});

setUpSession({
  form: byId("sign-in"),
  input: byId("token"),
  signedIn: byId("signed-in"),
  name: byId("signed-in-name"),
  signOutButton: byId("sign-out"),
});
const signedIn = signedInName();
if (signedIn !== null) {
  // The server writes the token's name on every message: the field shows it and cannot change it.
  byId("author").value = signedIn;
  byId("author").disabled = true;
}

if (mayRead(DEFAULT_ROOM)) rooms.get(DEFAULT_ROOM); // listed even before it has a message: /send and /realtime lead there
setUpViews(
  { send: byId("text"), history: byId("last-ten-minutes"), rooms: byId("join-room") },
  (name) => openRoom(name ?? DEFAULT_ROOM),
);
live.start();
