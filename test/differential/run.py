#!/usr/bin/env python3
"""Differential test of the Interlude engine against binaryen's interpreter (README.md here).

For each of --count modules: seeded pseudo-random bytes -> `wasm-opt -ttf` (binaryen 108) -> a
valid module; the reference output is `wasm-opt --fuzz-exec-before`, ours is diff_driver (the
public engine API, fuel metering off). Outputs are compared line by line, results and trap kinds
exactly, except for the divergence classes listed in README.md. Modules under --regressions are
re-checked the same way. The last line is `N passed, M failed, K skipped`.
Exit status: 0 no failure, 1 a failure, 77 binaryen's wasm-opt is not installed.
"""
import argparse
import concurrent.futures
import math
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from collections import Counter

# Wasm 2.0 without SIMD, minus reference types: binaryen 108's reference-types generator emits
# typed function references ((ref $t), 0x6b) and funcref-as-anyref subtyping, not Wasm 2.0.
FEATURES = ["--mvp-features", "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
            "--enable-mutable-globals", "--enable-multivalue"]
MIN_INPUT, MAX_INPUT = 1, 20000  # bytes of random input handed to -ttf
# Passes run on the generated module, picked per module: binaryen's optimiser reshapes the code
# (br_table from if chains, select, merged locals, ...); both sides then run the optimised module.
PASSES = [[], [], ["-O2"], ["-Oz"], ["--fuzz-passes"]]
TIMEOUT = 60  # seconds per process; ttf modules carry hang limits, so this only catches a stuck tool

# binaryen 108 trap messages -> the engine's trap_message wording (the spec test suite's).
TRAPS = [
    (r"final > memory: \d+ > \d+|highest > memory: .*|offset > memory: .*"
     r"|out of bounds (memory|segment) access in memory\.(fill|copy|init)", "out of bounds memory access"),
    (r"callTable overflow|out of bounds table access", "out of bounds table access"),
    (r"uninitialized table element", "uninitialized element"),
    (r"callIndirect: .*", "indirect call type mismatch"),
    (r"i(32|64)\.(div|rem)_[su] by 0", "integer divide by zero"),
    (r"i(32|64)\.div_s overflow|i(32|64)\.trunc[SU]Float overflow", "integer overflow"),
    (r"trunc[SU]Float of nan", "invalid conversion to integer"),
    (r"unreachable", "unreachable"),
    (r"stack limit", "call stack exhausted"),
]
CLASS_NAN_BITS = "class 1, NaN sign/payload differs (values)"
CLASS_NAN_LEAK = "class 2, NaN bits reached a non-NaN value, equal in the other canonical_nan mode (modules)"
NAN_TOKEN = re.compile(r"-?nan(:0x[0-9a-f]+)?")


class Divergence(Exception):
    pass


def parse_line(line):
    """One output line -> (kind, name, values) with values a list of tokens."""
    if line.startswith("[fuzz-exec] calling "):
        return ("call", line[len("[fuzz-exec] calling "):], [])
    m = re.fullmatch(r"\[fuzz-exec\] note result: (.*) => (.*)", line)
    if m:
        v = m.group(2)
        return ("result", m.group(1), v[1:-1].split(", ") if v.startswith("(") else [v])
    m = re.fullmatch(r"\[LoggingExternalInterface logging(.*)\]", line)
    if m:
        return ("log", "", m.group(1).split())
    m = re.fullmatch(r"\[trap (.*)\]", line)
    if m:
        return ("trap", m.group(1), [])
    return ("other", line, [])


def reference_trap(message):
    for pattern, wording in TRAPS:
        if re.fullmatch(pattern, message):
            return wording
    raise Divergence(f"unmapped reference trap message: {message}")


def float_of_bits(kind, bits):
    return struct.unpack("<f", struct.pack("<I", bits))[0] if kind == "f32" else \
        struct.unpack("<d", struct.pack("<Q", bits))[0]


def same_value(ref, ours, stats):
    """Compares a reference token with a typed driver token (diff_driver's format). Any NaN equals
    any NaN (README.md, class 1); such pairs with different spellings are counted in `stats`."""
    kind, _, text = ours.partition(":")
    if kind in ("i32", "i64"):
        return re.fullmatch(r"-?\d+", ref) is not None and int(ref) == int(text)
    if kind in ("f32", "f64"):
        value = float_of_bits(kind, int(text, 16))
        if math.isnan(value):
            if NAN_TOKEN.fullmatch(ref) is None:
                return False
            if ref != nan_text(kind, int(text, 16)):
                stats[CLASS_NAN_BITS] += 1
            return True
        try:
            theirs = float(ref)
        except ValueError:
            return False
        return theirs == value and math.copysign(1, theirs) == math.copysign(1, value)
    return False


