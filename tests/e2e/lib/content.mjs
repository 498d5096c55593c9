// The words the steps write: one article of a commune's day, in Vietnamese.
export const TITLE = "Tăng cường văn hóa công sở ở thôn Lạc Nam";
export const COPY = `${TITLE} (bản sao)`;
export const FIRST = "Chi bộ thôn đã họp bàn về văn hóa công sở; mỗi đảng viên phải gương mẫu.";
export const SECOND = " Thêm đoạn sửa đổi về ứng xử.";
export const CATEGORY = "Văn hóa cơ sở";
/** What the Word paste of the editing steps leaves in an article (a heading, bold, a list, a table). */
export const PASTED = "## Kết quả thực hiện\n\nĐã vận động **120 hộ** tham gia\n\n- Thôn Lạc Nam\n- Thôn Xuân Hòa\n\n| Thôn | Số hộ |\n| --- | --- |\n| Lạc Nam | 70 |";
/** The article as the editing steps leave it: the text, the pasted part, a photo. */
export const fullBody = (photo) => `${FIRST}\n\n${PASTED}\n\n![Hội nghị chi bộ tháng 11](${photo})`;
