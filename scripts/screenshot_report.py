"""Open a report's index.html in headless Chromium and save a screenshot (the report's picture in the docs).

    python scripts/screenshot_report.py REPORT_DIR [--out docs/report-china/index.png] [--size 1400,2400]

REPORT_DIR is a folder written by ``batteryplan report`` (or its index.html). Needs Debian's ``chromium``
(``apt-get install -y chromium``). The screenshot is re-encoded as an indexed-colour PNG (Pillow, which
matplotlib already needs) to keep it small; ``--max-kb`` bounds its size by scaling it down if needed.
Exits 2 when Chromium is missing, 1 when it writes no screenshot.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars")


def find_chromium(explicit: str | None = None) -> str | None:
    for c in ([explicit] if explicit else []) + ["/usr/bin/chromium", "chromium", "chromium-browser"]:
        path = shutil.which(c) if c else None
        if path:
            return path
    return None


def screenshot(index: Path, out: Path, size: tuple[int, int] = (1400, 2400), chromium: str | None = None,
               timeout_s: float = 120.0) -> Path:
    """Render `index` (a local HTML file) to the PNG `out` with headless Chromium; returns `out`."""
    exe = find_chromium(chromium)
    if exe is None:
        raise FileNotFoundError("Chromium not found; install it with 'apt-get install -y chromium'")
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    with tempfile.TemporaryDirectory(prefix="bp-chromium-") as profile:
        cmd = [exe, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={out}",
               f"--window-size={size[0]},{size[1]}", Path(index).resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, check=False)
    if not out.is_file() or out.stat().st_size == 0:
        raise RuntimeError(f"Chromium wrote no screenshot (exit {proc.returncode}): {proc.stderr[-2000:]}")
    return out


def shrink(png: Path, max_kb: float) -> Path:
    """Re-encode `png` with a 256-colour palette, halving its scale until it is under `max_kb`."""
    from PIL import Image
    img = Image.open(png).convert("RGB")
    scale = 1.0
    while True:
        im = img if scale == 1.0 else img.resize((int(img.width * scale), int(img.height * scale)), Image.LANCZOS)
        im.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(png, optimize=True)
        if png.stat().st_size <= max_kb * 1024 or scale < 0.3:
            return png
        scale *= 0.8


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path, help="report folder or its index.html")
    ap.add_argument("--out", type=Path, default=Path("docs/report-china/index.png"),
                    help="PNG file to write")
    ap.add_argument("--size", default="1400,2400", help="window WIDTH,HEIGHT in pixels")
    ap.add_argument("--chromium", default=None, help="Chromium executable (default: /usr/bin/chromium)")
    ap.add_argument("--max-kb", type=float, default=150.0, help="size bound of the saved PNG (0: keep as is)")
    args = ap.parse_args(argv)
    index = args.report / "index.html" if args.report.is_dir() else args.report
    if not index.is_file():
        print(f"no index.html at {index}", file=sys.stderr)
        return 1
    w, h = (int(v) for v in args.size.split(","))
    try:
        out = screenshot(index, args.out, (w, h), args.chromium)
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if args.max_kb > 0:
        shrink(out, args.max_kb)
    print(f"{out} ({out.stat().st_size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