def nan_text(kind, bits):
    """binaryen's spelling of a NaN (Literal::printFloat): [-]nan[:0xPAYLOAD]."""
    width = 23 if kind == "f32" else 52
    sign = "-" if bits >> (31 if kind == "f32" else 63) & 1 else ""
    payload = bits & ((1 << width) - 1)
    return f"{sign}nan:0x{payload:x}" if payload else f"{sign}nan"


def compare(ref_lines, our_lines):
    """Raises Divergence at the first difference; returns a Counter of the lines compared, by kind,
    and of the explained divergences, by class."""
    stats = Counter()
    if len(ref_lines) != len(our_lines):
        raise Divergence(f"{len(ref_lines)} reference lines, {len(our_lines)} engine lines")
    for n, (r, o) in enumerate(zip(ref_lines, our_lines)):
        rk, rname, rvals = parse_line(r)
        ok, oname, ovals = parse_line(o)
        if rk == "trap":
            rname = reference_trap(rname)
        if rk != ok or rname != oname or len(rvals) != len(ovals) or rk == "other" or \
                not all(same_value(a, b, stats) for a, b in zip(rvals, ovals)):
            raise Divergence(f"line {n + 1}: reference `{r}` engine `{o}`")
        stats[f"trap: {rname}" if rk == "trap" else rk] += 1
    return stats


def self_check():
    """The comparison must accept equal outputs and catch every kind of difference; checked before
    each run so that a broken comparator cannot pass modules."""
    ref = ["[fuzz-exec] calling f", "[LoggingExternalInterface logging 5 -1]",
           "[fuzz-exec] note result: f => (1, -nan:0x7fffa8, 2.5, -0, 3402823466385288598117041e14)",
           "[trap final > memory: 5 > 3]"]
    ours = ["[fuzz-exec] calling f", "[LoggingExternalInterface logging i32:5 i32:-1]",
            "[fuzz-exec] note result: f => (i32:1, f32:7fc00000, f64:4004000000000000, f32:80000000, f32:7f7fffff)",
            "[trap out of bounds memory access]"]
    assert compare(ref, ours)[CLASS_NAN_BITS] == 1
    for old, new in [("i32:5", "i32:6"), ("4004000000000000", "4004000000000001"), ("f32:80000000", "f32:00000000"),
                     ("f32:7fc00000", "f32:3f800000"), ("7f7fffff", "7f7ffffe"), ("out of bounds memory", "unreachable"),
                     ("calling f", "calling g")]:
        try:
            compare(ref, [line.replace(old, new) for line in ours])
        except Divergence:
            continue
        raise AssertionError(f"comparison missed {old} -> {new}")
    for cut in (ours[:-1], ours[1:]):
        try:
            compare(ref, cut)
        except Divergence:
            continue
        raise AssertionError("comparison missed a missing line")


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)


def check_module(wasm, tools, stats):
    """-> ("pass" | "skip" | "fail", detail); counts explained divergences into `stats`."""
    try:
        ref = run([tools.wasm_opt, wasm, *FEATURES, "--fuzz-exec-before", "-q"])
    except subprocess.TimeoutExpired:
        return "skip", "reference timed out"
    if ref.returncode != 0:
        return "skip", "reference failed to run the module"
    ref_lines = ref.stdout.splitlines()
    if any(line.startswith("[host limit") for line in ref_lines):
        return "skip", "reference hit a host limit"
    try:
        ours = run_driver(wasm, tools.driver, tools.canonical_nan)
    except subprocess.TimeoutExpired:
        return "fail", "engine timed out"
    if ours.returncode == 2 or ours.returncode == 3:
        if tools.wasm_validate and run([tools.wasm_validate, wasm]).returncode != 0:
            return "skip", "invalid Wasm 2.0 module (engine and wabt's wasm-validate reject it)"
        return "fail", f"engine rejects a module wabt validates: {ours.stdout.strip()}"
    if ours.returncode != 0:
        return "fail", f"driver exit status {ours.returncode}: {ours.stderr.strip()}"
    if tools.wasm_validate and run([tools.wasm_validate, wasm]).returncode != 0:
        return "fail", "engine accepts a module wabt's wasm-validate rejects"
    try:
        stats.update(compare(ref_lines, ours.stdout.splitlines()))
    except Divergence as d:
        try:  # class 2: NaN bits reached a non-NaN value; the divergence must vanish in the other NaN mode
            stats.update(compare(ref_lines, run_driver(wasm, tools.driver, not tools.canonical_nan).stdout.splitlines()))
        except Divergence:
            return "fail", str(d)
        stats[CLASS_NAN_LEAK] += 1
    return "pass", ""


