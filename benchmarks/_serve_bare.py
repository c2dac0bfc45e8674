"""Serve a bare app as `nightcramps serve` serves NightCramps: ``python -m benchmarks._serve_bare
fastapi|starlette PORT`` (the same ``uvicorn.run`` options: one process, log level warning, no
server header)."""

from __future__ import annotations

import sys

import uvicorn

from benchmarks.bare_fastapi import create_bare_fastapi
from benchmarks.bare_starlette import create_bare_starlette

if __name__ == "__main__":
    kind, port = sys.argv[1], int(sys.argv[2])
    app = create_bare_fastapi() if kind == "fastapi" else create_bare_starlette()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", server_header=False)
