// Which view the address asks for: #history, #send or #live (the original's /history, /send and /realtime
// redirect here). On a phone one view shows at a time; on a wide screen both do and the hash picks the focus.

const VIEW_OF_HASH = { "#history": "history", "#send": "chat", "#live": "chat" };

/** @param focusTargets {send, history}: what gets the keyboard focus for #send and #history */
export function setUpViews(focusTargets) {
  const links = document.querySelectorAll("[data-view-link]");
  const show = () => {
    const view = VIEW_OF_HASH[location.hash] ?? "chat";
    document.body.dataset.view = view;
    links.forEach((link) => {
      if (link.dataset.viewLink === view) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
    if (location.hash === "#send") focusTargets.send.focus();
    if (location.hash === "#history") focusTargets.history.focus();
  };
  window.addEventListener("hashchange", show);
  show();
}
