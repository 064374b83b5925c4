"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from httpserver import MockServer


@pytest.fixture(scope="session")
def _mock_server() -> Iterator[MockServer]:
    with MockServer() as server:
        yield server


@pytest.fixture
def http_server(_mock_server: MockServer) -> MockServer:
    """A real HTTP server on 127.0.0.1 (see tests/httpserver.py), counters and added routes reset."""
    _mock_server.reset()
    return _mock_server
