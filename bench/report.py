#!/usr/bin/env python3
"""Turns JMH JSON from the codec-jmh suites into a GB/s table (with ratios to ISA-L and Hadoop), a summary JSON and
an SVG chart; compares summaries of several CPUs side by side. Standard library only.

  report.py report  <results/<cpu-tag>> <profile>    reads jmh-<profile>.json and env-<profile>.json there, writes
                                                     <profile>.md, summary-<profile>.json, chart-<profile>.svg
  report.py compare <summary.json> [<summary.json> ...]   one GB/s column per file
  report.py tally [--min R] <summary.json> [<summary.json> ...]   our ratio to ISA-L per run, how many runs
                                                     reached R (default 1.5), the median over the runs, and
                                                     the runs in which every row reached R (runs in numeric
                                                     order of their file names)

Conventions (see codec-jmh's package-info): methods region / encode* / decode*; params code ("k+m") and shardSize
make one op k x shardSize bytes of data, param size makes it size bytes; param kernel names our kernel.
GB/s is 10^9 bytes of data per second. With several forks the value is the median of the per-fork means.
"""
import html
import json
import math
import os
import re
import signal
import statistics
import sys

OURS = {"EncodeBenchmark", "DecodeBenchmark", "RegionMultiplyBenchmark"}
OP_ORDER = {"encode": 0, "decode": 1, "region multiply": 2}


def human_size(n):
    n = int(n)
    if n % (1 << 20) == 0:
        return f"{n >> 20} MiB"
    if n % (1 << 10) == 0:
        return f"{n >> 10} KiB"
    return f"{n} B"


def isal_label(env):
    text = env.get("isal", "ISA-L")
    parts = text.split(" ")
    if env.get("isal.available") and len(parts) > 1 and parts[0] == "ISA-L" and parts[1][:1].isdigit():
        return "ISA-L " + parts[1]
    return "ISA-L"


def classify(entry, env):
    """(implementation, op, config, sort key, bytes per op) for one JMH result."""
    full = entry["benchmark"]
    cls, method = full.split(".")[-2], full.split(".")[-1]
    p = dict(entry.get("params", {}))
    kernel = p.get("kernel")
    if "cellSize" in p and "shardSize" not in p:
        p["shardSize"] = p["cellSize"]  # HadoopCoderBenchmark's name for it
    if cls == "HadoopCoderBenchmark" and "code" in p:
        # decode erases the first m data cells, decodeOne only cell 0: the same shapes as our lost = m / lost = 1
        if method == "decode":
            p["lost"] = p["code"].split("+")[1]
        elif method == "decodeOne":
            p["lost"] = "1"
    if cls in OURS:
        impl = f"ours {kernel}"
        if method == "encodeDirect":
            impl += " (direct)"
        elif method == "encodeAlignedDirect":
            impl += " (aligned direct)"  # 64-byte-aligned direct buffers, the alignment ISA-L's shards have
    elif cls.startswith("Isal"):
        impl = isal_label(env)
        if p.get("isalKernel", "auto") != "auto":
            impl += f" {p['isalKernel']} kernel"  # one of ISA-L's per-ISA kernels, called directly
    elif cls.startswith("HadoopRaw"):
        impl = "Hadoop RS (Java)"
    elif cls == "MemoryBoundBenchmark":
        # not a coder: k loads + m stores per position, XOR only, the fewest accesses an encoder needs
        impl = "memory bound, no arithmetic" + (" (aligned direct)" if method == "encodeAlignedDirect" else "")
    elif cls == "ScalarBaselineBenchmark":
        # the classic Java table loop (Backblaze JavaReedSolomon's default coding loop) vs our scalar kernel
        impl = "Java Backblaze-style loop" if method == "backblazeLoop" else f"ours scalar ({method})"
        method = "encode"
    elif cls == "HadoopCoderBenchmark":
        # codec-hadoop's suite: our coder (rs_ourstorage) and Hadoop's (rs_java) behind Hadoop's coder SPI
        impl = f"Hadoop SPI {p.get('coder', '?')} ({p.get('buffers', 'heap')})"
    else:
        impl = cls.removesuffix("Benchmark") + (f" {kernel}" if kernel else "") + f".{method}"
    if method.startswith("encode"):
        op = "encode"
    elif method.startswith("decode"):
        op = "decode"  # decode, decodeOne
    elif method.startswith("region"):
        op = "region multiply"
    else:
        op = method
    if "code" in p and "shardSize" in p:
        k, m = (int(x) for x in p["code"].split("+"))
        size = int(p["shardSize"])
        bytes_per_op = k * size
        config = f"{p['code']} {human_size(size)}"
        key = (size, k + m, k)
        if "lost" in p:
            config = f"{p['code']} lost {p['lost']} {human_size(size)}"
            key = (size, k + m, k, int(p["lost"]))
    elif "size" in p:
        size = int(p["size"])
        bytes_per_op = size
        config = human_size(size)
        key = (size,)
    else:
        bytes_per_op = None
        config = ", ".join(f"{a}={b}" for a, b in sorted(p.items()) if a != "kernel") or "-"
        key = (0,)
    if cls in ("CodecBenchmark", "IntegrityBenchmark"):
        # not GF(2^8) coding throughput: listed in ops/s under "other suites"
        impl, op, bytes_per_op = cls.removesuffix("Benchmark") + "." + method, "other suites", None
        config = ", ".join(f"{a}={b}" for a, b in sorted(p.items())) or "-"
    return impl, op, config, key, bytes_per_op


