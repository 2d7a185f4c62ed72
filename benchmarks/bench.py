"""Benchmark: every figure beside a naive baseline measured in the same run.

    python -m benchmarks.bench                 # everything (about 20 minutes on 2 cores)
    python -m benchmarks.bench --quick         # fewer repetitions, 200k synthetic vectors
    python -m benchmarks.bench --json out.json

The naive baseline is the plain implementation: ``SentenceTransformer(...)`` loaded in
the process, ``encode`` per question, exact ``IndexFlatIP`` search, and for HTTP a
FastAPI route doing that inside ``async def`` with no cache (benchmarks/naive_server.py).
It prints figures, never asserts them: speed targets live here, not in the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chatbot.config import Settings  # noqa: E402
from chatbot.evaluate import load_items, percentile  # noqa: E402

QUESTION = "are exosomes safe"
NAIVE_ASK = """
import json, os, sys
os.environ.setdefault("HF_HUB_OFFLINE", "1")
from sentence_transformers import SentenceTransformer
import faiss
index_dir = sys.argv[1]
model = SentenceTransformer(sys.argv[2], device="cpu")
index = faiss.read_index(index_dir + "/vectors.faiss")
passages = [json.loads(l) for l in open(index_dir + "/passages.jsonl")]
scores, ids = index.search(model.encode([sys.argv[3]], normalize_embeddings=True), 3)
print(passages[ids[0][0]]["text"])
"""


# ---------------------------------------------------------------- helpers

PEAK_REPORTER = ("import atexit, sys\n"
                 "atexit.register(lambda: print('PEAK_KB', open('/proc/self/status').read()"
                 ".split('VmHWM:')[1].split()[0], file=sys.stderr))\n")


def run_measured(code: str, args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (MB) of a fresh Python process running ``code``.

    The peak is read from the child's own /proc status (VmHWM) at exit: the rusage of a
    spawned child also counts the parent's pages, which here hold torch and the model.
    """
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK_REPORTER + code, *args], env=env, cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"benchmark process failed: {done.stderr[-500:]}")
    peak_kb = int(done.stderr.rsplit("PEAK_KB", 1)[1].split()[0])
    return elapsed, peak_kb // 1024


def stats_ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"p50": round(percentile(ordered, 50), 2), "p95": round(percentile(ordered, 95), 2),
            "p99": round(percentile(ordered, 99), 2), "n": len(ordered)}


def ratio(ours: float, naive: float) -> str:
    return f"{naive / ours:.1f}x faster" if ours < naive else f"{ours / naive:.1f}x slower"


def machine() -> dict[str, object]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    except OSError:
        memory = 0
    import faiss
    import sentence_transformers
    import torch

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": memory, "python": platform.python_version(),
            "os": platform.platform(), "torch": torch.__version__, "faiss": faiss.__version__,
            "sentence_transformers": sentence_transformers.__version__, "numpy": np.__version__}


# ---------------------------------------------------------------- measurements

def cold_ask(settings: Settings, runs: int) -> dict[str, object]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "CHATBOT_INDEX_DIR": str(settings.index_dir)}
    ours_code = "import runpy\nsys.argv = ['chatbot', 'ask', sys.argv[1]]\nrunpy.run_module('chatbot', run_name='__main__')"
    ours = [run_measured(ours_code, [QUESTION], env) for _ in range(runs)]
    naive = [run_measured(NAIVE_ASK, [str(settings.index_dir), settings.model_path, QUESTION], env)
             for _ in range(runs)]
    result = {"ours_s": statistics.median(t for t, _ in ours), "naive_s": statistics.median(t for t, _ in naive),
              "ours_peak_mb": max(m for _, m in ours), "naive_peak_mb": max(m for _, m in naive), "runs": runs}
    result["ratio"] = ratio(result["ours_s"], result["naive_s"])
    return result