def run_driver(wasm, driver, canonical_nan):
    return run([driver, *(["--canonical-nan"] if canonical_nan else []), wasm])


def generated_module(seed, index, tools, workdir, stats):
    """Generates module `index` of `seed` and checks it (check_module)."""
    rng = random.Random(f"{seed}/{index}")
    data = rng.randbytes(rng.randint(MIN_INPUT, MAX_INPUT))
    passes = rng.choice(PASSES)
    stem = os.path.join(workdir, f"m{index}")
    with open(stem + ".bin", "wb") as f:
        f.write(data)
    try:
        gen = run([tools.wasm_opt, stem + ".bin", "-ttf", *FEATURES, *passes, "-o", stem + ".wasm"])
    except subprocess.TimeoutExpired:
        return "skip", "generator timed out"
    if gen.returncode != 0:
        return "skip", "generator failed"
    outcome = check_module(stem + ".wasm", tools, stats)
    if outcome[0] == "fail" and tools.failures:
        os.makedirs(tools.failures, exist_ok=True)
        shutil.copy(stem + ".wasm", os.path.join(tools.failures, f"seed{seed}-{index}.wasm"))
    os.remove(stem + ".bin")
    os.remove(stem + ".wasm")
    return outcome


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--count", type=int, default=300, help="generated modules (default 300)")
    p.add_argument("--seed", type=int, default=1, help="seed of the pseudo-random input bytes (default 1)")
    p.add_argument("--driver", default=os.path.join(here, "../../build/bin/diff_driver"))
    p.add_argument("--wasm-opt", default=shutil.which("wasm-opt"))
    p.add_argument("--wasm-validate", default=shutil.which("wasm-validate"),
                   help="wabt's validator, consulted on every module (optional)")
    p.add_argument("--regressions", help="directory of saved .wasm modules to re-check")
    p.add_argument("--canonical-nan", action="store_true", help="run the engine with Config::canonical_nan on")
    p.add_argument("--failures", help="directory to copy failing generated modules into")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    tools = p.parse_args()
    self_check()
    if not os.path.exists(tools.driver):
        p.error(f"no diff_driver at {tools.driver} (build the target diff_driver, or pass --driver)")
    if not tools.wasm_opt:
        print("binaryen's wasm-opt not found: skipped")
        return 77
    outcomes = []  # (label, status, detail)
    stats = []  # one Counter per module: the threads never share one
    with tempfile.TemporaryDirectory() as workdir, concurrent.futures.ThreadPoolExecutor(tools.jobs) as pool:
        jobs = []
        for i in range(tools.count):
            stats.append(Counter())
            jobs.append((f"seed {tools.seed} module {i}",
                         pool.submit(generated_module, tools.seed, i, tools, workdir, stats[-1])))
        if tools.regressions and os.path.isdir(tools.regressions):  # absent: no regression yet
            for name in sorted(os.listdir(tools.regressions)):
                if name.endswith(".wasm"):
                    path = os.path.join(tools.regressions, name)
                    stats.append(Counter())
                    jobs.append((f"regression {name}", pool.submit(check_module, path, tools, stats[-1])))
        for label, job in jobs:
            status, detail = job.result()
            outcomes.append((label, status, detail))
            if status == "fail":
                print(f"FAIL {label}: {detail}")
    counts = Counter(status for _, status, _ in outcomes)
    print(f"{len(outcomes)} modules: {tools.count} generated (seed {tools.seed}, {MIN_INPUT}..{MAX_INPUT} random "
          f"bytes each, {' '.join(FEATURES)}, passes one of {PASSES}), {len(outcomes) - tools.count} regressions; "
          f"canonical_nan {'on' if tools.canonical_nan else 'off'}")
    for detail, n in sorted(Counter(d for _, s, d in outcomes if s == "skip").items()):
        print(f"  skipped {n}: {detail}")
    totals = sum(stats, Counter())
    print("  equal lines: " + ", ".join(f"{k} {n}" for k, n in sorted(totals.items()) if not k.startswith("class")))
    for cls in (CLASS_NAN_BITS, CLASS_NAN_LEAK):
        print(f"  explained divergence {cls}: {totals[cls]}")
    print(f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped")
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
