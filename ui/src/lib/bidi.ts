// Right-to-left text (Arabic, Hebrew, Persian…) reads correctly wherever a checker types or reads
// it (issue 16): every text field gets `dir="auto"` (its direction follows what is typed in it),
// unless a component chose a direction itself (a web address is always left to right). Claim text
// shown on screen follows its own direction through the CSS (`unicode-bidi: plaintext` in app.css).

/** The fields whose direction follows their text. */
const FIELDS = 'input:not([dir]):not([type]), input[type="text"]:not([dir]), input[type="search"]:not([dir]), textarea:not([dir])';

/** Gives `dir="auto"` to the fields in `root` (and `root` itself) that have no direction. */
export function autoDirection(root: ParentNode | Element): void {
  if (root instanceof Element && root.matches(FIELDS)) root.setAttribute('dir', 'auto');
  for (const el of root.querySelectorAll(FIELDS)) el.setAttribute('dir', 'auto');
}

/** Keeps doing it for every field the window adds from now on; returns what stops it. */
export function followDirection(root: HTMLElement): () => void {
  autoDirection(root);
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) if (node instanceof Element) autoDirection(node);
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
