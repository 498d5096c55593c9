#!/bin/sh
# Re-creates the .docx fixtures of the Word import tests from our own sample
# articles, with pandoc and LibreOffice (the two writers of .docx we can run
# here; Word itself writes the same XML vocabulary).
#   apt-get install -y --no-install-recommends pandoc libreoffice-writer-nogui
set -eu
here=$(cd "$(dirname "$0")" && pwd)
samples=$(cd "$here/../../../../assets/sample" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. pandoc: an article with a title, headings, a list, a table, a footnote
#    and a photo.
(cd "$samples" && pandoc -f markdown -t docx -o "$here/pandoc-bai-viet.docx" 01-van-hoa-cong-so.md)

# 2. LibreOffice: the report (numbered list, headings), via pandoc's ODT so
#    that LibreOffice writes the .docx itself.
(cd "$samples" && pandoc -f markdown -t odt -o "$work/libreoffice-bao-cao.odt" 02-bao-cao-van-hoa-cong-so.md)

# 3. Old encodings: runs set in .VnTime (TCVN3, "ư" as U+00AD), .VnTimeH
#    (capitals) and VNI-Times, as an editor's archive file has them.
cat > "$work/tcvn3.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<p><span style="font-family:'.VnTimeH'">b¸o c¸o</span></p>
<p><span style="font-family:'.VnTime'">T¨ng c&#173;êng c«ng t¸c d©n vËn ë c¬ së.</span> Unicode text stays.</p>
</body></html>
HTML
cat > "$work/vni.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<p><span style="font-family:'VNI-Times'">Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam</span></p>
<p><span style="font-family:'VNI-Times'">Taêng cöôøng coâng taùc daân vaän ôû cô sôû.</span></p>
</body></html>
HTML

# 4. A report whose header blocks are a Word table, as offices type them.
cat > "$work/bao-cao-bang-dau.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<table><tr><td><p>ĐẢNG BỘ XÃ XUÂN HỒNG</p><p>CHI BỘ CƠ QUAN</p><p>Số 12-BC/CB</p></td>
<td><p>ĐẢNG CỘNG SẢN VIỆT NAM</p><p>Xuân Hồng, ngày 24 tháng 11 năm 2026</p></td></tr></table>
<h1>Báo cáo kết quả xây dựng văn hóa công sở</h1>
<p>Chi bộ báo cáo kết quả thực hiện năm 2026 như sau.</p>
</body></html>
HTML

# 5. Underline (Ctrl+U in Word): LibreOffice from HTML, underline alone, with
#    bold and italic, across words, and a link (LibreOffice underlines links
#    through its "Internet Link" style: that underline is the link's look);
#    pandoc from Markdown (`[…]{.underline}` is pandoc's underline), with a
#    link whose text pandoc also underlines.
cat > "$work/gach-chan.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<h1>Gạch chân</h1>
<p>Chi bộ <u>đã họp đủ</u> và <b><u>thống nhất</u></b> <i>cao <u>độ</u></i>, xem <a href="https://xuanhong.gov.vn/">cổng thông tin</a> hoặc <a href="https://x.vn/"><u>trang xã</u></a>.</p>
</body></html>
HTML
cat > "$work/gach-chan-pandoc.md" <<'MD'
# Gạch chân

Nghị quyết [được ban hành]{.underline} ngày **[24]{.underline}** tại [trang](https://xuanhong.gov.vn/) và [*[trang]{.underline}*](https://x.vn/).
MD
pandoc -f markdown -t docx -o "$here/gach-chan-pandoc.docx" "$work/gach-chan-pandoc.md"

soffice --headless --convert-to docx --outdir "$here" "$work/libreoffice-bao-cao.odt" >/dev/null
soffice --headless --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' --outdir "$here" \
  "$work/tcvn3.html" "$work/vni.html" "$work/bao-cao-bang-dau.html" "$work/gach-chan.html" >/dev/null
ls -l "$here"/*.docx
