"""
Minimal QMP client for tests (Python standard library only).

    vm = QemuProcess(emulator, ['-machine', 'none'])
    qmp = vm.qmp()                  # greeting read, not negotiated
    qmp.cmd('qmp_capabilities')
    qmp.cmd('query-status')         # -> the full response dict
    vm.shutdown()
"""

import json
import os
import socket
import subprocess
import tempfile
import time


class QMPError(Exception):
    pass


class QMPClient:
    def __init__(self, path, timeout=20.0):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
        self.buf = b''
        self.events = []
        self.greeting = self.recv()

    def send_raw(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.sock.sendall(data)

    def recv(self):
        """Next message (event or response), raw dict."""
        while b'\n' not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise QMPError('connection closed')
            self.buf += chunk
        line, self.buf = self.buf.split(b'\n', 1)
        return json.loads(line)

    def recv_pretty(self):
        """Next message of a pretty-printing monitor (ends with '}\\n')."""
        while True:
            end = self.buf.find(b'\n}\n')
            if end >= 0:
                msg, self.buf = self.buf[:end + 2], self.buf[end + 3:]
                return json.loads(msg)
            chunk = self.sock.recv(65536)
            if not chunk:
                raise QMPError('connection closed')
            self.buf += chunk

    def response(self):
        """Next non-event message; events are queued in self.events."""
        while True:
            msg = self.recv()
            if 'event' in msg:
                self.events.append(msg)
                continue
            return msg

    def cmd(self, name, args=None, **extra):
        req = {'execute': name}
        if args is not None:
            req['arguments'] = args
        req.update(extra)
        self.send_raw(json.dumps(req))
        return self.response()

    def ok(self, name, args=None):
        rsp = self.cmd(name, args)
        if 'return' not in rsp:
            raise QMPError('%s failed: %r' % (name, rsp))
        return rsp['return']

    def event(self, name=None, match=None):
        """Next event called @name (if given) for which @match(event) is
        true (if given); events that do not match stay queued."""
        def wanted(ev):
            return ((name is None or ev['event'] == name) and
                    (match is None or match(ev)))

        for i, ev in enumerate(self.events):
            if wanted(ev):
                return self.events.pop(i)
        while True:
            ev = self.recv()
            if 'event' not in ev:
                raise QMPError('unexpected message %r' % ev)
            if wanted(ev):
                return ev
            self.events.append(ev)

    def close(self):
        self.sock.close()


class QemuProcess:
    """The emulator with one or more QMP unix sockets."""

    def __init__(self, emulator, args, monitors=1, pretty=False,
                 extra_stdin=False):
        self.dir = tempfile.mkdtemp(prefix='qmp-test-')
        self.socks = [os.path.join(self.dir, 'qmp%d.sock' % i)
                      for i in range(monitors)]
        cmdline = [emulator, '-nodefaults', '-nographic']
        for i, s in enumerate(self.socks):
            opt = '-qmp-pretty' if pretty and i == 0 else '-qmp'
            cmdline += [opt, 'unix:%s,server=on,wait=off' % s]
        cmdline += args
        self.proc = subprocess.Popen(cmdline, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)

    def qmp(self, index=0):
        return QMPClient(self.socks[index])

    def wait(self, timeout=20):
        try:
            return self.proc.wait(timeout)
        finally:
            self.cleanup()

    def shutdown(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.cleanup()

    def cleanup(self):
        for s in self.socks:
            try:
                os.unlink(s)
            except OSError:
                pass
        try:
            os.rmdir(self.dir)
        except OSError:
            pass
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except OSError:
                pass
