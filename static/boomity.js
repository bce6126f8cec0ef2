// Boomity's only script, and every page works without it.

// Leave quickly: no page can take its earlier pages out of the browser's history, so
// the neutral site opens in a new tab (a new tab has nothing to go Back to), and this
// tab turns into the neutral site too, so nothing of the community is left on screen.
// Without this script the link still goes there the ordinary way (rel="noreferrer").
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[data-leave-quickly]");
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
    return;
  }
  event.preventDefault();
  // The click lets the new tab through popup blockers; if one stops it anyway, this
  // tab still goes.
  window.open(link.href, "_blank", "noopener,noreferrer");
  window.location.replace(link.href);
});

// Supportive reactions: toggled without a page reload, so the button keeps the focus,
// and a polite live region in the form says "Reaction saved" or "Reaction removed".
// The button isn't disabled while it waits (that would throw the focus away): a second
// press is ignored instead. If anything goes wrong, the form is sent the ordinary way.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  const button = event.submitter;
  if (!form.matches("form[data-react]") || form.dataset.plain || !button || button.name !== "kind") {
    return;
  }
  event.preventDefault();
  if (button.dataset.busy) return;
  const body = new FormData(form);
  body.set("kind", button.value);
  button.dataset.busy = "1";
  button.setAttribute("aria-busy", "true");
  const status = form.querySelector("[data-react-status]");
  try {
    const response = await fetch(form.action, {
      method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(String(response.status));
    const data = await response.json();
    button.setAttribute("aria-pressed", data.active ? "true" : "false");
    button.querySelector(".reaction__count").textContent = data.count ? String(data.count) : "";
    if (status) {
      // Emptied first, so saying the same words twice in a row is still heard.
      status.textContent = "";
      setTimeout(() => { status.textContent = data.message || ""; }, 50);
    }
  } catch (error) {
    form.dataset.plain = "1";  // let the server answer with a page it explains
    form.requestSubmit(button);
  } finally {
    delete button.dataset.busy;
    button.removeAttribute("aria-busy");
    // Never pull the focus back from where the member moved it; only from nowhere.
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost && form.isConnected) button.focus();
  }
});

// Saving a post: toggled without a page reload, so the button keeps the focus. If
// anything goes wrong, the form is sent the ordinary way instead.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  const button = event.submitter;
  if (!form.matches("form[data-save]") || form.dataset.plain || !button) {
    return;
  }
  event.preventDefault();
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(String(response.status));
    const data = await response.json();
    button.setAttribute("aria-pressed", data.saved ? "true" : "false");
  } catch (error) {
    form.dataset.plain = "1";
    form.requestSubmit(button);
  } finally {
    button.disabled = false;
    button.focus();
  }
});

// A form bigger than the server will read (data-post-limit on <body>) would be
// refused unread, and a refused page can't give the words back. Say so before
// sending instead, and keep everything where it is. Without this script the
// server's own kind page explains.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const limit = Number(document.body.dataset.postLimit);
  if (!limit || form.method.toLowerCase() !== "post" || event.defaultPrevented) {
    return;
  }
  let size = 0;
  try {
    // Exactly what the browser sends for an ordinary form.
    size = new URLSearchParams(new FormData(form, event.submitter)).toString().length;
  } catch (error) {
    return;  // can't measure: let the server answer
  }
  if (size <= limit) {
    return;
  }
  event.preventDefault();
  const template = document.getElementById("too-long-note");
  if (!template) {
    return;
  }
  const earlier = form.previousElementSibling;
  if (earlier && earlier.dataset.tooLong) {
    earlier.remove();  // one note, however many tries
  }
  const note = template.content.firstElementChild.cloneNode(true);
  note.dataset.tooLong = "1";
  form.before(note);
  note.focus();
});

// Drafts: a reply or a new thread (form[data-draft]) is saved as the member's draft a
// few seconds after they stop typing, through the same "Save draft" the button sends
// without this script. Typing is never held up: saving happens in the background, one
// save at a time, and a quiet status line says how it went. The last words typed are
// kept too: when the page is left (closed, hidden, or a link followed) with words not
// yet saved, they go with navigator.sendBeacon, which the browser delivers after the
// page has gone. Never once the form is sent: posting deletes the draft, and a save
// arriving after that would bring it back.
const DRAFT_WAIT_MS = 2500;  // after the last keystroke
const DRAFT_GAP_MS = 5000;  // between two saves, at least (the server limits saves too)

