// The connection badge in the header: a coloured dot and a word, with the detail as its tooltip.

const LABELS = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", offline: "Offline" };

export function showConnection(badge, label, { state, detail }) {
  badge.dataset.state = state;
  label.textContent = LABELS[state];
  badge.title = detail ? `${LABELS[state]} ${detail}` : LABELS[state];
}
