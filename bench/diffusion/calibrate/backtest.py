#!/usr/bin/env python3
"""Back-test of `duckweed diffuse calibrate` on the Covenant of Mayors signatories.

Fits up to 2012 and up to 2015, forecasts to 2023, and compares the cumulative count per year with
what happened, for the hazard model (best by AIC, 90 % interval) and for Bass. Two candidate
populations:
  file   the whole file (every town that signed by 2023 is a candidate; rows after the fit year
         keep only their country: the set of candidates itself looks ahead);
  store  the file cut at the fit year plus the store's places of the same countries (no look-ahead).
Also times the full calibration (store candidates, fit 2015, forecast 2023) on one thread.

Usage: backtest.py BIN DB COVENANT_CSV OUT_JSON   (prints a Markdown table)
"""
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

GROUPS = "coordinator_name,supporter_name,country_code"


def calibrate(bin_, db, path, fit, candidates):
    cmd = [bin_, "--db", db, "--json", "diffuse", "calibrate", "--adoptions", path,
           "--group-columns", GROUPS, "--fit-until", str(fit), "--forecast-until", "2023",
           "--candidates", candidates]
    env = dict(os.environ, OMP_NUM_THREADS="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    record = json.loads(out)
    record["cpu_seconds"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    record["wall_seconds"] = time.time() - start
    return record


def main():
    bin_, db, covenant, out_json = sys.argv[1:5]
    with open(covenant, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    observed = {}
    for r in rows:
        y = int(r["date_of_adhesion"][:4])
        observed[y] = observed.get(y, 0) + 1
    cumulative = {y: sum(c for yy, c in observed.items() if yy <= y) for y in range(2008, 2024)}
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for fit in (2012, 2015):
            cut = os.path.join(tmp, f"covenant_to_{fit}.csv")
            with open(cut, "w", newline="", encoding="utf-8") as f:
                w = csv.DictWriter(f, fieldnames=rows[0].keys())
                w.writeheader()
                w.writerows(r for r in rows if int(r["date_of_adhesion"][:4]) <= fit)
            for candidates, path in (("file", covenant), ("store", cut)):
                rec = calibrate(bin_, db, path, fit, candidates)
                bass = {b["year"]: b["cumulative"] for b in rec["bass_forecast"]}
                for f in rec["forecast"]:
                    y = f["year"]
                    results.append({
                        "fit_until": fit, "candidates": candidates, "year": y,
                        "observed": cumulative[y], "hazard": f["cumulative"], "lo": f["lo"],
                        "hi": f["hi"], "bass": bass[y], "best_model": rec["best_model"],
                        "memory": rec["memory"], "towns": rec["candidates"]["towns"],
                        "cpu_seconds": rec["cpu_seconds"], "lr": rec["lr_test"]["statistic"]})
    with open(out_json, "w") as f:
        json.dump(results, f, indent=1)
    print("| fit to | candidates | year | observed | hazard (90 % interval) | error | Bass | error |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        e_h = 100 * (r["hazard"] - r["observed"]) / r["observed"]
        e_b = 100 * (r["bass"] - r["observed"]) / r["observed"]
        print(f"| {r['fit_until']} | {r['candidates']} ({r['towns']:,} towns, memory {r['memory']}) "
              f"| {r['year']} | {r['observed']:,} | {r['hazard']:,.0f} ({r['lo']:,.0f}-{r['hi']:,.0f}) "
              f"| {e_h:+.1f} % | {r['bass']:,.0f} | {e_b:+.1f} % |")
    print()
    for fit in (2012, 2015):
        for candidates in ("file", "store"):
            r = [x for x in results if x["fit_until"] == fit and x["candidates"] == candidates][-1]
            print(f"fit to {fit}, {candidates}: calibration + forecast {r['cpu_seconds']:.1f} s CPU "
                  f"(one thread), LR {r['lr']:.0f}; 2023 within 10 %: hazard "
                  f"{'yes' if abs(r['hazard'] - r['observed']) <= 0.1 * r['observed'] else 'no'}, "
                  f"Bass {'yes' if abs(r['bass'] - r['observed']) <= 0.1 * r['observed'] else 'no'}")


if __name__ == "__main__":
    main()
