#!/usr/bin/env python3
"""Turns a Google Benchmark JSON file (run with --benchmark_repetitions=5) into the
tables of BENCHMARKS.md: medians, and the ratios the performance targets name.

usage: bench/report.py results.json
"""
import json
import sys


def main():
    data = json.load(open(sys.argv[1]))
    median = {}
    for b in data["benchmarks"]:
        if b.get("aggregate_name") == "median":
            median[b["run_name"]] = b
    def rate(name, key="items_per_second"):
        for run, b in sorted(median.items()):
            if run.startswith(name):
                return b[key], b
        raise KeyError(name)

    print("| benchmark | median time | rate |")
    print("|---|---|---|")
    for run, b in sorted(median.items()):
        per = b.get("items_per_second") or b.get("bytes_per_second")
        unit = "items/s" if "items_per_second" in b else "bytes/s"
        print(f"| `{run}` | {b['real_time']:.4g} {b['time_unit']} | {per / 1e6:.4g} M {unit} |")

    rehab, _ = rate("population/rehab/")
    threads, _ = rate("population/rehab_threads/")
    floor, _ = rate("population/reference_loop/")
    boost, _ = rate("population/boost_local_time/")
    ical, _ = rate("population/libical/")
    day12 = median["day_query/rehab/12"]["real_time"]
    day52 = median["day_query/rehab/52"]["real_time"]
    alf_rate, _ = rate("progression/replay/alfredson-eccentric")
    silb_rate, _ = rate("progression/replay/silbernagel-combined")
    load = median["protocol_file/load"]["real_time"]
    parse = median["protocol_file/parse_only"]["real_time"]
    rows = [
        ("population/rehab vs reference_loop", f"{100 * rehab / floor:.1f} %", ">= 25 %", rehab / floor >= 0.25),
        ("population/rehab vs boost_local_time", f"{rehab / boost:.0f}x", ">= 50x", rehab / boost >= 50),
        ("population/rehab vs libical", f"{rehab / ical:.0f}x", ">= 300x", rehab / ical >= 300),
        ("population/rehab_threads vs rehab", f"{threads / rehab:.2f}x", ">= 1.8x", threads / rehab >= 1.8),
        ("day_query/rehab, 12-week plan", f"{day12:.0f} ns", "<= 100 ns", day12 <= 100),
        ("day_query/rehab, 52-week plan", f"{day52:.0f} ns", "<= 100 ns", day52 <= 100),
        ("day_query 52-week / 12-week", f"{day52 / day12:.2f}x", "<= 1.2x", day52 / day12 <= 1.2),
        ("progression/replay alfredson, per logged session", f"{1e9 / alf_rate:.0f} ns", "<= 200 ns",
         1e9 / alf_rate <= 200),
        ("progression/replay silbernagel, per logged session", f"{1e9 / silb_rate:.0f} ns", "<= 200 ns",
         1e9 / silb_rate <= 200),
        ("protocol_file/load / parse_only", f"{load / parse:.2f}x", "<= 2x", load / parse <= 2),
    ]
    print()
    print("| target | measured | wanted | met |")
    print("|---|---|---|---|")
    for name, measured, wanted, met in rows:
        print(f"| {name} | {measured} | {wanted} | {'yes' if met else 'no'} |")


if __name__ == "__main__":
    main()
