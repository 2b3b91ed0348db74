// Keeps the reader on the same field or code when changing versions: the links of the version selector
// and of the banner get the current anchor, mapped through renames and withdrawals (their data-anchors).
function carryAnchor(): void {
  const hash = decodeURIComponent(window.location.hash.slice(1));
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-anchors]')) {
    const anchors = JSON.parse(link.dataset['anchors'] ?? '{}') as Record<string, string>;
    const url = new URL(link.href);
    url.hash = (hash in anchors ? anchors[hash] : hash) ?? '';
    link.href = url.href;
  }
}

carryAnchor();
window.addEventListener('hashchange', carryAnchor);