def impl_rank(impl):
    if impl.startswith("ISA-L"):
        return (0, impl)
    if impl.startswith("Hadoop RS"):
        return (1, impl)
    if impl.startswith("Java Backblaze"):
        return (2, impl)
    if impl.startswith("Hadoop"):
        return (4, impl)
    if impl.startswith("ours scalar"):
        return (3, impl)
    if impl.startswith("memory bound"):
        return (6, impl)  # the memory-bound stream last, below the coders: a reference row, not a coder
    return (5, impl)


def summarise(jmh, env, profile):
    rows = []
    for e in jmh:
        impl, op, config, key, bpo = classify(e, env)
        pm = e["primaryMetric"]
        unit = pm.get("scoreUnit", "ops/s")
        if unit != "ops/s":
            continue
        raw = pm.get("rawData") or [[pm["score"]]]
        fork_means = [statistics.fmean(f) for f in raw if f]
        ops = statistics.median(fork_means) if len(fork_means) >= 3 else pm["score"]
        err = pm.get("scoreError")
        err = err if isinstance(err, (int, float)) and math.isfinite(err) else None
        rows.append({
            "op": op, "config": config, "impl": impl, "sortKey": list(key),
            "gbps": ops * bpo / 1e9 if bpo else None,
            "errorGbps": (err * bpo / 1e9) if err is not None and bpo else None,
            "opsPerSecond": ops, "bytesPerOp": bpo, "forks": len(fork_means),
            "benchmark": e["benchmark"], "params": e.get("params", {}),
        })
    index = {(r["op"], r["config"], r["impl"]): r for r in rows}
    isal = isal_label(env)
    for r in rows:
        i = index.get((r["op"], r["config"], isal))
        h = index.get((r["op"], r["config"], "Hadoop RS (Java)"))
        ok = r["gbps"] is not None
        r["vsIsal"] = r["gbps"] / i["gbps"] if i and ok else None
        r["vsHadoop"] = r["gbps"] / h["gbps"] if h and ok else None
    rows.sort(key=lambda r: (OP_ORDER.get(r["op"], 9), r["sortKey"], r["config"], impl_rank(r["impl"])))
    return {"schema": "our-storage-bench/1", "profile": profile, "env": env, "rows": rows}


def fmt(x, digits=2):
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.{digits}f}"


