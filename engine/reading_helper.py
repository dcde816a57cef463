"""A second process that reads titles beside this one, so that a first ranking of many never-read titles uses both
cores of the machine.

Reading a title (`read_one`: engine.titles.read_lexically, canonical_role and engine.rolewords.english_role) is pure
Python over the title alone, and it is most of what a first ranking costs: about 1.1 s of a 2.5 s `unstuck rank`
over 30,000 contacts with 15,000 distinct titles the store has not remembered yet (engine.readings). Two processes
that each read part of the titles give the same readings in about half the time.

The helper is a child Python, `python -m engine.reading_helper`. It loads the readers, says it is ready, then reads
each batch of titles it is sent and sends back their readings, pickled, over its standard input and output. It opens
no file of the user's and needs no network.

`TitleHelper.read(titles)` reads batches from the front of the list in this process while the helper takes batches
from the back, two at a time, until the two meet: each title is read once, by one of them. A helper that is not
ready yet is sent nothing, so this process never waits on its start; a helper that fails is left aside, and this
process reads what it had been sent. Either way the readings are the same as reading every title here.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections import deque
from pathlib import Path
from typing import BinaryIO

from engine.rolewords import english_role
from engine.titles import TitleInfo, canonical_role, read_lexically

Reading = tuple[TitleInfo, str, str]  # read_lexically, canonical_role, english_role of one title

BATCH = 200  # titles per batch: about 15 ms of reading, so neither side waits long for the other at the end
IN_FLIGHT = 2  # batches the helper holds at once: it reads the next while its last reply is collected
_READY = "ready"
REPLY_WAIT = 10.0  # seconds: a batch takes milliseconds; a helper silent this long is left aside
_HEADER = struct.Struct("<I")


def read_one(title: str) -> Reading:
    """How one title reads, as this process's memos would hold it."""
    return read_lexically(title), canonical_role(title), english_role(title)


def _write(stream: BinaryIO, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read(stream: BinaryIO) -> object:
    """The next message, or EOFError when the other side closed its end."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    size = _HEADER.unpack(header)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def _drained(stream: BinaryIO) -> queue.SimpleQueue:
    """A queue that a daemon thread fills with every message read from the stream, then None at its end (or on any
    error). Reading on a thread keeps the pipe drained, so the writer at its other end never blocks on a full pipe
    while it waits for this side (which could otherwise wait for it in turn)."""
    messages: queue.SimpleQueue = queue.SimpleQueue()

    def pump() -> None:
        try:
            while True:
                messages.put(_read(stream))
        except BaseException:  # noqa: BLE001  (the end of the stream, or a helper that died mid-message)
            messages.put(None)
    threading.Thread(target=pump, name="reading-helper-pipe", daemon=True).start()
    return messages


class TitleHelper:
    """A helper process, started at once and loading in the background; `read` shares work with it, `close` ends it.
    Use it as a context manager."""

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parents[1])  # this engine, whether installed or run from a checkout
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        self.ready = False
        try:
            self._process = subprocess.Popen([sys.executable, "-m", "engine.reading_helper"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        except OSError:  # no process to be had: this one reads everything
            self._process, self.alive = None, False
            self._replies: queue.SimpleQueue = queue.SimpleQueue()
        else:
            self._replies, self.alive = _drained(self._process.stdout), True
        self.read_by_helper = 0  # titles the helper read in the last `read` (for tests and benches)

    def __enter__(self) -> TitleHelper:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def wait_ready(self, timeout: float) -> bool:
        """Wait until the helper has loaded (tests use it to be sure it takes a share); whether it has."""
        if self.alive and not self.ready:
            with contextlib.suppress(queue.Empty):
                self._take(self._replies.get(timeout=timeout))
        return self.ready

    def _take(self, message: object) -> object:
        """Note what a message says about the helper; the message (None when the helper has gone)."""
        if message is None:
            self.alive = False
        elif message == _READY:
            self.ready = True
        return message

    def _poll(self) -> object:
        """The helper's next message if one has come, else None (without waiting)."""
        try:
            return self._take(self._replies.get_nowait())
        except queue.Empty:
            return None

    def read(self, titles: list[str]) -> list[Reading]:
        """read_one of each title, in order: this process reads from the front, the helper (once ready) from the
        back."""
        batches = [titles[i:i + BATCH] for i in range(0, len(titles), BATCH)]
        out: list[list[Reading] | None] = [None] * len(batches)
        front, back = 0, len(batches)  # this process reads batches[front:back]; the helper was given batches[back:]
        sent: deque[int] = deque()  # batches given to the helper and not answered yet, oldest first
        self.read_by_helper = 0
        while front < back:
            if self.alive and not self.ready:
                self._poll()  # before it is ready, the helper says only that (or goes)
            while self.ready and self.alive and len(sent) < IN_FLIGHT and back - front > 1 and self._send(
                    batches[back - 1]):
                back -= 1
                sent.append(back)
            out[front] = [read_one(t) for t in batches[front]]
            front += 1
            while sent and (reply := self._poll()) is not None:
                self._collect(out, batches, sent.popleft(), reply)
        while sent and self.alive:  # the helper's last batches
            try:
                reply = self._take(self._replies.get(timeout=REPLY_WAIT))
            except queue.Empty:  # a helper that hangs is left aside like one that failed
                self.alive = False
                break
            self._collect(out, batches, sent.popleft(), reply)
        for i, batch in enumerate(out):  # what a helper that failed did not answer
            if batch is None:
                out[i] = [read_one(t) for t in batches[i]]
        return [reading for batch in out for reading in batch]

    def _collect(self, out: list, batches: list[list[str]], index: int, reply: object) -> None:
        if isinstance(reply, list) and len(reply) == len(batches[index]):
            out[index] = reply
            self.read_by_helper += len(reply)

    def _send(self, batch: list[str]) -> bool:
        try:
            _write(self._process.stdin, batch)
            return True
        except OSError:
            self.alive = False
            return False

    def close(self) -> None:
        """End the helper: it stops after the batch in hand (at once if it never got ready)."""
        if self._process is not None and self._process.poll() is None:
            with contextlib.suppress(OSError):
                self._process.stdin.close()
            if not self.ready:
                self._process.kill()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self.alive = False


def main() -> None:
    """The helper's side: load the readers, say so, then answer each batch until the input ends."""
    read_one("Data Engineer")  # the lexicons and role words load on first use
    requests, out = _drained(sys.stdin.buffer), sys.stdout.buffer
    _write(out, _READY)
    while (batch := requests.get()) is not None:
        _write(out, [read_one(title) for title in batch])
    os._exit(0)  # the input ended: nothing to tidy up (no file open), so none of an interpreter's usual exit work


if __name__ == "__main__":
    main()
