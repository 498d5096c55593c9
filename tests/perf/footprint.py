#!/usr/bin/env python3
"""Footprint benchmark of the desktop app (issue: light on old office PCs).

Starts an empty Tauri 2 window (examples/empty_window.rs, the floor) and Bản
Tin with a 1,000-article library open on a 5,000-word article, each a few
times under the same X server, and reports for each: time until its page
has loaded, and memory as the proportional set size (PSS) of the app and
all its WebKit processes, summed from /proc/PID/smaps_rollup once settled.

usage (from the repository root, after `cargo build --release -p bantin -p bantin-app --bins --example empty_window`):
    xvfb-run -a --server-args="-screen 0 1366x768x24" python3 tests/perf/footprint.py
The binaries are taken from $CARGO_TARGET_DIR (else ./target), profile
$BANTIN_PROFILE (release unless set, e.g. debug).
"""
import os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REL = os.path.join(os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), os.environ.get("BANTIN_PROFILE", "release"))
RUNS = 3
SETTLE_S = 4.0


def descendants(pid):
    kids = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(p))
            except (OSError, ValueError, IndexError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def pss_mb(pid):
    total = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def measure(cmd, env):
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    loaded = None
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith("page-loaded-ms"):
            loaded = int(line.split()[1])
            break
    time.sleep(SETTLE_S)
    mem = pss_mb(proc.pid)
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    if loaded is None:
        sys.exit(f"{cmd[0]} never reported its page loaded")
    return loaded, mem


def main():
    work = tempfile.mkdtemp(prefix="bantin-footprint-")
    lib = os.path.join(work, "bench", "thu-vien.bantin")
    # 1,000 articles of ~800 words, then one of 5,000 words, saved last so the
    # app opens it in the editor.
    subprocess.run([os.path.join(REL, "bantin"), "bench", "--articles", "1000", "--keep", os.path.join(work, "bench")], check=True, stdout=subprocess.DEVNULL)
    para = "Chi bộ đã quán triệt Nghị quyết về xây dựng văn hóa công sở đến từng đảng viên, cán bộ, công chức; mỗi người phải gương mẫu trong ứng xử với Nhân dân. "
    long_md = os.path.join(work, "bai-dai.md")
    with open(long_md, "w", encoding="utf-8") as f:
        f.write("# Bài viết dài 5.000 từ\n\n" + "\n\n".join([para * 5] * 34) + "\n")
    subprocess.run([os.path.join(REL, "bantin"), "--library", lib, "import", long_md], check=True, stdout=subprocess.DEVNULL)

    env = dict(os.environ, BANTIN_LIBRARY=lib, BANTIN_EXPORT_DIR=os.path.join(work, "xuat"), BANTIN_REPORT_LOAD="1")
    env.pop("WEBKIT_DISABLE_DMABUF_RENDERER", None)
    # Bản Tin turns WebKitGTK's DMA-BUF renderer off for itself (main.rs);
    # the floor is measured both as Tauri ships it and with the same setting,
    # so the comparison is like for like.
    light = dict(env, WEBKIT_DISABLE_DMABUF_RENDERER="1")
    floor = [measure([os.path.join(REL, "examples", "empty_window")], env) for _ in range(RUNS)]
    floor_light = [measure([os.path.join(REL, "examples", "empty_window")], light) for _ in range(RUNS)]
    app = [measure([os.path.join(REL, "bantin-app")], env) for _ in range(RUNS)]
    med = lambda xs, i: statistics.median(x[i] for x in xs)
    f_t, f_m, a_t, a_m = med(floor, 0), med(floor, 1), med(app, 0), med(app, 1)
    l_t, l_m = med(floor_light, 0), med(floor_light, 1)
    print(f"empty Tauri window, as Tauri ships it: page loaded {f_t:.0f} ms, {f_m:.0f} MB PSS (median of {RUNS})")
    print(f"empty Tauri window, DMA-BUF renderer off like Bản Tin: page loaded {l_t:.0f} ms, {l_m:.0f} MB PSS")
    print(f"Bản Tin, 1,000 articles, 5,000-word article open: page loaded {a_t:.0f} ms, {a_m:.0f} MB PSS")
    print(f"over the like-for-like floor: +{a_t - l_t:.0f} ms (target ≤ 500), +{a_m - l_m:.0f} MB (target ≤ 80)")
    print(f"over the empty window as Tauri ships it: {a_t - f_t:+.0f} ms, {a_m - f_m:+.0f} MB")


main()
