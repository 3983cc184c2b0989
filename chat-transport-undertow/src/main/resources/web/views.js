// What the address asks for: a room (#/r/<room>), or a view: #history, #send or #live (the original's /history,
// /send and /realtime redirect here, and show the default room), or #rooms. On a phone one view shows at a time;
// on a wide screen all do and the hash picks the focus.

const VIEW_OF_HASH = { "#history": "history", "#send": "chat", "#live": "chat", "#rooms": "rooms" };
const ROOM_HASH = "#/r/";

/** The address of a room. */
export const roomAddress = (room) => `${ROOM_HASH}${encodeURIComponent(room)}`;

/** The room the address names, as typed (not yet checked against the room rule), or null. */
function roomInAddress() {
  if (!location.hash.startsWith(ROOM_HASH)) return null;
  try {
    return decodeURIComponent(location.hash.slice(ROOM_HASH.length));
  } catch {
    return location.hash.slice(ROOM_HASH.length);
  }
}

/**
 * @param focusTargets {send, history, rooms}: what gets the keyboard focus for #send, #history and #rooms
 * @param onRoom       called with the room the address names, at once and whenever it changes; with null
 *                     at first when it names none (a view leaves the open room as it is)
 */
export function setUpViews(focusTargets, onRoom) {
  const links = document.querySelectorAll("[data-view-link]");
  const show = () => {
    const room = roomInAddress();
    const view = room === null ? (VIEW_OF_HASH[location.hash] ?? "chat") : "chat";
    document.body.dataset.view = view;
    links.forEach((link) => {
      if (link.dataset.viewLink === view) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
    if (location.hash === "#send") focusTargets.send.focus();
    if (location.hash === "#history") focusTargets.history.focus();
    if (location.hash === "#rooms") focusTargets.rooms.focus();
    return room;
  };
  window.addEventListener("hashchange", () => {
    const room = show();
    if (room !== null) onRoom(room);
  });
  onRoom(show());
}