def in_process(settings: Settings, questions: list[str], reference) -> dict[str, object]:
    import faiss

    from chatbot.core import Chatbot

    bot = Chatbot.open(settings, log=lambda _: None)
    for q in questions[:5]:
        bot.ask(q)
    ours = []
    for q in questions:
        started = time.perf_counter()
        bot.ask(q)
        ours.append((time.perf_counter() - started) * 1000)
    index = faiss.read_index(str(settings.index_dir / "vectors.faiss"))
    naive = []
    for q in questions:
        started = time.perf_counter()
        index.search(reference.encode_queries([q]), 3)
        naive.append((time.perf_counter() - started) * 1000)
    result = {"ours_ms": stats_ms(ours), "naive_ms": stats_ms(naive)}
    result["ratio_p50"] = ratio(result["ours_ms"]["p50"], result["naive_ms"]["p50"])
    return result


def agreement(settings: Settings, questions: list[str], reference) -> dict[str, object]:
    """How often the fast encoder and the reference give the same reply, over every FAQ question.

    The test suite checks a quarter of the FAQ set (tests/test_fast_encoder.py); this is the whole
    of it, about 0.1 s a question for the reference.
    """
    from chatbot.core import Chatbot

    quick = Chatbot.open(settings.with_(encoder="fast"), log=lambda _: None)
    slow = Chatbot(quick.settings, quick.store, reference)
    same_top = same_status = 0
    differ: list[str] = []
    for question in questions:
        ours, theirs = quick.ask(question), slow.ask(question)
        top = [s.id for s in ours.sources[:1]] == [s.id for s in theirs.sources[:1]]
        status = ours.status == theirs.status
        same_top, same_status = same_top + top, same_status + status
        if not (top and status):
            differ.append(question)
    return {"questions": len(questions), "same_top_source": same_top, "same_status": same_status,
            "differ": differ[:20]}


async def _load(url: str, questions: list[str], total: int, clients: int) -> tuple[list[float], float, int]:
    import httpx

    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))

    async def client_loop(http: httpx.AsyncClient) -> None:
        nonlocal errors
        for i in counter:
            started = time.perf_counter()
            response = await http.post("/api/ask", json={"question": questions[i % len(questions)]})
            latencies.append((time.perf_counter() - started) * 1000)
            errors += response.status_code != 200

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client_loop(http) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return latencies, total / elapsed, errors


def _start(cmd: list[str], env: dict[str, str], url: str) -> subprocess.Popen:
    import httpx

    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"server did not start: {cmd}")


def _peak_mb(pid: int) -> int:
    """Peak resident memory of a process and its children (uvicorn workers), in MB."""
    total = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            total += int(line.split()[1]) // 1024
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            total += _peak_mb(int(child))
    return total


