// What the screen says when two people work on one article (issue 14):
// who else has it open, what a crossed save did, what the merge view still
// needs, how many saves wait for the network. Pure, so Vitest checks the
// sentences.

/** "Nguyễn Thị Lan", "Lan và Minh", "Lan, Minh và Hoa". */
function names(list: string[]): string {
  if (list.length <= 1) return list.join("");
  return `${list.slice(0, -1).join(", ")} và ${list[list.length - 1]}`;
}

/** The line above the editor: "Đang được Nguyễn Thị Lan sửa", or nothing. */
export function presenceLine(others: string[]): string {
  return others.length ? `Đang được ${names(others)} sửa` : "";
}

/** Said after a save crossed someone else's. */
export function crossedMessage(otherPerson: string | null): string {
  const who = otherPerson ? `${otherPerson} cũng đã lưu bài này` : "Bài này cũng vừa được lưu ở nơi khác";
  return `${who} trong lúc bạn sửa. Cả hai bản đều được giữ, không mất chữ nào; hãy chọn cách hợp nhất hai bản.`;
}

/** The merge view's heading sentence. */
export function mergeIntro(conflicts: number, otherBy: string): string {
  if (!conflicts)
    return `Hai bản được lưu chéo nhau (bản của bạn và ${lower(otherBy)}) sửa những chỗ khác nhau, nên đã được ghép lại đầy đủ. Hãy xem lại rồi bấm Lưu bản hợp nhất.`;
  return `Hai bản được lưu chéo nhau; ${conflicts} chỗ cả hai cùng sửa khác nhau. Với mỗi chỗ, hãy chọn giữ bản nào (hoặc cả hai, hoặc tự sửa), rồi bấm Lưu bản hợp nhất. Những phần khác đã được ghép sẵn.`;
}

/** What the save button says: how many choices are still missing. */
export function mergeButton(missing: number): string {
  return missing ? `Còn ${missing} chỗ cần chọn` : "Lưu bản hợp nhất";
}

/**
 * The status bar while the shared server cannot be reached: short enough
 * that the bar keeps to one line at 1366 px beside the save state.
 */
export function offlineLine(waiting: number): string {
  const queued = waiting ? `, ${waiting} lần lưu chờ gửi` : "";
  return `Mất kết nối thư viện chung — đã lưu trên máy này${queued}`;
}

/** The same in full, as the line's tooltip. */
export function offlineDetail(waiting: number): string {
  const queued = waiting ? ` (${waiting} lần lưu đang chờ gửi)` : "";
  return `Mất kết nối tới thư viện chung — bài vẫn được lưu trên máy này và sẽ gửi lên khi có mạng${queued}`;
}

/** Said when a photo is inserted while the shared server cannot be reached. */
export const IMAGE_WAITS = "Chưa gửi được ảnh lên thư viện chung vì mất kết nối: ảnh được giữ trên máy này, vẫn hiện trong bài, và sẽ gửi lên trước bài khi có mạng.";

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
