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
