// Message lists. Message text is only ever set with textContent: whatever it says, it stays text.

import { formatFull, formatMessageTime, parseServerTime } from "./time.js";

/** One message as a list item: its text, then when, its id and its sequence number. */
export function messageElement(message) {
  const item = document.createElement("li");
  item.className = "message";
  item.dataset.id = String(message.id);

  const text = document.createElement("p");
  text.className = "text";
  text.textContent = message.text;

  const created = parseServerTime(message.created_at);
  const time = document.createElement("time");
  time.dateTime = message.created_at;
  time.textContent = formatMessageTime(created);
  time.title = formatFull(created);

  const meta = document.createElement("p");
  meta.className = "meta";
  meta.append(time, ` · #${message.id} · seq ${message.sequence}`);

  item.append(text, meta);
  return item;
}

/**
 * The live stream: messages in id order whatever order they arrive in (socket, catch-up, own sends), each
 * shown once, the oldest dropped beyond a limit, kept scrolled to the newest while the reader is there.
 */
export class MessageList {
  #list;
  #limit;
  #mine = new Set();

  constructor(list, { limit = 500 } = {}) {
    this.#list = list;
    this.#limit = limit;
  }

  add(message) {
    if (this.#list.querySelector(`[data-id="${message.id}"]`)) return;
    const followNewest = this.#isScrolledToEnd();
    const item = messageElement(message);
    item.classList.toggle("mine", this.#mine.has(message.id));
    this.#list.insertBefore(item, this.#firstNewerThan(message.id));
    while (this.#list.children.length > this.#limit) {
      this.#list.firstElementChild.remove();
    }
    if (followNewest) this.scrollToEnd();
  }

  /** Marks a message this page sent, now or when it arrives. */
  markMine(id) {
    this.#mine.add(id);
    this.#list.querySelector(`[data-id="${id}"]`)?.classList.add("mine");
  }

  scrollToEnd() {
    this.#list.scrollTop = this.#list.scrollHeight;
  }

  #firstNewerThan(id) {
    // Newcomers are almost always the newest: search from the end.
    let candidate = null;
    for (let item = this.#list.lastElementChild; item && Number(item.dataset.id) > id; item = item.previousElementSibling) {
      candidate = item;
    }
    return candidate;
  }

  #isScrolledToEnd() {
    const list = this.#list;
    return list.scrollHeight - list.scrollTop - list.clientHeight < 48;
  }
}