def env_lines(env, profile):
    lines = [
        f"- profile: `{profile}`; CPU tag: `{env.get('cpuTag')}`",
        f"- CPU: {env.get('cpu.model')} ({env.get('cpu.processors')} processors), flags: {env.get('cpu.flags')}"
        + (f"; family {env.get('cpu.family')} model {env.get('cpu.modelNumber')}"
           f" ({env.get('cpu.microarchitecture')})" if 'cpu.family' in env else "")
        + ("; a virtual machine: family and model are what its hypervisor presents"
           if env.get('cpu.virtualized') else ""),
        f"- JVM: {env.get('jvm')} ({env.get('jvm.vendor')}); flags: `{env.get('jvm.args')}`",
        f"- selected kernel: {env.get('kernel')} ({env.get('kernel.vectorBits')}-bit); "
        f"candidates: {env.get('kernel.candidates')}",
        f"- {env.get('isal')}",
        f"- {env.get('hadoop')}",
    ]
    for k in env.get("kernels", []):
        if not k.get("usable"):
            lines.append(f"- kernel {k['name']} skipped: {k.get('unavailableReason')}")
    if not env.get("isal.available", False):
        lines.append("- **ISA-L: not installed** — its rows are missing; ratios to ISA-L are blank")
    return lines


def markdown(summary):
    env, rows, profile = summary["env"], summary["rows"], summary["profile"]
    out = [f"## Codec benchmarks: {profile} on {env.get('cpuTag')}", ""] + env_lines(env, profile) + [""]
    out.append("GB/s = 10^9 bytes of data (k × shard size) per second, one thread.")
    out.append("")
    # Pivot per operation: implementation x configuration.
    other = [r for r in rows if r["gbps"] is None]
    rows = [r for r in rows if r["gbps"] is not None]
    for op in sorted({r["op"] for r in rows}, key=lambda o: OP_ORDER.get(o, 9)):
        oprows = [r for r in rows if r["op"] == op]
        configs = []
        for r in oprows:
            if r["config"] not in configs:
                configs.append(r["config"])
        impls = sorted({r["impl"] for r in oprows}, key=impl_rank)
        cell = {(r["impl"], r["config"]): r for r in oprows}
        out.append(f"### {op} (GB/s)")
        out.append("")
        out.append("| implementation | " + " | ".join(configs) + " |")
        out.append("|---|" + "---:|" * len(configs))
        for impl in impls:
            out.append(f"| {impl} | " + " | ".join(fmt(cell[(impl, c)]["gbps"]) if (impl, c) in cell else "–"
                                                  for c in configs) + " |")
        out.append("")
    out.append("### All results with ratios")
    out.append("")
    out.append("| operation | configuration | implementation | GB/s | ± | × ISA-L | × Hadoop |")
    out.append("|---|---|---|---:|---:|---:|---:|")
    for r in rows:
        out.append(f"| {r['op']} | {r['config']} | {r['impl']} | {fmt(r['gbps'])} | {fmt(r['errorGbps'])} "
                   f"| {fmt(r['vsIsal'])} | {fmt(r['vsHadoop'])} |")
    out.append("")
    if other:
        out.append("### Other suites (ops/s)")
        out.append("")
        out.append("| suite | parameters | ops/s |")
        out.append("|---|---|---:|")
        for r in other:
            out.append(f"| {r['impl']} | {r['config']} | {r['opsPerSecond']:.4g} |")
        out.append("")
    return "\n".join(out)


PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf"]


