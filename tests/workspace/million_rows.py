#!/usr/bin/env python3
"""A 1,000,000-row figures CSV imported into a fresh workspace with bounded
memory (issue 14; label bench: reported, memory checked, time not asserted).

usage: million_rows.py JINMAP REFERENCE_DB [ROWS]"""
import os
import resource
import subprocess
import sys
import tempfile
import time

LIMIT_MB = 512


def main(jinmap, reference, rows=1000000):
    with tempfile.TemporaryDirectory(prefix="jinmap-1m-") as d:
        csv = os.path.join(d, "figures.csv")
        towns = ["太谷玛钢专业镇", "云州大同黄花专业镇", "祁县玻璃器皿专业镇"]
        with open(csv, "w", encoding="utf-8") as f:
            f.write("专业镇,指标,数值,单位,年份,口径,来源\n")
            for i in range(rows):
                f.write("%s,测试指标%d,%d,万元,2024,本镇,手工录入\n" % (towns[i % 3], i, i + 1))
        ws = os.path.join(d, "ws.sqlite")
        subprocess.run([jinmap, "workspace", "init", ws, "--from", reference], check=True,
                       stdout=subprocess.DEVNULL)
        start = time.monotonic()
        run = subprocess.run([jinmap, "--db", ws, "import", csv], capture_output=True, text=True)
        elapsed = time.monotonic() - start
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(run.stdout.strip())
        print("progress lines: %d" % run.stderr.count("import: "))
        print("%d rows in %.1f s, max RSS %.0f MB (limit %d MB)" % (rows, elapsed, rss_mb, LIMIT_MB))
        if run.returncode != 0:
            print(run.stderr)
            return 1
        if ("%d added" % rows) not in run.stdout or "(100%)" not in run.stderr:
            return 1
        return 0 if rss_mb < LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:])))