def http_load(settings: Settings, questions: list[str], clients: int, repeated: int, unique: int,
              workers: int) -> dict[str, object]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "CHATBOT_INDEX_DIR": str(settings.index_dir),
           "CHATBOT_RATE_LIMIT": "0", "BENCH_INDEX_DIR": str(settings.index_dir),
           "BENCH_MODEL_PATH": settings.model_path}
    unique_questions = [f"{questions[i % len(questions)]} (variant {i})" for i in range(max(unique, 1))]
    servers = {
        "ours": [sys.executable, "-m", "chatbot", "serve", "--port", "8100", "--workers", str(workers)],
        "naive": [sys.executable, "-m", "uvicorn", "benchmarks.naive_server:app", "--port", "8101",
                  "--log-level", "warning", "--no-access-log"],
    }
    results: dict[str, object] = {"clients": clients, "workers": workers}
    for name, cmd in servers.items():
        url = f"http://127.0.0.1:{cmd[cmd.index('--port') + 1]}"
        proc = _start(cmd, env, url)
        try:
            share = 1 if name == "ours" else 4  # the naive server is slow: fewer requests, same concurrency
            rep_lat, rep_rps, rep_err = asyncio.run(_load(url, questions, repeated // share, clients))
            uni_lat, uni_rps, uni_err = asyncio.run(_load(url, unique_questions, unique // share, clients))
            peak = _peak_mb(proc.pid)
            results[name] = {"repeated": {**stats_ms(rep_lat), "rps": round(rep_rps, 1), "errors": rep_err},
                             "unique": {**stats_ms(uni_lat), "rps": round(uni_rps, 1), "errors": uni_err},
                             "peak_mb": peak}
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return results


def build_speed(settings: Settings, reference, copies: int) -> dict[str, object]:
    import faiss

    from chatbot.core import build_index
    from chatbot.ingest import load_corpus
    from chatbot.split import split_documents

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        article = (settings.corpus_dir / "understanding-exosomes.txt").read_text()
        for i in range(copies):
            (corpus / f"article-{i:03d}.txt").write_text(article.replace("Exosomes", f"Exosomes ({i})", 1))
        big = settings.with_(corpus_dir=corpus, index_dir=Path(tmp) / "index")
        started = time.perf_counter()
        manifest = build_index(big, reference, log=lambda _: None)
        ours = time.perf_counter() - started
        passages = split_documents(load_corpus(corpus))
        started = time.perf_counter()
        vectors = reference.encode_documents([p.text for p in passages])
        faiss.IndexFlatIP(vectors.shape[1]).add(vectors)
        naive = time.perf_counter() - started
    return {"passages": manifest.passages, "sentences": manifest.sentences, "ours_s": round(ours, 2),
            "ours_passages_per_s": round(manifest.passages / ours, 1), "naive_s": round(naive, 2),
            "naive_passages_per_s": round(manifest.passages / naive, 1),
            "note": "ours also embeds every sentence (for extractive answers)"}


def million(n: int, dim: int, queries: int = 200) -> dict[str, object]:
    import faiss

    from chatbot.index import VectorIndex

    rng = np.random.default_rng(0)
    centers = rng.normal(size=(max(n // 500, 10), dim)).astype(np.float32)
    data = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):  # clustered, like real embeddings; built in chunks to bound memory
        stop = min(n, start + 100_000)
        chunk = centers[rng.integers(0, len(centers), stop - start)]
        chunk += 0.6 * rng.normal(size=chunk.shape).astype(np.float32)
        data[start:stop] = chunk / np.linalg.norm(chunk, axis=1, keepdims=True)
    query = data[rng.choice(n, queries, replace=False)] + 0.1 * rng.normal(size=(queries, dim)).astype(np.float32)
    query /= np.linalg.norm(query, axis=1, keepdims=True)

    started = time.perf_counter()
    flat = faiss.IndexFlatIP(dim)
    flat.add(data)
    flat_build = time.perf_counter() - started
    started = time.perf_counter()
    approx = VectorIndex.build(data)
    approx_build = time.perf_counter() - started

    def timed(search) -> tuple[list[float], np.ndarray]:
        lat, found = [], []
        for q in query:
            t = time.perf_counter()
            found.append(search(q[None, :])[1][0])
            lat.append((time.perf_counter() - t) * 1000)
        return lat, np.array(found)

    flat_lat, truth = timed(lambda q: flat.search(q, 10))
    approx_lat, found = timed(lambda q: approx.search(q, 10))
    recall = float(np.mean([len(set(t) & set(f)) / 10 for t, f in zip(truth, found)]))
    nlist = approx._index.nlist if hasattr(approx._index, "nlist") else 0
    return {"vectors": n, "dimension": dim, "index_type": approx.kind, "nlist": nlist,
            "flat": {"build_s": round(flat_build, 2), "search_ms": stats_ms(flat_lat),
                     "memory_mb": round(n * dim * 4 / 2**20)},
            "approximate": {"build_s": round(approx_build, 2), "search_ms": stats_ms(approx_lat),
                            "memory_mb": round((n * dim * 4 + n * 8 + nlist * dim * 4) / 2**20),
                            "recall@10": round(recall, 4)}}


# ---------------------------------------------------------------- report

def report(results: dict[str, object]) -> str:
    m, c, p, h, b, v = (results[k] for k in ("machine", "cold_ask", "in_process", "http", "build", "vectors"))
    lines = [f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}, "
             f"torch {m['torch']}, faiss {m['faiss']}",
             "",
             "| measure | ours | naive baseline | ratio |", "|---|---|---|---|",
             f"| cold `ask` wall time (median of {c['runs']}) | {c['ours_s']:.2f} s | {c['naive_s']:.2f} s | {c['ratio']} |",
             f"| cold `ask` peak memory | {c['ours_peak_mb']} MB | {c['naive_peak_mb']} MB | |",
             f"| in-process query p50 / p95 | {p['ours_ms']['p50']} / {p['ours_ms']['p95']} ms | "
             f"{p['naive_ms']['p50']} / {p['naive_ms']['p95']} ms | {p['ratio_p50']} (p50) |"]
    for kind in ("repeated", "unique"):
        o, n = h["ours"][kind], h["naive"][kind]
        lines.append(f"| HTTP {kind} questions, {h['clients']} clients: p50 / p95 / p99 | {o['p50']} / {o['p95']} / "
                     f"{o['p99']} ms | {n['p50']} / {n['p95']} / {n['p99']} ms | |")
        lines.append(f"| HTTP {kind} questions: throughput | {o['rps']} req/s | {n['rps']} req/s | "
                     f"{o['rps'] / max(n['rps'], 1e-9):.1f}x |")
    if "agreement" in results:
        a = results["agreement"]
        lines.append(f"| fast encoder vs reference, {a['questions']:,} FAQ questions: same top source, same status | "
                     f"{a['same_top_source']:,}, {a['same_status']:,} | | |")
    lines.append(f"| server peak memory | {h['ours']['peak_mb']} MB | {h['naive']['peak_mb']} MB | |")
    lines.append(f"| index build, {b['passages']} passages (+{b['sentences']} sentences) | {b['ours_s']} s "
                 f"({b['ours_passages_per_s']} passages/s) | {b['naive_s']} s ({b['naive_passages_per_s']} passages/s) | |")
    lines.append(f"| {v['vectors']:,} synthetic vectors: search p50 / p95 | {v['index_type']}: "
                 f"{v['approximate']['search_ms']['p50']} / {v['approximate']['search_ms']['p95']} ms | exact: "
                 f"{v['flat']['search_ms']['p50']} / {v['flat']['search_ms']['p95']} ms | "
                 f"recall@10 {v['approximate']['recall@10']} |")
    lines.append(f"| {v['vectors']:,} vectors: build, memory | {v['approximate']['build_s']} s, "
                 f"{v['approximate']['memory_mb']} MB | {v['flat']['build_s']} s, {v['flat']['memory_mb']} MB | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and 200k synthetic vectors")
    parser.add_argument("--vectors", type=int, default=None, help="synthetic vectors for the search benchmark")
    parser.add_argument("--clients", type=int, default=16, help="concurrent HTTP clients (default 16)")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (default 1)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--only", default="", help="comma-separated steps to run (machine,cold_ask,in_process,"
                                                   "http,build,vectors); the report needs all of them")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    settings = Settings.from_env()
    from chatbot.core import Chatbot, load_embedder

    Chatbot.open(settings)  # make sure index/ is built and current
    print("loading the reference model ...", file=sys.stderr)
    reference = load_embedder(settings, log=lambda _: None)
    questions = [i.question for i in load_items(settings.corpus_dir / "faq.jsonl")[0]]
    steps = [
        ("machine", lambda: machine()),
        ("cold_ask", lambda: cold_ask(settings, 3 if args.quick else 7)),
        ("in_process", lambda: in_process(settings, questions * (1 if args.quick else 3), reference)),
        ("http", lambda: http_load(settings, questions, args.clients, 1000 if args.quick else 3000,
                                   300 if args.quick else 1000, args.workers)),
        ("build", lambda: build_speed(settings, reference, 10 if args.quick else 50)),
        ("agreement", lambda: agreement(settings, questions[::8] if args.quick else questions, reference)),
        ("vectors", lambda: million(args.vectors or (200_000 if args.quick else 1_000_000), reference.dimension)),
    ]
    results: dict[str, object] = {}
    only = {n.strip() for n in args.only.split(",") if n.strip()}
    for name, step in steps:
        if only and name not in only:
            continue
        print(f"measuring {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        results[name] = step()
        print(f"  {name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(report(results) if not only else json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