def svg(summary):
    """Grouped horizontal bars on a log scale (Hadoop and the vector kernels differ by ~100x)."""
    env, rows = summary["env"], summary["rows"]
    rows = [r for r in rows if r["gbps"] is not None and r["gbps"] > 0]
    impls = sorted({r["impl"] for r in rows}, key=impl_rank)
    colour = {impl: PALETTE[i % len(PALETTE)] for i, impl in enumerate(impls)}
    groups = []
    for r in rows:
        g = (r["op"], r["config"])
        if not groups or groups[-1][0] != g:
            groups.append((g, []))
        groups[-1][1].append(r)
    bar, gap, left, width, top = 12, 10, 230, 560, 92
    lo = 10 ** math.floor(math.log10(min(r["gbps"] for r in rows))) if rows else 0.1
    hi = 10 ** math.ceil(math.log10(max(r["gbps"] for r in rows))) if rows else 100
    if hi <= lo:
        hi = lo * 10

    def x(v):
        return left + width * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    height = top + sum(len(g[1]) * bar + gap for g in groups) + 30 + 16 * ((len(impls) + 2) // 3)
    total_w = left + width + 90
    e = html.escape
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{height}" '
             f'font-family="sans-serif" font-size="11">',
             f'<rect width="100%" height="100%" fill="white"/>',
             f'<text x="10" y="18" font-size="14" font-weight="bold">our-storage codec benchmarks, '
             f'{e(summary["profile"])}: GB/s of data, one thread (log scale)</text>',
             f'<text x="10" y="36">{e(str(env.get("cpu.model")))} · {e(str(env.get("cpu.flags")))}</text>',
             f'<text x="10" y="52">{e(str(env.get("jvm")))} · JVM flags: {e(str(env.get("jvm.args")))}</text>',
             f'<text x="10" y="68">kernel {e(str(env.get("kernel")))} ({e(str(env.get("kernel.vectorBits")))}-bit)'
             f' · {e(str(env.get("isal")))} · {e(str(env.get("hadoop")))}</text>']
    decade = lo
    while decade <= hi * 1.0001:
        gx = x(decade)
        parts.append(f'<line x1="{gx:.1f}" y1="{top - 8}" x2="{gx:.1f}" y2="{height - 40 - 16 * ((len(impls) + 2) // 3) + 10}" '
                     f'stroke="#ccc"/>')
        parts.append(f'<text x="{gx:.1f}" y="{top - 11}" text-anchor="middle" fill="#555">{decade:g}</text>')
        decade *= 10
    y = top
    for (op, config), members in groups:
        parts.append(f'<text x="{left - 6}" y="{y + len(members) * bar / 2 + 4:.1f}" text-anchor="end">'
                     f'{e(op)} {e(config)}</text>')
        for r in members:
            w = max(1.0, x(r["gbps"]) - left)
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 2}" fill="{colour[r["impl"]]}">'
                         f'<title>{e(r["impl"])}: {fmt(r["gbps"])} GB/s</title></rect>')
            parts.append(f'<text x="{left + w + 4:.1f}" y="{y + bar - 3}" fill="#333">{fmt(r["gbps"])}</text>')
            y += bar
        y += gap
    y += 14
    for i, impl in enumerate(impls):
        lx, ly = 10 + (i % 3) * 290, y + (i // 3) * 16
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{colour[impl]}"/>')
        parts.append(f'<text x="{lx + 14}" y="{ly}">{e(impl)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def report(folder, profile):
    with open(os.path.join(folder, f"jmh-{profile}.json")) as fh:
        jmh = json.load(fh)
    env_path = os.path.join(folder, f"env-{profile}.json")
    env = {}
    if os.path.exists(env_path):
        with open(env_path) as fh:
            env = json.load(fh)
    summary = summarise(jmh, env, profile)
    md = markdown(summary)
    with open(os.path.join(folder, f"{profile}.md"), "w") as fh:
        fh.write(md)
    with open(os.path.join(folder, f"summary-{profile}.json"), "w") as fh:
        json.dump(summary, fh, indent=2)
    with open(os.path.join(folder, f"chart-{profile}.svg"), "w") as fh:
        fh.write(svg(summary))
    print(md)
    if not summary["rows"]:
        print("(no results: every benchmark failed or was skipped; see the JMH output above)")
    print(f"wrote {folder}/{profile}.md, summary-{profile}.json, chart-{profile}.svg, jmh-{profile}.json")


def row_keys(summaries, keep=lambda row: True):
    """(operation, configuration, implementation) of every kept row, in first-seen order."""
    keys = []
    for s in summaries:
        for r in s["rows"]:
            k = (r["op"], r["config"], r["impl"])
            if keep(r) and k not in keys:
                keys.append(k)
    return keys


def by_row(summary, field):
    return {(r["op"], r["config"], r["impl"]): r.get(field) for r in summary["rows"]}


def load_summaries(paths):
    summaries = []
    for p in paths:
        with open(p) as fh:
            summaries.append(json.load(fh))
    return summaries


def compare(paths):
    summaries = load_summaries(paths)
    names = [f"{s['env'].get('cpuTag', p)} ({s['profile']})" for s, p in zip(summaries, paths)]
    keys = row_keys(summaries)
    cells = [by_row(s, "gbps") for s in summaries]
    print("| operation | configuration | implementation | " + " | ".join(names) + " |")
    print("|---|---|---|" + "---:|" * len(names))
    for k in keys:
        print(f"| {k[0]} | {k[1]} | {k[2]} | " + " | ".join(fmt(c.get(k)) for c in cells) + " |")


def mark(v, minimum):
    """A ratio for the tally: bold below the minimum, with three decimals where two would round up to it."""
    if v is None:
        return "–"
    if v >= minimum:
        return f"{v:.2f}×"
    return f"**{v:.3f}×**" if round(v, 2) >= minimum else f"**{v:.2f}×**"


def tally(paths, minimum=1.5):
    """Ratio to ISA-L of every row of ours, one column per summary (run), then runs >= minimum and the median.

    One passing run says little on a noisy machine; this is the view across runs that a hard target needs. The last
    line names the runs in which every row reached the minimum (a row missing from a run counts as not reached)."""
    # Runs in numeric order, so that a shell glob puts gate-10 after gate-9, not after gate-1.
    paths = sorted(paths, key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p)])
    summaries = load_summaries(paths)
    names = [os.path.basename(p).removeprefix("summary-").removesuffix(".json") for p in paths]
    keys = row_keys(summaries, lambda r: r["impl"].startswith("ours") and r.get("vsIsal") is not None)
    ratios = [by_row(s, "vsIsal") for s in summaries]
    print("| operation | configuration | implementation | " + " | ".join(names)
          + f" | runs ≥ {minimum:g}× | median |")
    print("|---|---|---|" + "---:|" * (len(names) + 2))
    for k in keys:
        values = [c.get(k) for c in ratios]
        present = [v for v in values if v is not None]
        cells = [mark(v, minimum) for v in values]
        passed = sum(v >= minimum for v in present)
        print(f"| {k[0]} | {k[1]} | {k[2]} | " + " | ".join(cells)
              + f" | {passed} of {len(present)} | {mark(statistics.median(present), minimum)} |")
    # A hard target holds in a run only if every row of that run holds: name those runs.
    whole = [n for n, c in zip(names, ratios) if all(c.get(k) is not None and c[k] >= minimum for k in keys)]
    print()
    print(f"Runs with every row ≥ {minimum:g}×: {len(whole)} of {len(names)}"
          + (f" ({', '.join(whole)})" if whole else "") + ".")


def main(argv):
    if len(argv) >= 3 and argv[0] == "report":
        report(argv[1], argv[2])
    elif len(argv) >= 2 and argv[0] == "compare":
        compare(argv[1:])
    elif len(argv) >= 4 and argv[0] == "tally" and argv[1] == "--min":
        try:
            minimum = float(argv[2])
        except ValueError:
            print(f"tally: --min takes a ratio such as 1.5, not {argv[2]!r}", file=sys.stderr)
            return 2
        tally(argv[3:], minimum)
    elif len(argv) >= 2 and argv[0] == "tally":
        tally(argv[1:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `report.py tally ... | head` ends quietly
    sys.exit(main(sys.argv[1:]))
