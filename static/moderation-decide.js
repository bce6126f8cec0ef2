// The decision form on a review item: show only the fields the chosen decisions need.
// Without this script every field shows, each label saying which decision it is for,
// and the server says what is missing (keeping what was typed). A field with an error
// always shows, so nothing the moderator must fix is hidden.
(() => {
  const form = document.querySelector("form.decision[data-decide]");
  if (!form) return;
  const needs = {
    body: ["edit"],
    silence_for: ["silence"],
    suspend_until: ["suspend"],
  };
  const chosen = () =>
    new Set(
      [...form.querySelectorAll("input[name=decision]:checked, input[name=sanctions]:checked")]
        .map((input) => input.value)
        .filter(Boolean),
    );
  const update = () => {
    const now = chosen();
    for (const [name, wanted] of Object.entries(needs)) {
      const box = form.querySelector(`[data-field="${name}"]`);
      if (!box) continue;
      box.hidden = !(wanted.some((decision) => now.has(decision)) || box.querySelector(".errorlist"));
    }
  };
  form.addEventListener("change", update);
  update();
})();
