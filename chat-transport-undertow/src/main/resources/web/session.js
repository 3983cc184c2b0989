// Who is signed in: a token (JWT) given in the sign-in field or as #token=<jwt> in the address, kept in this tab's
// sessionStorage only (gone when the tab closes), sent as Authorization: Bearer on every request and as
// access_token= on the WebSocket. The token's claims are decoded here for display only: the server checks it.

const TOKEN_KEY = "chatgopher.token";
/** The window event of an answer that asks for a token (a 401, an expired token): the sign-in field shows. */
export const TOKEN_NEEDED = "chatgopher:token-needed";
const TOKEN_HASH = "#token=";

/** Moves a #token=<jwt> from the address into this tab's storage, and out of the address bar and its history. */
export function takeTokenFromAddress() {
  if (!location.hash.startsWith(TOKEN_HASH)) return;
  const token = location.hash.slice(TOKEN_HASH.length).trim();
  history.replaceState(null, "", location.pathname + location.search);
  if (token !== "") signIn(token);
}

/** The token of this tab, or null when nobody signed in (the server may not need one). */
export function currentToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function signIn(token) {
  try {
    sessionStorage.setItem(TOKEN_KEY, token.trim());
  } catch {
    // storage refused: the token lasts until the page reloads
  }
}

export function signOut() {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing stored
  }
}

/** The token's claims, for display only (never trusted: the server verifies the signature), or null. */
export function claimsOf(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** The name the server will put on this tab's messages: the token's name, else its sub; null when signed out. */
export function signedInName() {
  const token = currentToken();
  if (token === null) return null;
  const claims = claimsOf(token);
  return claims?.name ?? claims?.sub ?? "unknown";
}

/** Whether the token may follow every room (rooms=*): without one, the server decides and allows it when off. */
export function readsEveryRoom() {
  const token = currentToken();
  if (token === null) return true;
  const read = claimsOf(token)?.["chat.read"];
  return Array.isArray(read) && read.includes("*");
}

/** The token's read rights as written: exact rooms, prefixes ending in *, or *. */
function readPatterns() {
  const read = claimsOf(currentToken() ?? "")?.["chat.read"];
  return Array.isArray(read) ? read.filter((pattern) => typeof pattern === "string") : [];
}

/** The exact rooms of the token's read rights (no patterns), for a socket that may not follow every room. */
export function readableRoomNames() {
  return readPatterns().filter((pattern) => !pattern.endsWith("*"));
}

/** Whether the token's read rights cover the room, as the server decides it; true when signed out. */
export function mayRead(room) {
  if (currentToken() === null) return true;
  return readPatterns().some((pattern) =>
    pattern.endsWith("*") ? room.startsWith(pattern.slice(0, -1)) : room === pattern);
}

/**
 * Shows who is signed in and wires the sign-in form, which shows only once the server asked for a token (a server
 * with tokens off never does): a token typed there is kept for the tab and the page reloads with it; signing out
 * forgets it.
 */
export function setUpSession({ form, input, signedIn, name, signOutButton }) {
  const who = signedInName();
  signedIn.hidden = who === null;
  window.addEventListener(TOKEN_NEEDED, () => {
    form.hidden = false;
  });
  if (who !== null) name.textContent = who;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (input.value.trim() === "") return;
    signIn(input.value);
    input.value = "";
    location.reload();
  });
  signOutButton.addEventListener("click", () => {
    signOut();
    location.reload();
  });
}
