"""PyTorch figures for the same workloads as gpu-run.ts, on the same GPU, in the same session.

Writes a JSON object: matmul_{f32,tf32}_{n} in TFLOP/s, d2d_copy_gbs, h2d_pinned_gbs, d2h_pinned_gbs.
Usage: python3 torch-baseline.py OUT.json [--quick]
"""
import json
import sys

import torch


def timed(fn, iterations):
    fn()
    torch.cuda.synchronize()
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    samples = []
    for _ in range(3):
        start.record()
        for _ in range(iterations):
            fn()
        end.record()
        torch.cuda.synchronize()
        samples.append(start.elapsed_time(end) / 1000 / iterations)
    return sorted(samples)[1]


def main():
    out = {}
    sizes = [1024] if "--quick" in sys.argv else [1024, 2048, 4096, 8192]
    for tf32 in (False, True):
        torch.backends.cuda.matmul.allow_tf32 = tf32
        for n in sizes:
            a = torch.rand(n, n, device="cuda")
            b = torch.rand(n, n, device="cuda")
            s = timed(lambda: torch.matmul(a, b), 3 if n >= 4096 else 10)
            out[f"matmul_{'tf32' if tf32 else 'f32'}_{n}"] = 2 * n**3 / s / 1e12
    n = 256 * 2**20 // 4
    x = torch.empty(n, device="cuda")
    y = torch.empty(n, device="cuda")
    out["d2d_copy_gbs"] = 2 * n * 4 / timed(lambda: y.copy_(x), 10) / 1e9
    pinned = torch.empty(n, pin_memory=True)
    out["h2d_pinned_gbs"] = n * 4 / timed(lambda: x.copy_(pinned, non_blocking=True), 5) / 1e9
    out["d2h_pinned_gbs"] = n * 4 / timed(lambda: pinned.copy_(x, non_blocking=True), 5) / 1e9
    out["device"] = torch.cuda.get_device_name()
    out["torch"] = torch.__version__
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, indent=2)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
