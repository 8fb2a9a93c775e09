"""Templates compile one at a time, whatever the number of threads."""

from __future__ import annotations

import threading
import time

from chameleon.zpt.template import PageTemplate


def test_two_threads_never_compile_at_once(app):
    # The application installed the lock; a template whose compiling is slow shows
    # whether a second thread waits for the first.
    running, most = [0], [0]
    guard = threading.Lock()

    class SlowTemplate(PageTemplate):
        def _compile(self, body, builtins):
            with guard:
                running[0] += 1
                most[0] = max(most[0], running[0])
            time.sleep(0.05)
            with guard:
                running[0] -= 1
            return super()._compile(body, builtins)

    start = threading.Barrier(3)
    results = []

    def cook(n):
        start.wait()
        results.append(SlowTemplate(f"<p>${{'{n}'}}</p>")())

    threads = [threading.Thread(target=cook, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1
    assert sorted(results) == ["<p>0</p>", "<p>1</p>", "<p>2</p>"]
