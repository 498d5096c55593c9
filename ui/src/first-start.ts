// The first start: a new library and an empty organisation profile, so one
// short step asks for Thông tin đơn vị — the fields a report prints in its
// header and signature blocks. Fields start empty and look empty, with the
// example as a hint under each; they save as one types, and "Để sau"
// closes the step without losing what was typed (Cài đặt has them later).
import { api, errorMessage } from "./api";
import { toast } from "./dialogs";
import { profileFieldHtml, saveAsTyped } from "./profile-form";

export async function askOrganisation() {
  const d = document.getElementById("first-start") as HTMLDialogElement;
  const state = document.getElementById("first-start-save-state")!;
  let fields;
  try {
    fields = (await api.profileFields()).filter((f) => f.report);
  } catch (e) {
    toast(errorMessage(e), "error");
    return;
  }
  document.getElementById("first-start-fields")!.innerHTML = fields.map((f) => profileFieldHtml("first-start", f.key, f.label, "")).join("");
  const saver = saveAsTyped(d, (text, error) => {
    state.textContent = text;
    state.classList.toggle("error", !!error);
  });
  d.addEventListener(
    "close",
    async () => {
      await saver.flush();
      if (saver.pending()) toast(`Chưa lưu được thông tin đơn vị: ${state.textContent}`, "error");
      else if (d.returnValue === "done") toast("Đã lưu thông tin đơn vị. Có thể sửa lại ở Cài đặt → Thông tin đơn vị.");
      else if (d.returnValue === "later") toast("Khi cần, hãy điền thông tin đơn vị ở Cài đặt → Thông tin đơn vị.");
    },
    { once: true },
  );
  d.returnValue = "";
  d.showModal();
  d.querySelector<HTMLElement>("[data-profile]")?.focus();
}
