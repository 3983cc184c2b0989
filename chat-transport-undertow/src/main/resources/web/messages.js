// Message lists. Message text and author are only ever set with textContent: whatever they say, they stay text.

import { formatFull, formatMessageTime, parseServerTime } from "./time.js";

/** One message as a list item: its author (when it has one), its text, then when, its id and its sequence number. */
export function messageElement(message) {
  const item = document.createElement("li");
  item.className = "message";
  item.dataset.id = String(message.id);

  if (message.author != null) {
    const author = document.createElement("p");
    author.className = "author";
    author.textContent = message.author;
    item.append(author);
  }

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
 * The stream of the open room: messages in id order whatever order they arrive in (socket, newest page, older
 * pages, own sends), each shown once, kept scrolled to the newest while the reader is there, and kept in place
 * while older ones are put above.
 */
export class MessageList {
  #list;
  #mine = new Set();

  constructor(list) {
    this.#list = list;
  }

  /** Shows these messages (oldest first) instead of what was shown, scrolled to the newest. */
  show(messages) {
    this.#list.replaceChildren(...messages.map((message) => this.#element(message)));
    this.scrollToEnd();
  }

  add(message) {
    if (this.#list.querySelector(`[data-id="${message.id}"]`)) return;
    const followNewest = this.isScrolledToEnd();
    this.#list.insertBefore(this.#element(message), this.#firstNewerThan(message.id));
    if (followNewest) this.scrollToEnd();
  }

  /** Puts older messages in; what the reader was looking at stays where it was on the screen. */
  addOlder(messages) {
    const list = this.#list;
    const fromBottom = list.scrollHeight - list.scrollTop;
    for (const message of messages) {
      if (!list.querySelector(`[data-id="${message.id}"]`)) {
        list.insertBefore(this.#element(message), this.#firstNewerThan(message.id));
      }
    }
    list.scrollTop = list.scrollHeight - fromBottom;
  }

  /** Takes away messages no longer held (the oldest, beyond the limit). */
  remove(messages) {
    messages.forEach((message) => this.#list.querySelector(`[data-id="${message.id}"]`)?.remove());
  }

  /** Marks a message this page sent, now or when it arrives. */
  markMine(id) {
    this.#mine.add(id);
    this.#list.querySelector(`[data-id="${id}"]`)?.classList.add("mine");
  }

  scrollToEnd() {
    this.#list.scrollTop = this.#list.scrollHeight;
  }

  isScrolledToEnd() {
    const list = this.#list;
    return list.scrollHeight - list.scrollTop - list.clientHeight < 48;
  }

  #element(message) {
    const item = messageElement(message);
    item.classList.toggle("mine", this.#mine.has(message.id));
    return item;
  }

  #firstNewerThan(id) {
    // Newcomers are almost always the newest: search from the end.
    let candidate = null;
    for (let item = this.#list.lastElementChild; item && Number(item.dataset.id) > id; item = item.previousElementSibling) {
      candidate = item;
    }
    return candidate;
  }
}
