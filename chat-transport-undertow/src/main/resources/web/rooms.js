// Rooms as the page knows them: the server's summaries, kept current by every message the page sees, and the
// messages it holds for each room, in id order and each once.

export const DEFAULT_ROOM = "general"; // the server's default (chat.rooms.default); /send, /realtime, /history show it

const ROOM_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The server's room rule, in words, for a name it would refuse. */
export const ROOM_RULE =
  "A room name is 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or a digit.";

export const isRoomId = (name) => ROOM_ID.test(name);

/** One room: its summary, the unread count and the messages held, oldest first. */
export class Room {
  name;
  count = 0;
  lastId = 0;
  lastAt = null;
  unread = 0;
  /** The summary the server listed covers the messages up to this id. */
  listedUpTo = 0;
  /** The newest page was read once; before that only what the socket brought is held. */
  loaded = false;
  /** No older message exists than the oldest held. */
  reachedStart = false;
  messages = [];
  #ids = new Set();

  constructor(name) {
    this.name = name;
  }

  get oldestId() {
    return this.messages.length === 0 ? null : this.messages[0].id;
  }

  has(id) {
    return this.#ids.has(id);
  }

  /** Adds a message in id order; false when it was held already. */
  hold(message) {
    if (this.#ids.has(message.id)) return false;
    this.#ids.add(message.id);
    let at = this.messages.length;
    // Newcomers are almost always the newest: search from the end.
    while (at > 0 && this.messages[at - 1].id > message.id) at -= 1;
    this.messages.splice(at, 0, message);
    return true;
  }

  /** Forgets the oldest beyond `limit`; they can be read again with "load older". */
  trim(limit) {
    const excess = this.messages.length - limit;
    if (excess <= 0) return [];
    const dropped = this.messages.splice(0, excess);
    dropped.forEach((message) => this.#ids.delete(message.id));
    this.reachedStart = false;
    return dropped;
  }
}

export class Rooms {
  #rooms = new Map();
  // Ids counted into a summary since the page opened: a message seen twice (send answer and socket) counts once.
  #counted = new Set();

  get(name) {
    let room = this.#rooms.get(name);
    if (!room) {
      room = new Room(name);
      this.#rooms.set(name, room);
    }
    return room;
  }

  /** Takes the server's summaries (GET /api/rooms), read before the socket starts after their newest id. */
  takeSummaries(summaries) {
    for (const summary of summaries) {
      const room = this.get(summary.room);
      room.count = summary.messages;
      room.lastId = summary.last_id;
      room.lastAt = summary.last_at;
      room.listedUpTo = summary.last_id;
    }
  }

  /** Counts a message into its room's summary once: the summaries hold every id up to what they listed. */
  count(message) {
    const room = this.get(message.room);
    if (message.id <= room.listedUpTo || this.#counted.has(message.id)) return false;
    this.#counted.add(message.id);
    room.count += 1;
    if (message.id > room.lastId) {
      room.lastId = message.id;
      room.lastAt = message.created_at;
    }
    return true;
  }

  /** Most recently active first, as the server lists them; rooms without a message yet last, by name. */
  ordered() {
    return [...this.#rooms.values()].sort((a, b) => b.lastId - a.lastId || a.name.localeCompare(b.name));
  }
}
