"""The GIL is released while the core parses, so parsing overlaps Python work."""

from __future__ import annotations

import threading
import time
from typing import List

import jixiao
from jixiao import _jixiao


def test_native_parse_releases_the_gil() -> None:
    # Big enough that the core needs a noticeable time (some 10 ms or more).
    text = jixiao.SAMPLE * 60
    window: List[float] = []

    def worker() -> None:
        window.append(time.perf_counter())
        _jixiao.parse(text)
        window.append(time.perf_counter())

    ticks: List[float] = []
    thread = threading.Thread(target=worker)
    thread.start()
    while thread.is_alive():
        ticks.append(time.perf_counter())  # pure-Python work: needs the GIL
    thread.join()
    start, end = window
    inside = [t for t in ticks if start < t < end]
    # Had the call kept the GIL from start to end, this thread could not have
    # run at all in between. It ran many times.
    assert len(inside) > 100, (len(inside), end - start)


def test_parallel_parses_agree(sample: jixiao.Document) -> None:
    results: List[jixiao.Document] = []
    lock = threading.Lock()

    def worker() -> None:
        doc = jixiao.parse(jixiao.SAMPLE)
        with lock:
            results.append(doc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(doc == sample for doc in results)
