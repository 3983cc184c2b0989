// The compose box: text with a live counter in characters (code points, as the server counts), a sequence
// number that moves on by itself after each send, Enter to send, and the server's refusals shown in words.
// A message goes to the open room, with the author name from its field (remembered by the browser).

import { newIdempotencyKey, sendMessage } from "./api.js";

export const MAX_TEXT_LENGTH = 128; // the server's default (chat.messages.max-text-length)

/** Characters as people and the server count them: an emoji is one, not two UTF-16 units. */
export const characterCount = (text) => [...text].length;

const truncate = (text, max) => [...text].slice(0, max).join("");

/**
 * @param elements {form, sequence, text, counter, error, button, author}
 * @param openRoom returns the room a message goes to
 * @param onSent   called with the stored message
 */
export function setUpCompose(elements, openRoom, onSent) {
  const { form, sequence, text, counter, error, button, author } = elements;
  author.value = rememberedAuthor();
  author.addEventListener("input", () => rememberAuthor(author.value));
  // A retry of the same message keeps its key, so a send whose answer was lost is stored once.
  let pending = null;

  const showCount = () => {
    const count = characterCount(text.value);
    counter.textContent = `${count}/${MAX_TEXT_LENGTH}`;
    counter.dataset.level = count >= MAX_TEXT_LENGTH ? "full" : count >= MAX_TEXT_LENGTH - 10 ? "near" : "";
  };

  const showError = (words) => {
    error.textContent = words;
    error.hidden = !words;
  };

  // Refuse an insertion that would pass the limit, instead of cutting the text somewhere else afterwards.
  text.addEventListener("beforeinput", (event) => {
    if (!event.inputType.startsWith("insert") || event.data == null) return;
    const selected = text.value.slice(text.selectionStart, text.selectionEnd);
    if (characterCount(text.value) - characterCount(selected) + characterCount(event.data) > MAX_TEXT_LENGTH) {
      event.preventDefault();
    }
  });
  // Pastes and input methods can bypass beforeinput's data: trim whatever is still too long.
  text.addEventListener("input", () => {
    if (characterCount(text.value) > MAX_TEXT_LENGTH) text.value = truncate(text.value, MAX_TEXT_LENGTH);
    showCount();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    const number = Number(sequence.value);
    if (sequence.value.trim() === "" || !Number.isSafeInteger(number)) {
      showError("Not sent: the sequence number must be a whole number.");
      return;
    }
    // No name is no author (null), not a blank one the server would refuse.
    const message = { sequence: number, text: text.value, author: author.value.trim() || null };
    const room = openRoom();
    if (
      pending?.room !== room
      || pending.sequence !== message.sequence
      || pending.text !== message.text
      || pending.author !== message.author
    ) {
      pending = { ...message, room, key: newIdempotencyKey() };
    }
    button.disabled = true;
    try {
      const stored = await sendMessage(room, message, pending.key);
      pending = null;
      showError("");
      sequence.value = String(stored.sequence + 1);
      if (text.value === message.text) text.value = "";
      showCount();
      onSent(stored);
    } catch (failure) {
      showError(`Not sent: ${failure.message}`);
    } finally {
      button.disabled = false;
      text.focus();
    }
  });

  showCount();
}

const AUTHOR_KEY = "chatgopher.author";

// Storage can be refused (privacy settings, a full quota): the field then simply starts empty.
function rememberedAuthor() {
  try {
    return localStorage.getItem(AUTHOR_KEY) ?? "";
  } catch {
    return "";
  }
}

function rememberAuthor(name) {
  try {
    if (name.trim() === "") localStorage.removeItem(AUTHOR_KEY);
    else localStorage.setItem(AUTHOR_KEY, name);
  } catch {
    // not remembered, still sent
  }
}
