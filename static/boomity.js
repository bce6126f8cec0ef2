// Boomity's only script, and every page works without it.
// Supportive reactions: toggled without a page reload. If anything goes wrong,
// the form is sent the ordinary way instead.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  const button = event.submitter;
  if (!form.matches("form[data-react]") || form.dataset.plain || !button || button.name !== "kind") {
    return;
  }
  event.preventDefault();
  const body = new FormData(form);
  body.set("kind", button.value);
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(String(response.status));
    const data = await response.json();
    button.setAttribute("aria-pressed", data.active ? "true" : "false");
    button.querySelector(".reaction__count").textContent = data.count ? String(data.count) : "";
  } catch (error) {
    form.dataset.plain = "1";  // let the server answer with a page it explains
    form.requestSubmit(button);
  } finally {
    button.disabled = false;
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
