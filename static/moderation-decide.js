// The decision form on a review item: show only the fields the chosen decisions need.
// Without this script every field shows, each label saying which decision it is for,
// and the server says what is missing (keeping what was typed).
(() => {
  const form = document.querySelector("form.decision");
  if (!form) return;
  const chosen = () =>
    new Set(
      [...form.querySelectorAll("input[name=decision]:checked, input[name=sanctions]:checked")]
        .map((input) => input.value)
        .filter(Boolean),
    );
  const needs = {
    body: ["edit"],
    silence_for: ["silence"],
    suspend_until: ["suspend"],
  };
  const update = () => {
    const now = chosen();
    for (const [name, wanted] of Object.entries(needs)) {
      const box = form.querySelector(`[data-field="${name}"]`);
      if (!box) continue;
      const field = box.querySelector(`[name="${name}"]`);
      const shown = wanted.some((decision) => now.has(decision)) || (field && box.querySelector(".errorlist"));
      box.hidden = !shown;
    }
  };
  form.addEventListener("change", update);
  update();
})();
