// The room list beside the stream: each room a link to its address, with its unread count, how many messages
// it holds and when it was last active. Names are only ever set with textContent.

import { parseServerTime, formatMessageTime } from "./time.js";
import { roomAddress } from "./views.js";

/** Draws the rooms (in the order given) into the list, marking the open one. */
export function showRooms(list, rooms, openName) {
  // A redraw must not take the keyboard focus away from the room it was on.
  const focused = list.contains(document.activeElement) ? document.activeElement.dataset.room : null;
  list.replaceChildren(...rooms.map((room) => roomElement(room, room.name === openName)));
  if (focused != null) list.querySelector(`[data-room="${CSS.escape(focused)}"]`)?.focus();
}

function roomElement(room, open) {
  const link = document.createElement("a");
  link.className = "room";
  link.href = roomAddress(room.name);
  link.dataset.room = room.name;
  link.dataset.unread = String(room.unread);
  if (open) link.setAttribute("aria-current", "page");

  const name = document.createElement("span");
  name.className = "room-name";
  name.textContent = room.name;
  link.append(name);

  if (room.unread > 0) {
    const unread = document.createElement("span");
    unread.className = "unread";
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = " unread";
    unread.append(String(room.unread), hidden);
    link.append(unread);
  }

  const meta = document.createElement("span");
  meta.className = "room-meta";
  const count = room.count === 1 ? "1 message" : `${room.count.toLocaleString()} messages`;
  if (room.lastAt) {
    const time = document.createElement("time");
    time.dateTime = room.lastAt;
    time.textContent = formatMessageTime(parseServerTime(room.lastAt));
    meta.append(`${count} · `, time);
  } else {
    meta.append(room.count === 0 ? "no messages yet" : count);
  }
  link.append(meta);

  const item = document.createElement("li");
  item.append(link);
  return item;
}
