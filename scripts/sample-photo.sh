#!/usr/bin/env bash
# Draws assets/sample/hoi-nghi.jpg, the sample article's illustration (our
# own drawing, no photo of unknown licence): 1600 × 1067 px, so it prints
# above 150 dpi across a 170 mm measure (the article template), which the
# image rule anh-do-phan-giai-thap asks of a photo.
# Needs ImageMagick 6 and Liberation Sans Bold (fonts-liberation2).
set -euo pipefail
out=${1:-"$(dirname "$0")/../assets/sample/hoi-nghi.jpg"}
font=${BANTIN_SAMPLE_FONT:-/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf}
w=1600 h=1067
draw=(-fill '#9b1c1f' -draw "rectangle 200,117 1401,318")
for k in 0 1 2 3 4; do
  x=$((367 + k * 200))
  draw+=(-fill '#5a4636' -draw "circle $x,600 $x,541")
  draw+=(-fill '#2f4f6d' -draw "rectangle $((x - 59)),658 $((x + 59)),702")
done
draw+=(-fill '#7a5a3c' -draw "rectangle 233,700 1368,785")
convert -size ${w}x${h} gradient:'#f4ece3'-'#d9ccb6' "${draw[@]}" \
  -font "$font" -fill '#f5d36b' -pointsize 74 -gravity north -annotate +0+168 'HỘI NGHỊ VĂN HÓA CÔNG SỞ' \
  -fill '#4a3b2c' -pointsize 40 -gravity north -annotate +0+918 'Tranh minh họa — Bản Tin' \
  -strip -sampling-factor 4:2:0 -quality 85 "$out"
