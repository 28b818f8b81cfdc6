"""Is anything listening at a Ray head's address?  Asked before Ray is even imported.

``ray.init(address="127.0.0.1:1")`` retries an unreachable head for minutes without a word.
:func:`probe` opens a plain TCP connection to the head's port with a timeout and turns a
refusal or silence into a :class:`ClusterError` that says what to do, in seconds.
"""

from __future__ import annotations

import socket

from .errors import ClusterError

CONNECT_TIMEOUT = 10.0  # seconds for the head's port to answer before giving up with a message


def host_port(address: str) -> tuple[str, int] | None:
    """(host, port) of ``HOST:PORT`` or ``ray://HOST:PORT``; None for anything else."""
    target = address[len("ray://"):] if address.startswith("ray://") else address
    host, sep, port = target.rpartition(":")
    if not sep or not port.isdigit():
        return None
    return host.strip("[]") or "127.0.0.1", int(port)


def probe(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Raise :class:`ClusterError` when nothing answers at the address's port within ``timeout``.

    Addresses that are not HOST:PORT ("auto", "local") pass: Ray says what is wrong with them."""
    found = host_port(address)
    if found is None:
        return
    host, port = found
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        why = "no answer" if isinstance(exc, (TimeoutError, socket.timeout)) else (exc.strerror or str(exc))
        raise ClusterError(
            f"Could not reach a Ray cluster at '{address}': {why} at {host}:{port} (waited at most "
            f"{timeout:g} s). Start one with `ray start --head` (then `ray start --address=HEAD:6379` on each "
            "worker machine), check the address, or use --cluster local to start one on this machine."
        ) from None
