// The history panel of the open room: the last 10 minutes with one click, or a range picked in the browser's
// local time.

import { readHistory } from "./api.js";
import { messageElement } from "./messages.js";
import { formatRange, fromLocalInputValue, toLocalInputValue, toRfc3339 } from "./time.js";

const TEN_MINUTES_MS = 10 * 60 * 1000;
const MAX_SHOWN = 1000;

/**
 * @param elements {lastTenMinutes, form, from, to, status, error, results, room}
 * @param openRoom returns the room to search
 * @returns {roomChanged(room)}: forgets the results of the room left
 */
export function setUpHistory(elements, openRoom) {
  const { lastTenMinutes, form, from, to, status, error, results, room } = elements;
  let searches = 0;

  const fillRange = (start, end) => {
    from.value = toLocalInputValue(start);
    to.value = toLocalInputValue(end);
  };

  const search = async () => {
    const start = fromLocalInputValue(from.value);
    const end = fromLocalInputValue(to.value, { end: true });
    // An empty or impossible input goes to the server as it is: its answer says what is wrong, in words.
    const fromText = start ? toRfc3339(start) : from.value;
    const toText = end ? toRfc3339(end) : to.value;
    status.textContent = "Searching…";
    error.hidden = true;
    const mine = ++searches;
    try {
      const messages = await readHistory(openRoom(), fromText, toText);
      if (mine !== searches) return; // a newer search, or another room, took the panel meanwhile
      results.replaceChildren(...messages.slice(0, MAX_SHOWN).map(messageElement));
      status.textContent = describe(messages.length, start, end);
    } catch (failure) {
      if (mine !== searches) return;
      results.replaceChildren();
      status.textContent = "";
      error.textContent = failure.message;
      error.hidden = false;
    }
  };

  lastTenMinutes.addEventListener("click", () => {
    const now = new Date();
    fillRange(new Date(now.getTime() - TEN_MINUTES_MS), now);
    search();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });

  const now = new Date();
  fillRange(new Date(now.getTime() - TEN_MINUTES_MS), now);
  return {
    roomChanged(name) {
      searches += 1;
      room.textContent = name;
      results.replaceChildren();
      status.textContent = "";
      error.hidden = true;
    },
  };
}

function describe(count, start, end) {
  const range = formatRange(start, end);
  if (count === 0) return `No messages, ${range}.`;
  const found = count === 1 ? "1 message" : `${count.toLocaleString()} messages`;
  return count > MAX_SHOWN
    ? `${found}, ${range}; showing the first ${MAX_SHOWN.toLocaleString()}. Narrow the range to see the rest.`
    : `${found}, ${range}.`;
}