document.querySelectorAll("form[data-draft]").forEach((form) => {
  const status = form.querySelector("[data-draft-status]");
  let timer = null;
  let saving = null;  // the save on its way, if any
  let lastSaved = 0;
  let changed = false;
  let typed = false;  // only what the member wrote here is saved, not what the page came with
  let sent = false;  // the form itself was sent: nothing more to save from this page

  // What the member wrote and chose, to tell whether it changed since the last save.
  const words = () => {
    const data = new FormData(form);
    data.delete("csrfmiddlewaretoken");
    return new URLSearchParams(data).toString();
  };
  let savedWords = words();  // what the page came with is already the saved draft

  const say = (text) => { if (status) status.textContent = text; };
  // The words come translated from the page (data-saved, data-failed, data-retry on the
  // status line); English only if a page hasn't been given them.
  const wordsFor = (name, english) => (status && status.dataset[name]) || english;

  async function save() {
    timer = null;
    if (sent) return;
    if (saving) { changed = true; return; }  // one at a time: saved again when it's back
    const wait = lastSaved + DRAFT_GAP_MS - Date.now();
    if (wait > 0) { timer = setTimeout(save, wait); return; }
    changed = false;
    const body = new FormData(form);
    body.set("save_draft", "1");
    const sending = words();
    saving = fetch(form.action, {
      method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" },
    }).then(async (response) => {
      const data = await response.json().catch(() => ({}));
      if (response.ok && data.saved) {
        savedWords = sending;
        say(wordsFor("saved", "Draft saved"));
      } else {
        say(data.message || wordsFor("failed", "We couldn't save your draft just now. Your text is still here."));
      }
    }).catch(() => {
      say(wordsFor("retry", "We couldn't save your draft just now. Your text is still here, and we'll try again."));
      changed = true;
    }).finally(() => {
      lastSaved = Date.now();
      saving = null;
      if (changed && !timer) timer = setTimeout(save, DRAFT_WAIT_MS);
    });
  }

  // Leaving: save what changed since the last save, in a beacon the browser sends even
  // as the page goes. "quietly" asks the server for no "Draft saved" note on the next
  // page. The session cookie goes with it, and the form's own CSRF token.
  function saveOnLeaving() {
    if (!typed || sent || !navigator.sendBeacon) return;
    const now = words();
    if (now === savedWords) return;
    const body = new FormData(form);
    body.set("save_draft", "1");
    body.set("quietly", "1");
    if (navigator.sendBeacon(form.action, body)) {
      savedWords = now;
      if (timer) { clearTimeout(timer); timer = null; }
    }
  }

  form.addEventListener("input", () => {
    typed = true;
    changed = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, DRAFT_WAIT_MS);
  });

  window.addEventListener("pagehide", saveOnLeaving);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") saveOnLeaving();
  });
  // A link followed inside the site: saved as it is followed, before the next page.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (!link || event.defaultPrevented || link.origin !== window.location.origin) return;
    // Not a jump within this page, nor a new tab: this page stays.
    const samePage = link.pathname === window.location.pathname && link.search === window.location.search;
    if ((samePage && link.hash) || link.target === "_blank") return;
    saveOnLeaving();
  });

  // Posting deletes the draft: a save still on its way must not bring it back, so the
  // post waits for it (a moment at most), and no new save starts.
  form.addEventListener("submit", (event) => {
    if (timer) { clearTimeout(timer); timer = null; }
    changed = false;
    if (!saving || event.defaultPrevented) return;
    event.preventDefault();
    const submitter = event.submitter;
    saving.finally(() => form.requestSubmit(submitter));
  });
  // Heard last (on window, after every other submit handler): only a form that really
  // goes stops the saving on leaving. One stopped before sending (too long, say) keeps it.
  window.addEventListener("submit", (event) => {
    if (event.target === form && !event.defaultPrevented) sent = true;
  });
});
