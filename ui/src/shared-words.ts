// What the screen says about the shared library (Thư viện chung): which
// library is open, for the status bar, and what a copy did. Pure, so Vitest
// checks the sentences.
import type { Pushed, SharedStatus } from "./api";

/** "nguyen_thi_lan@may-chu" out of "postgresql://nguyen_thi_lan@may-chu:5432/bantin". */
export function shortAddress(address: string): string {
  const m = /^postgres(?:ql)?:\/\/([^@/]*)@(\[[^\]]+\]|[^:/]+)/.exec(address);
  return m ? `${m[1]}@${m[2]}` : address;
}

/** The status bar's words for the library open now, and its switch button. */
export function libraryLabel(s: SharedStatus): { text: string; title: string; button: string } {
  if (s.shared)
    return {
      text: `Thư viện chung: ${shortAddress(s.address)}`,
      title: `Đang làm việc trên thư viện chung ${s.address}. Thư viện trong máy: ${s.local_path}`,
      button: "Về thư viện trong máy",
    };
  return {
    text: `Thư viện: ${s.address}`,
    title: `Thư viện trong máy: ${s.address}`,
    button: s.saved ? "Dùng thư viện chung" : "Thư viện chung…",
  };
}

/** One sentence for what "Chuyển lên" did. */
export function pushSummary(results: Pushed[]): string {
  const sent = results.filter((r) => r.sent > 0);
  const already = results.length - sent.length;
  const revisions = sent.reduce((n, r) => n + r.sent, 0);
  const parts: string[] = [];
  if (sent.length) parts.push(`Đã chuyển ${sent.length} bài (${revisions} phiên bản) lên thư viện chung`);
  if (already) parts.push(`${already} bài đã có sẵn ở đó, không chuyển lại`);
  return parts.length ? parts.join("; ") + "." : "Chưa chọn bài nào.";
}

/** The form's numbers and words as the core wants them, or what to fix. */
export function checkForm(host: string, port: string, database: string, user: string): string | null {
  if (!host.trim()) return "Hãy nhập địa chỉ máy chủ (ví dụ may-chu hoặc 192.168.1.10).";
  const n = Number(port.trim() || "5432");
  if (!Number.isInteger(n) || n < 1 || n > 65535) return "Cổng là một số từ 1 đến 65535 (thường là 5432).";
  if (!database.trim()) return "Hãy nhập tên cơ sở dữ liệu (quản trị đã cho biết, thường là bantin).";
  if (!user.trim()) return "Hãy nhập tên đăng nhập.";
  return null;
}
